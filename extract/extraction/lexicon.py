"""Closed word lists of news English the rules rely on.

These are grammar, not reference data: speech verbs, the head nouns of organisation
names, honorifics, sentence-initial function words and so on. Reference data (countries,
cities, titles, organisations) lives in ``seeds/`` and is read by the gazetteer.
"""

from __future__ import annotations

import re

from extract.extraction.vocab import VOCAB

# Speech verbs come from the vocabulary (vocab/speech_verbs.csv).
SPEECH_FORMS: frozenset[str] = frozenset(v.form for v in VOCAB.speech_verbs if v.trigger)
# Verbs that may take a preceding quotation with inversion ('..., said X').
QUOTE_VERBS = frozenset(v.form for v in VOCAB.speech_verbs if v.quote_inversion)
# Participles that continue the previous speaker's speech: "..., adding that ...".
CONTINUATION_FORMS = frozenset(v.form for v in VOCAB.speech_verbs if v.continuation)
# Verbs whose plain object is no speech ("hailed the agreement").
PLAIN_OBJECT_FORMS = frozenset(v.form for v in VOCAB.speech_verbs if v.plain_object)
# Verbs that report speech only with a that-clause or a quotation ("thanked X for ...").
CLAUSE_ONLY_FORMS = frozenset(v.form for v in VOCAB.speech_verbs if v.clause_only)

# Words that, before the speaker, say it is plural or unnamed: never a statement source.
UNNAMED_SPEAKER_HEADS = frozenset("""
officials official sources source analysts analyst experts expert observers observer diplomats
critics people residents witnesses reports report media data figures statistics researchers
studies study survey polls poll insiders aides spokespeople some others many both leaders
sides parties countries nations governments ministers members lawmakers legislators
organisers organizers meteorologists forecasters scientists economists investors traders
protesters rescuers doctors police authorities campaigners activists organizations
organisations groups companies firms banks agencies
""".split())

PRONOUNS_SUBJ = frozenset({"he", "she"})
PRONOUNS_ALL = frozenset({"he", "she", "him", "her", "his", "hers"})

HONORIFICS = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Madam", "Madame",
    "Lord", "Lady", "Sheikh", "Sheikha", "Prof", "Prof.", "Professor", "Mister", "Miss",
    "Rev", "Rev.", "Reverend", "Monsieur", "Herr", "Frau", "Senor", "Señor", "Comrade",
    "Respected", "H.H.", "H.E.", "Excellency", "Highness", "Engr", "Engr.", "Alhaji", "Chief",
    # Malaysian and Bruneian honours written before the name ("Datuk Seri", "Tun")
    "Datuk", "Datin", "Dato", "Seri", "Tun", "Pehin",
})
MALE_HONORIFICS = frozenset({"Mr", "Mr.", "Sir", "Lord", "Sheikh", "Mister", "Monsieur", "Herr",
                             "Senor", "Señor", "King", "Prince", "Emperor", "Pope"})
FEMALE_HONORIFICS = frozenset({"Mrs", "Mrs.", "Ms", "Ms.", "Dame", "Madam", "Madame", "Lady",
                               "Sheikha", "Miss", "Queen", "Princess", "Empress", "Frau"})

# Capitalised words that begin sentences or are otherwise never part of a name.
STOP_CAPS = frozenset("""
A An The This That These Those It Its It's He She His Her They Their Them We Our Us I You
Your My In On At Of For From With By To As And But Or Nor So Yet If When While After Before
Since During Also Meanwhile However Although Though Because Despite Amid Amidst Among Between
According Asked Speaking Following Earlier Later Last Next Then Now Today Yesterday Tomorrow
Tonight There Here Where What Which Who Whom Whose Why How Both Each Every All Some Many Most
Several Other Another Such No Not Only Even Still Just Mr Mrs Ms Dr Unlike Like Under Over
Across Through Throughout Without Within Against Until Upon Into Onto Beyond Behind Near
About Around Above Below Once Thus Hence Moreover Furthermore Meantime Instead Indeed Yes
Separately Overall Nevertheless Nonetheless Regardless Whether Whatever Whoever Let Please
Ahead Elsewhere Together Again Already Perhaps Maybe Recently Previously Currently Initially
Finally Eventually Notably Specifically Similarly Likewise Additionally Earlier Afterwards
Officials Analysts Experts Critics Sources Observers Leaders Ministers Diplomats Protesters
New Former Top Senior Acting Deputy Vice Chief Head
Accompanying Speaking Commenting Addressing Responding Referring Welcoming Attending
Representing Quoting Citing Present Joining Briefing Receiving Hosting Writing Talking
Reacting Announcing Asked Invited Joined Accompanied Dear Thank Thanks Congratulations
""".split())
# Of the above, these may still start a name or place ("New York", "Vice President" is a title).
STOP_BUT_NAME_START = frozenset({"New", "Former", "Top", "Senior", "Acting", "Deputy", "Vice",
                                 "Chief", "Head", "Last", "Los", "Las", "San", "Santa", "Saint", "St"})

MONTHS = ("january february march april may june july august september october november "
          "december").split()
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
CALENDAR_WORDS = frozenset(w.capitalize() for w in MONTHS + WEEKDAYS) | frozenset(
    w.capitalize() for w in MONTH_ABBR) | {"Sept.", "Jan.", "Feb.", "Aug.", "Oct.", "Nov.",
                                           "Dec.", "Christmas", "Easter", "Ramadan", "Eid"}

