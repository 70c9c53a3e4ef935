"""Phrasings the synthetic stories are written with (original text, news register).

Each template is a ``str.format`` string over the slots a :class:`bench.stories.Story`
fills: ``A``/``B``/``C`` (first mention of a person with title and country), ``a``/``b``
(short mention), ``X``/``Y`` (country names), ``Xdem``/``Ydem`` (demonyms), ``city``,
``when`` (a past time phrase), ``fut`` (a future one), ``topic``, ``clause`` ... The mix
deliberately covers the constructions the extractor must handle: visits (arrived in, visited, is on a trip to,
led a delegation to, toured), meetings (held talks, received, hosted, met on the
sidelines), phone and video calls, multilateral meetings, direct and reported statements,
pronoun and short-form attribution, planned trips.
"""

from __future__ import annotations

VISIT_PAST = (
    "{A} arrived in {city} {when} for a {ndays}-day {vkind} visit to {Y}, {his} first since taking office.",
    "{A} visited {Y} {when}, the first trip to the country by a {Xdem} {title} in {nyears} years.",
    "{A} is on a {ndays}-day {vkind} visit to {Y}, where {he} is expected to discuss {topic}.",
    "{A} led a {Xdem} delegation to {city} {when} for talks on {topic}.",
    "{A} landed in {city} {when} at the start of a regional tour that will also take {him} to {Y2}.",
    "{A} toured a port outside {city} {when} on the second day of {his} visit to {Y}.",
    "During {his} visit to {city} {when}, {A} laid a wreath at the national war memorial.",
    "{A} wrapped up a {ndays}-day trip to {Y} {when} with a visit to {city2}.",
)
VISIT_PLANNED = (
    "{A} will travel to {city} {fut} for talks with {B}.",
    "{A} is set to visit {Y} {fut}, {his} office said.",
    "{A} is expected to make an official visit to {Y} {fut}, according to diplomatic sources.",
    "{A} plans to visit {city} {fut} to discuss {topic}.",
    "{A} will pay a {ndays}-day state visit to {Y} starting {fut}, the foreign ministry in {Xcap} announced.",
)
MEETING_IN_PERSON = (
    "{A} held talks with {B} in {city} {when}.",
    "{A} met {his} {Ydem} counterpart {Bname} in {city} {when} to discuss {topic}.",
    "{B} received {A} at the presidential palace in {city} {when}.",
    "{A} and {B} met on the sidelines of the {summit} {when}.",
    "{B} hosted {A} for talks in {city} {when}, focusing on {topic}.",
    "{A} sat down with {B} {when} for what officials described as frank discussions on {topic}.",
)
MEETING_CALL = (
    "{A} and {B} spoke by phone {when} about {topic}.",
    "{A} held a telephone call with {B} {when}, {his} office said.",
    "In a video call {when}, {A} and {B} discussed {topic}.",
    "{A} held a virtual meeting with {B} {when} on {topic}.",
    "{A} discussed {topic} with {B} in a phone conversation {when}.",
)
MEETING_MULTI = (
    "{A}, {B} and {C} held trilateral talks in {city} {when} on {topic}.",
    "{A} met {B} and {C} in {city} {when}, the first meeting of the three since {year}.",
    "Leaders including {A}, {B} and {C} gathered in {city} {when} for the {summit}.",
)
MEETING_TRACK2 = (
    "{N}, {antitle} at the {tank}, met {B} in {city} {when} as part of an informal dialogue on {topic}.",
    "Scholars led by {N} of the {tank} held closed-door talks with {B} in {city} {when}.",
)
FOLLOW_UP = (
    "Later that day, {a} met {B}.",
    "{a} is also scheduled to meet {B} before returning to {Xcap}.",
    "{a} later held separate talks with {B} on {topic}.",
    "{a} will travel on to {city2} {fut}.",
)