# Last words of organisation names ("Asia Society", "International Department").
ORG_HEADS = frozenset("""
Society Department Ministry Institute Institution Council Party Committee Agency Bank Fund
Group University College School Academy Foundation Association Organisation Organization
Union Commission Office Embassy Consulate Government Parliament Assembly Congress Senate
Forum Centre Center Times News Post Journal Daily Press Corporation Company Inc Ltd Limited
Court Army Navy Guard Police Service Services Bureau Administration Authority Alliance Front
Movement League Federation Club Secretariat Cabinet Chamber Board Network Trust Reuters
Herald Tribune Telegraph Guardian Gazette Broadcasting Television Radio Agency Xinhua
Cooperation Organisation Conference Coalition Brigade Brigades Corps Command Forces Force
Directorate Inspectorate Observatory Program Programme Initiative Institute Watch Review
Monitor Magazine Insider Economist Airlines Airways Group Holdings Industries Motors Energy
Petroleum Telecom Media Studios Capital Partners Associates Lab Labs Laboratory Hospital
Tribunal Majlis Duma Knesset Bundestag Diet Sejm Rada Storting Riksdag Kremlin Pentagon Science
Sciences Securities
""".split())
# Last words of names that are places or things, not persons or organisations.
THING_HEADS = frozenset("""
House Hall Palace Square Street Road Avenue Airport Station Port Bridge Sea Ocean Strait
Gulf River Mountains Mountain Mount Island Islands Peninsula Coast Bay Lake Province State
States County District Region City Valley Desert War Wars Games Olympics Olympic Cup
Championship Championships Day Week Year Festival Prize Award Act Law Bill Declaration
Charter Strategy Plan Zone Corridor Line Stadium Museum Hotel Cathedral Church Mosque Temple
Summit Dialogue Talks Treaty Accord Accords Agreement Project Pact Protocol Convention
Doctrine Border Canal Basin Plateau Delta Park Garden Gardens Tower Towers Centre Building
Hill Heights Territory Territories Republic Kingdom Empire Dynasty Era Revolution Crisis
Index Exchange Market Markets Fair Expo Show Series Tour Open Trophy Race Marathon Grand Prix
Cross Channel Wall Gate Gorge Falls Reef Rim Belt Route Highway Expressway Pass Town Village
Quarter Airbase Base Fort Camp Prison Hospital University Estate Forest Sahara Arctic
Antarctic Pacific Atlantic East West North South Asia Europe Africa America Americas Oceania
Caribbean Balkans Caucasus Levant Sahel Bank Strip Heights Initiative Framework Agenda
Vision Goals Fund Budget Report Communique Communiqué Statement Resolution Order Decree
""".split())
# Capitalised words of a title's portfolio ("Minister of State for Foreign Trade",
# "Minister for Digital Development and Information"): never the start of a person's name
# when they follow a title in the same capitalised run.
PORTFOLIO_WORDS = frozenset("""
Affairs Foreign Trade Industry Industries Information Technology Technologies Digital
Development Finance Financial Economy Economic Defence Defense Security Interior Justice
Health Education Energy Investment Investments Commerce Agriculture Labour Labor Manpower
Transport Transportation Culture Tourism Environment Communications Communication Planning
Infrastructure State National External International Relations Electronics Mines Mining
Petroleum Water Youth Sports Sport Women Social Welfare Science Innovation Housing Public
Works Fisheries Climate Immigration Legal Parliamentary Local Revenue Customs Aviation
Railways Telecommunications Coordinating Strategy Strategic Policy Special Adviser Advisor
Regional Rural Urban Budget Treasury Home Political Executive Standing General Central
Affairs Cooperation Integration Diaspora Overseas Maritime Resources Natural Oil Gas Power
Land Lands Wildlife Forestry Heritage Arts Religious Human Rights Family Children Labour
Employment Enterprise Entrepreneurship Small Medium Emergency Disaster Management Media
Broadcasting Administration Administrative Reform Reforms Service Services Statistics
Veterans Consumer Competition Industrial Production Supply Food Water Sanitation Ecology
""".split())

# Titles that begin a name when capitalised but are not in the titles seed as phrases.
ROYAL_TITLES = frozenset({"King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Pope",
                          "Crown", "Sultan", "Emir", "Amir", "Shah", "Grand"})

NAME_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "da", "di", "du", "del",
                            "della", "der", "den", "van", "von", "la", "le", "dos", "das", "ben",
                            "abu", "ter", "y", "zu"})

# Lowercase words in a person's pre-name description beyond the title seed.
TITLE_MODIFIERS = frozenset("""
former then acting deputy vice top senior chief new outgoing incoming interim veteran
visiting current first second third longtime long-time ex retired powerful influential
hardline hawkish foreign defence defense finance trade interior home state national
prime general executive special assistant associate principal lead regional provincial
party opposition ruling exiled jailed late sitting elected caretaker premier
""".split())

# Adverbs/auxiliaries allowed between a speaker and the speech verb.
SPEECH_FILLERS = ("also", "instead", "first", "last", "too", "subsequently", "meanwhile", "further", "later", "then", "previously", "earlier", "recently",
                  "again", "once", "repeatedly", "has", "had", "have", "reportedly", "publicly",
                  "separately", "however", "already", "subsequently", "privately", "personally",
                  "firmly", "strongly", "openly", "clearly", "explicitly", "directly", "simply",
                  "told", "frequently", "often", "has also", "had also", "quickly", "immediately",
                  "bluntly", "flatly", "angrily", "sharply", "jokingly", "would", "will", "could",
                  "may", "might", "is scheduled to", "was scheduled to", "is expected to",
                  "was expected to", "is due to", "was due to", "is set to", "was set to",
                  "is to", "was to", "plans to", "planned to", "is slated to", "went on to",
                  "here")  # "the Foreign Ministry here said": the dateline city, not a speaker word

WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

# Uppercase letters of the Latin, Greek and Cyrillic blocks, for regex character classes.
UPPER = "".join(
    re.escape(c) for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha()
)