DIRECT = (
    '"{q}," {a} told reporters after the talks.',
    "\u201c{q},\u201d {a} said at a joint news conference.",
    '{a} said: "{q}."',
    '"{q}," said {a}, adding that {clause}.',
    "{a} told {media} in an interview published {when}: \u201c{q}.\u201d",
    '"{q}," {a} said. "{q2}."',
    "\u201c{q},\u201d {a} wrote on social media after the meeting.",
)
REPORTED = (
    "{a} said {clause}.",
    "{a} urged {Y} to {action}.",
    "{a} stressed that {clause}.",
    "{a} warned that {clause}.",
    "{a} called for {demand}.",
    "{He} also noted that {clause}.",
    "According to a statement from the {Xdem} foreign ministry, {clause}.",
    "The {Xdem} foreign ministry said in a statement that {clause}.",
    "{a} told state media {when} that {clause}.",
    "{He} added that {clause}.",
)
NONGOV_COMMENT = (
    '{N}, {antitle} at the {tank}, said: "{q}."',
    "{N}, {antitle} at the {tank}, said {clause}.",
    "Analysts said {clause}.",
)
BACKGROUND = (
    "Trade between the two countries reached ${n} billion last year, according to official figures.",
    "{X} and {Y} established diplomatic relations in {year}.",
    "Relations between the two countries have been strained since {year}, when a dispute over {topic} led to the recall of ambassadors.",
    "The two governments signed {nagr} agreements covering {topic}, {topic2} and tourism.",
    "{Y} is {Xposs} {rank} largest trading partner, and investment between them has grown steadily over the past decade.",
    "Officials said a joint commission would meet in {Ycap} before the end of the year to follow up on the agreements.",
    "The talks took place against the backdrop of rising tension over {topic}.",
    "Opposition politicians in {X} criticised the visit, saying the government should have pressed harder on human rights.",
    "Some {n2},000 {Xdem} nationals live and work in {Y}, according to the foreign ministry.",
    "No joint statement was issued at the end of the meeting.",
    "The last visit at this level took place in {year}, when the two sides agreed to cooperate on {topic2}.",
    "Diplomats in {Ycap} said preparations for the talks had taken several months and involved working-level meetings on {topic2}.",
    "{X} has sought to diversify its partnerships in recent years, courting investors from Asia, Europe and the Gulf while keeping close security ties with its traditional allies.",
    "The government in {Ycap} has faced criticism at home over rising prices, and officials have pinned hopes on new investment to create jobs for a fast-growing population.",
    "Business leaders travelling with the delegation were expected to sign memorandums of understanding worth about ${n} million in {sector}, renewable energy and logistics.",
    "Human rights groups urged both governments to raise the cases of detained activists, saying economic ties should not come at the expense of basic freedoms.",
    "The two countries are members of several regional bodies and have coordinated positions on {topic2} at the United Nations, though they differ on how to respond to the conflict in the region.",
    "Security was tight in {city}, with several roads closed to traffic and extra police deployed around government buildings and the venue of the talks.",
    "A visa-free regime for holders of diplomatic and service passports came into force in {year}, and airlines have since added direct flights between the two capitals.",
    "Officials from both sides declined to say whether the question of {topic2} had been discussed in detail, citing the sensitivity of the negotiations.",
)

QUOTES = (
    "Our two countries share a long history of friendship and we intend to build on it",
    "We will not accept any interference in our internal affairs",
    "Dialogue is the only way forward, and our door remains open",
    "This visit opens a new chapter in our relations",
    "We discussed every issue frankly, including the ones on which we disagree",
    "There can be no lasting peace without justice for the victims",
    "We are ready to work with all partners who respect our sovereignty",
    "The world cannot afford another decade of broken promises on climate",
    "Our partnership is not directed against any third country",
    "We expect concrete results, not just declarations",
    "Trade is the best bridge between our peoples",
    "We stand firmly with our neighbours in this difficult moment",
    "Sanctions have only hurt ordinary people",
    "The agreement we signed today will create thousands of jobs",
    "We will defend our interests by every lawful means",
    "It was a constructive and very open conversation",
    "The security of the region is indivisible",
    "Nobody wins a trade war",
    "We have agreed to meet again before the end of the year",
    "The situation on the ground is deeply worrying",
)
CLAUSES = (
    "the two sides had agreed to expand cooperation in {sector}",
    "{X} remained committed to a peaceful settlement of the dispute",
    "{Y} was a reliable partner for {X}",
    "the talks had been constructive and forward-looking",
    "there could be no military solution to the conflict",
    "new sanctions would be counterproductive",
    "the two governments would set up a working group on {sector}",
    "{X} would not accept unilateral changes to the status quo",
    "the visit reflected the strong momentum in bilateral ties",
    "both leaders had condemned the attack on civilians",
    "a free trade agreement could be concluded within a year",
    "{X} was concerned about the growing humanitarian crisis",
)
ACTIONS = (
    "release the detained journalists", "return to the negotiating table",
    "respect the ceasefire", "lift restrictions on imports from {X}",
    "support the reform of the Security Council", "reopen its embassy in {Xcap}",
)
DEMANDS = (
    "an immediate ceasefire", "closer coordination on {sector}", "the reform of global financial institutions",
    "a regional conference on migration", "restraint on all sides", "faster delivery of humanitarian aid",
)
TOPICS = (
    "trade and investment", "energy cooperation", "maritime security", "climate finance", "migration",
    "the war in Ukraine", "the situation in Gaza", "food security", "critical minerals",
    "regional security", "visa liberalisation", "infrastructure financing", "counter-terrorism",
    "debt relief", "nuclear energy", "fisheries", "digital cooperation", "the Red Sea shipping crisis",
)
SECTORS = ("energy", "agriculture", "defence", "health", "education", "technology", "transport", "mining",
           "tourism", "space research")
SUMMITS = (
    "G20 summit", "UN General Assembly", "BRICS summit", "ASEAN summit", "Munich Security Conference",
    "African Union summit", "COP climate conference", "NATO summit", "SCO summit", "Commonwealth meeting",
    "World Economic Forum in Davos", "APEC leaders' meeting",
)
VISIT_KINDS = ("official", "state", "working", "two-nation", "three-day")

HEADLINES = {
    "visit": (
        "{Xdem} {title} visits {Y} to discuss {topic}",
        "{Xdem} {title} arrives in {city} for talks",
        "{a} in {Y} on first visit as {title}",
        "{a} visit to {Y} seeks boost in {sector} ties",
    ),
    "planned": (
        "{Xdem} {title} to visit {Y} {fut}",
        "{a} to travel to {city} for talks on {topic}",
    ),
    "meeting": (
        "{Xdem}, {Ydem} leaders hold talks in {city}",
        "{a} and {b} discuss {topic}",
        "{a} meets {b} as ties warm",
    ),
    "call": (
        "{a}, {b} discuss {topic} in phone call",
        "{Xdem} and {Ydem} leaders speak by phone",
    ),
    "multi": (
        "{Xdem}, {Ydem} and {Zdem} leaders meet in {city}",
        "Trilateral talks in {city} focus on {topic}",
    ),
    "track2": ("Think tank dialogue in {city} tackles {topic}",),
    "statement": (
        "{a} warns on {topic}",
        "{Xdem} {title} calls for {demand}",
    ),
}
HIGHLIGHTS = (
    "Talks focus on {topic}",
    "First visit in {nyears} years",
    "{nagr} agreements signed",
    "Leaders to meet again next year",
    "Opposition criticises the trip",
)

# Non-diplomatic filler stories: same gazetteer places, no diplomatic events.
FILLER = {
    "weather": (
        "Heavy rain returns to {city} as {Y} braces for more floods",
        (
            "Heavy rain lashed {city} and surrounding districts {when}, flooding low-lying neighbourhoods and disrupting traffic.",
            "The national weather service said a low-pressure system was likely to bring more rain until {wday}.",
            "Schools in {city} were closed for the day and several flights were diverted to {city2}.",
            "\u201cThe ground is already saturated, so even moderate rain can cause flooding,\u201d said {N}, {antitle} who studies urban drainage.",
            "Residents said water had entered their homes for the second time in {n} days.",
            "Last month's storms dumped more than {n} cm of rain on parts of the country in {n2} hours.",
            "Local authorities opened {n2} relief camps and said more than {n},000 people had been moved to safer ground as a precaution.",
            "Engineers have warned for years that the city's drains, many of them built decades ago, cannot cope with the intense downpours that have become more frequent.",
            "Farmers in the surrounding districts said standing crops had been damaged, and traders reported a sharp rise in vegetable prices at wholesale markets.",
        ),
    ),
    "sport": (
        "{N} scores twice as {city} side reach the final",
        (
            "{N} scored twice in the second half as the {city} club beat their rivals from {city2} {n}-{n2} {when}.",
            "The victory sends the team into the final for the first time in {nyears} years.",
            "\u201cThe players showed great character after a difficult start,\u201d coach {M} said after the match.",
            "More than {n},000 fans watched the game at the national stadium.",
            "The final will be played {fut} in {city}.",
            "The visitors had taken the lead in the first half through a header from a corner, and for long spells they looked the more dangerous side.",
            "{M} was substituted early in the second half with what appeared to be a hamstring injury and will undergo a scan this week.",
            "Ticket prices for the final have already drawn complaints from supporters' groups, who said many regular fans would be priced out.",
        ),
    ),
    "business": (
        "{Y}'s largest miner reports {n} percent rise in profit",
        (
            "{Y}'s largest mining company reported a {n} percent rise in quarterly profit {when}, helped by higher copper prices.",
            "Chief executive {N} said output at its main mine near {city2} had recovered after last year's strikes.",
            "Shares in the company rose {n2} percent in {city} trading.",
            "Analysts said demand from battery makers would keep prices high through next year.",
            "The company plans to invest ${n} billion in new projects over the next five years.",
            "Revenue rose to ${n2} billion in the quarter, while net debt fell for the third straight period as the company sold non-core assets.",
            "The government, which owns a minority stake, has pushed the company to process more ore at home rather than export raw concentrate.",
            "Environmental groups have criticised the expansion plans, saying water use at the mines threatens farming communities downstream.",
        ),
    ),
    "science": (
        "{Ydem} rocket puts weather satellite into orbit",
        (
            "A {Ydem} rocket carrying a weather satellite lifted off from a launch site near {city} {when}.",
            "The space agency said the satellite had separated from the rocket and was sending data.",
            "It was the {rank} launch of the year for the programme, which suffered a failure in {year}.",
            "\u201cThis satellite will help farmers plan their seasons better,\u201d project manager {N} said.",
            "The agency plans {n2} more launches before the end of next year.",
            "The satellite carries instruments to measure sea surface temperatures, cloud cover and rainfall, and is expected to operate for at least {n2} years.",
            "Engineers spent months reworking the rocket's second stage after the earlier failure, which investigators traced to a faulty electrical component.",
            "The programme's budget has grown steadily, and officials hope to win contracts to launch satellites for foreign customers.",
        ),
    ),
}
