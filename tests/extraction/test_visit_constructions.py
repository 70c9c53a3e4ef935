"""Visit constructions of real news, each on invented sentences: trips listing several
stops, a counted list of countries, returns from a stay abroad, trip nouns taking the tense
of a planned arrival, plans reported as "was planning", and the guards that keep a city and
its state, or a place opening a clause of its own, out of a list of stops."""

from __future__ import annotations

from datetime import date

from extract.extraction import Extractor
from tests.extraction.conftest import article


def _visits(extractor: Extractor, body: str, published: date = date(2024, 5, 9)) -> set[tuple[str, str, bool]]:
    ex = extractor.extract(article(body, published=published))
    return {(v.visitor.name, v.host_country, v.is_planned) for v in ex.visits}


def test_a_trip_listing_its_stops(extractor: Extractor) -> None:
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng returned to Accra on Sunday after a "
                             "five-day visit to Kenya, Rwanda and Uganda.")
    assert got == {("Kwame Asare Boateng", "KEN", False), ("Kwame Asare Boateng", "RWA", False),
                   ("Kwame Asare Boateng", "UGA", False)}


def test_a_counted_list_of_countries(extractor: Extractor) -> None:
    got = _visits(extractor, "Irish Foreign Minister Orla Kinsella wrapped up her week-long visit to three "
                             "countries - Japan, the Philippines and Vietnam.")
    assert got == {("Orla Kinsella", "JPN", False), ("Orla Kinsella", "PHL", False),
                   ("Orla Kinsella", "VNM", False)}


def test_two_stops_joined_by_and(extractor: Extractor) -> None:
    got = _visits(extractor, "Chilean Foreign Minister Tomas Arriagada Vidal concluded an official visit to "
                             "the United Kingdom and France on Friday.")
    assert got == {("Tomas Arriagada Vidal", "GBR", False), ("Tomas Arriagada Vidal", "FRA", False)}


def test_a_city_and_its_state_are_one_stop(extractor: Extractor) -> None:
    # precision guard: "Atlanta, Georgia" is no list (it has no "and")
    got = _visits(extractor, "Kenyan President Amos Kiprono, who arrived in Atlanta, Georgia on Monday, "
                             "toured a university campus.")
    assert got == {("Amos Kiprono", "USA", False)}


def test_a_place_opening_its_own_clause_is_no_stop(extractor: Extractor) -> None:
    # precision guard: "and Beijing said" makes Beijing a speaker, not a second stop
    got = _visits(extractor, "Australian Trade Minister Callum Redfern visited Japan and Beijing said on "
                             "Tuesday it would resume beef imports.")
    assert got == {("Callum Redfern", "JPN", False)}


def test_returned_home_from_a_stay_abroad(extractor: Extractor) -> None:
    got = _visits(extractor, "Bangladeshi Prime Minister Rokeya Chowdhury returned home from Washington on "
                             "Tuesday.")
    assert got == {("Rokeya Chowdhury", "USA", False)}


def test_a_trip_noun_takes_the_tense_of_a_planned_arrival(extractor: Extractor) -> None:
    got = _visits(extractor, "Mexican President Lucia Arellano is scheduled to arrive in Ottawa later on "
                             "Thursday for her first official visit to Canada.", published=date(2024, 5, 9))
    assert got == {("Lucia Arellano", "CAN", True)}


def test_a_reported_trip_noun_stays_factual(extractor: Extractor) -> None:
    # precision guards of the rule above: a past verb between the cue and the noun, or a
    # date before the report's
    got = _visits(extractor, "Mexican President Lucia Arellano will step down next year and has made a "
                             "visit to Canada in March.")
    assert got == {("Lucia Arellano", "CAN", False)}
    got = _visits(extractor, "Mexican President Lucia Arellano is expected to praise the ties she built "
                             "during a visit to Canada in March.")
    assert got == {("Lucia Arellano", "CAN", False)}


def test_was_planning_a_visit_is_planned(extractor: Extractor) -> None:
    got = _visits(extractor, "Danish Prime Minister Mette Lund Holm was planning an official visit to "
                             "Brazil, aides said.")
    assert got == {("Mette Lund Holm", "BRA", True)}


def test_a_titled_person_of_a_country_met_abroad(extractor: Extractor) -> None:
    # the host named "President X of Egypt" is Egyptian, so the dateline's own president,
    # meeting him in Cairo, is the one travelling
    got = _visits(extractor, "Asmara — President Tesfay Gebremariam on Monday held talks with President "
                             "Karim Mansour of Egypt at the presidential palace in Cairo.")
    assert got == {("Tesfay Gebremariam", "EGY", False)}


def test_the_owner_of_a_relative_clause_travelled(extractor: Extractor) -> None:
    got = _visits(extractor, "Nepali Congress leader Bishnu Prasad Adhikari said he was visiting India at the "
                             "invitation of Ravi Shankar Menon, head of a party department who had earlier "
                             "visited Kathmandu.")
    assert ("Ravi Shankar Menon", "NPL", False) in got
    assert not any(v == "Bishnu Prasad Adhikari" and c == "NPL" for v, c, _ in got)


def test_and_visiting_demonym_title_is_a_foreign_guest(extractor: Extractor) -> None:
    got = _visits(extractor, "CAIRO — Egyptian President Karim Mansour and visiting Israeli Prime Minister "
                             "Avi Ben-Haim discussed bilateral relations on Monday.")
    assert got == {("Avi Ben-Haim", "EGY", False)}


def test_and_visiting_a_place_is_no_guest(extractor: Extractor) -> None:
    # precision guard: after "and", "visiting" is an attribute only before a demonym
    got = _visits(extractor, "CAIRO — Egyptian President Karim Mansour spent the week touring factories and "
                             "visiting Alexandria.")
    assert got == set()


def test_the_visit_of_a_person_to_a_place(extractor: Extractor) -> None:
    got = _visits(extractor, "The talks followed the visit of Chinese Premier Zhao Lihua to Hanoi in March.")
    assert got == {("Zhao Lihua", "VNM", False)}


def test_a_bare_title_is_the_protagonist_not_a_leader_met_in_passing(extractor: Extractor) -> None:
    body = ("Indian Prime Minister Arjun Mehta arrived in Abuja on Sunday.\n"
            "From Nigeria, Mehta travelled to Brazil for the G20 summit, where he met leaders including "
            "French President Claire Duval and British Prime Minister Oliver Grant.\n"
            "Then the prime minister travelled to Guyana.")
    got = _visits(extractor, body, published=date(2024, 11, 22))
    assert ("Arjun Mehta", "GUY", False) in got
    assert ("Oliver Grant", "GUY", False) not in got


def test_a_bare_title_after_a_leader_named_twice_stays_with_him(extractor: Extractor) -> None:
    # guard of the rule above: a holder the story names again is no passing mention
    body = ("Indian Prime Minister Arjun Mehta met British Prime Minister Oliver Grant in Delhi on Sunday.\n"
            "Grant later toured a metro depot. Then the prime minister travelled to Nepal.")
    got = _visits(extractor, body, published=date(2024, 11, 22))
    assert ("Oliver Grant", "NPL", False) in got


def test_a_passive_agent_is_no_traveller(extractor: Extractor) -> None:
    # precision guard: "selected by head coach X" names who chose the players, not who flew
    assert _visits(extractor, "Eighteen of the 26 players selected by head coach Tomas Verga landed in "
                              "Doha on Monday.") == set()


def test_the_leader_of_a_delegation_travels(extractor: Extractor) -> None:
    got = _visits(extractor, "A delegation led by Foreign Minister Luis Pardo of Colombia arrived in Lima "
                             "on Monday.")
    assert got == {("Luis Pardo", "PER", False)}


def test_a_companion_does_not_block_the_principal(extractor: Extractor) -> None:
    got = _visits(extractor, "Colombian President Ana Ruiz, accompanied by Foreign Minister Luis Pardo, "
                             "arrived in Lima on Monday.")
    assert ("Ana Ruiz", "PER", False) in got


def test_ruled_out_a_trip_is_no_trip(extractor: Extractor) -> None:
    assert _visits(extractor, "Japanese Prime Minister Kenji Arata ruled out a trip to Russia.") == set()


def test_an_accepted_invitation_is_a_plan_an_invitation_nothing(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata accepted an invitation to visit Brazil.")
    assert got == {("Kenji Arata", "BRA", True)}
    got = _visits(extractor, "Brazilian President Lia Moura invited Japanese Prime Minister Kenji Arata to "
                             "visit Brazil.")
    assert got == set()


def test_expected_or_due_in_a_city_is_planned(extractor: Extractor) -> None:
    assert _visits(extractor, "Japanese Prime Minister Kenji Arata is expected in Brasilia on Monday.") == {
        ("Kenji Arata", "BRA", True)}
    assert _visits(extractor, "Japanese Prime Minister Kenji Arata is due in Brasilia next week for "
                              "talks.") == {("Kenji Arata", "BRA", True)}


def test_a_tour_of_several_countries(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata returned to Tokyo on Saturday after a "
                             "week-long tour of Brazil and Argentina.")
    assert got == {("Kenji Arata", "BRA", False), ("Kenji Arata", "ARG", False)}


def test_a_seat_of_government_named_by_its_country(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata met Brazilian President Lia Moura at "
                             "Brazil's presidential palace.")
    assert got == {("Kenji Arata", "BRA", False)}
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata held talks at the Brazilian foreign "
                             "ministry with Foreign Minister Jose Lima on Monday.")
    assert got == {("Kenji Arata", "BRA", False)}


def test_what_a_foreigner_toured_places_the_trip(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata toured a car factory in Sao Paulo on "
                             "Tuesday.")
    assert got == {("Kenji Arata", "BRA", False)}
    # precision guards: at home, or a visitor whose country is not stated
    assert _visits(extractor, "Japanese Prime Minister Kenji Arata toured a car factory in Osaka on "
                              "Tuesday.") == set()
    assert _visits(extractor, "Governor Ann Lee toured a car factory in Sao Paulo on Tuesday.") == set()


def test_dateline_placed_visitors(extractor: Extractor) -> None:
    assert _visits(extractor, "BRASILIA — Visiting Japanese Prime Minister Kenji Arata said ties were "
                              "strong.") == {("Kenji Arata", "BRA", False)}
    assert _visits(extractor, "BRASILIA (Reuters) — Japanese Prime Minister Kenji Arata said here on "
                              "Monday that ties were strong.") == {("Kenji Arata", "BRA", False)}
    # precision guard: a local speaking "here" travels nowhere
    assert _visits(extractor, "BRASILIA — Brazilian Foreign Minister Jose Lima told reporters here that "
                              "ties were strong.") == set()


def test_a_dateline_on_a_line_of_its_own() -> None:
    from extract.extraction.datelines import read_dateline
    from extract.gazetteer import Gazetteer

    gz = Gazetteer.load()
    got = read_dateline("ANKARA\nTurkish Foreign Minister Deniz Kaya met", gz)
    assert got is not None and got.iso3 == "TUR" and got.city == "Ankara"
    assert read_dateline("BREAKING NEWS\nThe minister said", gz) is None


def test_a_tour_that_will_take_the_visitor_on(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata arrived in Doha on Sunday, the first leg of "
                             "a Gulf tour that will also take him to Oman and Kuwait.")
    assert got == {("Kenji Arata", "QAT", False), ("Kenji Arata", "OMN", True), ("Kenji Arata", "KWT", True)}
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata's tour, which also took him to Oman, ended "
                             "on Friday.")
    assert got == {("Kenji Arata", "OMN", False)}


def test_met_an_unnamed_counterpart_abroad(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata met his Brazilian counterpart in Brasilia "
                             "on Monday.")
    assert got == {("Kenji Arata", "BRA", False)}
    # precision guard: "a meeting in" is a noun, the meeting of others
    got = _visits(extractor, "WASHINGTON — Spokesperson Rita Vance said Secretary of State Omar Lind would "
                             "attend a NATO ministers' meeting in Antalya.")
    assert ("Rita Vance", "TUR", False) not in got and ("Rita Vance", "TUR", True) not in got


def test_a_companion_named_by_accompanied(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese business leaders, including Toyota chief Hiro Tanaka, accompanied "
                             "Prime Minister Kenji Arata to Brazil.")
    assert ("Hiro Tanaka", "BRA", False) in got


def test_ceremonies_abroad_place_the_visitor(extractor: Extractor) -> None:
    got = _visits(extractor, "Japanese Prime Minister Kenji Arata paid homage at the national pantheon in "
                             "Brasilia.")
    assert got == {("Kenji Arata", "BRA", False)}


def test_the_host_met_before_is_no_traveller(extractor: Extractor) -> None:
    # precision guard: "After talks with King X, Prime Minister Y flew on": X stays home, and
    # the title after the comma is Y's, no apposition of X
    got = _visits(extractor, "After talks in Amman with King Omar Haddad, Japanese Prime Minister Kenji "
                             "Arata flew on to Cairo.")
    assert got == {("Kenji Arata", "JOR", False), ("Kenji Arata", "EGY", False)}


def test_players_and_performers_are_no_visitors(extractor: Extractor) -> None:
    for body in ("Brazilian striker Rafael Duarte arrived in Tokyo on Monday for the friendly against Japan.",
                 "Brazilian singer Ana Castro arrived in Tokyo on Monday for a concert tour.",
                 "Brazilian tennis star Livia Rocha arrived in Melbourne for the Australian Open."):
        assert _visits(extractor, body) == set()
    # but an official travelling to a match is on a visit
    got = _visits(extractor, "Brazilian President Lia Moura arrived in Doha on Sunday for the World Cup final.")
    assert got == {("Lia Moura", "QAT", False)}


def test_coordinated_travellers_behind_a_title_with_of(extractor: Extractor) -> None:
    got = _visits(extractor, "President of the Republic of Chile Ana Ruiz and First Lady Marta Ruiz have "
                             "arrived in the United Kingdom for a state visit.")
    assert ("Ana Ruiz", "GBR", False) in got and ("Marta Ruiz", "GBR", False) in got


def test_a_visit_to_the_country_named_before_in_the_sentence(extractor: Extractor) -> None:
    # no dateline: "the country" is the one the sentence placed the talks in; the visitor is
    # the subject, not the host after "with"
    got = _visits(extractor, "Chilean Foreign Minister Tomas Arriagada Vidal discussed trade with President "
                             "Karim Mansour early Wednesday in Cairo as part of a short visit to the country.")
    assert got == {("Tomas Arriagada Vidal", "EGY", False)}


def test_a_stop_in_another_clause_is_its_own_subjects(extractor: Extractor) -> None:
    # guard: "while B will travel home after a stop in P" is B's, not the sentence's first person
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng is expected to return to Accra on "
                             "Friday, while Kenyan President Amos Kiprono will travel home after a stop in "
                             "Istanbul.")
    assert ("Kwame Asare Boateng", "TUR", True) not in got and ("Kwame Asare Boateng", "TUR", False) not in got
    assert ("Amos Kiprono", "TUR", True) in got


def test_hosts_who_welcome_or_escort_a_guest_stay_home(extractor: Extractor) -> None:
    body = ("Chinese President Li Wenhua arrived here Monday for a state visit to Pakistan.\n"
            "Li and his wife were welcomed at the airport by Pakistani President Tariq Mahmood and Prime "
            "Minister Saad Rana.\n"
            "Li, accompanied by Mahmood and Rana, inspected the honour guard.")
    got = _visits(extractor, body)
    assert ("Li Wenhua", "PAK", False) in got
    assert not any(v == "Saad Rana" for v, _, _ in got)


def test_arrived_at_a_building_in_a_city(extractor: Extractor) -> None:
    got = _visits(extractor, "President of Uzbekistan Bakhtiyor Nazarov was given a red carpet welcome as he "
                             "arrived at the PM Office in Islamabad.")
    assert got == {("Bakhtiyor Nazarov", "PAK", False)}
    # precision guard: a visitor of unstated country arriving at a building at home
    assert _visits(extractor, "Governor Ann Lee arrived at the statehouse in Austin on Monday.") == set()


def test_a_visit_dates_from_the_day_it_began(extractor: Extractor) -> None:
    ex = extractor.extract(article("South African President Thabo Nkosi, who began a state visit on Sunday, held "
                                   "talks with President Li Wenhua in Beijing on Monday.",
                                   published=date(2024, 9, 3)))
    got = {(v.visitor.name, v.host_country, v.date) for v in ex.visits}
    assert got == {("Thabo Nkosi", "CHN", date(2024, 9, 1))}


def test_a_pronoun_continues_the_topic_of_the_sentence_before(extractor: Extractor) -> None:
    # "He held talks with X. He will travel on": the traveller, not the host he met
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng arrived in Riyadh on Monday.\n"
                             "He held talks with Crown Prince Faisal bin Nasser.\n"
                             "He will travel on to Doha.")
    assert got == {("Kwame Asare Boateng", "SAU", False), ("Kwame Asare Boateng", "QAT", True)}
    # the pronoun after an opening phrase ("In Riyadh, he met ...") too
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng arrived in Saudi Arabia on Monday.\n"
                             "In Riyadh, he held talks with Crown Prince Faisal bin Nasser.\n"
                             "He will travel on to Doha.")
    assert got == {("Kwame Asare Boateng", "SAU", False), ("Kwame Asare Boateng", "QAT", True)}


def test_co_hosts_of_a_welcome_are_no_guests(extractor: Extractor) -> None:
    got = _visits(extractor, "Kenyan President William Otieno and Deputy President Grace Wanjiru jointly "
                             "welcomed Ghanaian President Kwame Asare Boateng at State House in Nairobi on Monday.")
    assert got == {("Kwame Asare Boateng", "KEN", False)}
    # precision guard, negative case: every guest after the verb is still a guest
    got = _visits(extractor, "Kenyan President William Otieno welcomed Ghanaian President Kwame Asare Boateng "
                             "and Ghanaian Foreign Minister Ama Owusu at State House in Nairobi on Monday.")
    assert got == {("Kwame Asare Boateng", "KEN", False), ("Ama Owusu", "KEN", False)}


def test_a_present_progressive_arrival_on_a_day_to_come_is_planned(extractor: Extractor) -> None:
    ex = extractor.extract(article("ADDIS ABABA — AU Commission chairperson Amina Diallo is arriving on "
                                   "Thursday for talks.", published=date(2024, 5, 7)))
    assert {(v.visitor.name, v.host_country, v.is_planned, v.date) for v in ex.visits} == {
        ("Amina Diallo", "ETH", True, date(2024, 5, 9))}
    # negative case: the progressive of a stay ("is touring") on days just past is under way
    ex = extractor.extract(article("Ghanaian President Kwame Asare Boateng is touring Ethiopia on Monday and "
                                   "Tuesday.", published=date(2024, 5, 7)))
    assert {(v.visitor.name, v.host_country, v.is_planned, v.date) for v in ex.visits} == {
        ("Kwame Asare Boateng", "ETH", False, date(2024, 5, 6))}


def test_an_ongoing_visit_is_where_the_article_is_filed(extractor: Extractor) -> None:
    body = ("DAKAR — Ghanaian President Kwame Asare Boateng praised the port.\n"
            "During Boateng's ongoing visit, the two sides signed three agreements.")
    assert _visits(extractor, body) == {("Kwame Asare Boateng", "SEN", False)}
    # negative case: with no dateline the trip has no place
    assert _visits(extractor, "During Boateng's ongoing visit, the two sides signed three agreements.") == set()


def test_the_visit_a_person_is_paying_to_a_country(extractor: Extractor) -> None:
    got = _visits(extractor, "The visit Ghanaian President Kwame Asare Boateng is paying to Senegal is his "
                             "first since taking office.")
    assert got == {("Kwame Asare Boateng", "SEN", False)}


def test_the_party_of_a_host_is_no_companion(extractor: Extractor) -> None:
    body = ("Ghanaian President Kwame Asare Boateng arrived in Nairobi on Monday.\n"
            "He was received by Kenyan President William Otieno, who was accompanied by Foreign Minister "
            "Joseph Kamau.")
    assert _visits(extractor, body) == {("Kwame Asare Boateng", "KEN", False)}
    # precision guard, negative case: the guest's own companions still travel
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng arrived in Nairobi on Monday, accompanied "
                             "by Foreign Minister Ama Owusu.")
    assert got == {("Kwame Asare Boateng", "KEN", False), ("Ama Owusu", "KEN", False)}


def _meeting_places(extractor: Extractor, body: str) -> set[tuple[frozenset[str], str | None]]:
    ex = extractor.extract(article(body, published=date(2024, 5, 7)))
    return {(frozenset(p.name for p in m.participants), m.country) for m in ex.meetings}


def test_a_second_head_of_state_met_abroad_is_no_local_of_the_dateline(extractor: Extractor) -> None:
    # "NAIROBI - President A arrived in Kampala. A held talks with President B": B, named by
    # title in the traveller's home press, is no Kenyan: the talks are in Uganda
    body = ("NAIROBI — Kenyan President Daniel Mwangi arrived in Kampala on Monday.\n"
            "Mwangi held talks with President Joseph Okello and Vice President Ruth Achan.")
    assert _meeting_places(extractor, body) == {
        (frozenset({"Daniel Mwangi", "Joseph Okello", "Ruth Achan"}), "UGA")}
    # negative case: ministers met after a trip, named by title alone, are locals of the dateline
    body = ("NAIROBI — Kenyan President Daniel Mwangi returned home from Kampala on Monday.\n"
            "Mwangi held talks with Finance Minister Peter Kamau and Trade Minister Ruth Njeri.")
    assert _meeting_places(extractor, body) == {
        (frozenset({"Daniel Mwangi", "Peter Kamau", "Ruth Njeri"}), "KEN")}


def test_the_people_met_on_a_trip_are_its_hosts(extractor: Extractor) -> None:
    body = ("NAIROBI — Kenyan President Daniel Mwangi arrived in Kampala on Monday.\n"
            "During the tour, Mwangi held talks with President Joseph Okello, Foreign Minister Samuel Otim "
            "and Trade Minister Grace Akello.")
    assert _visits(extractor, body, published=date(2024, 5, 7)) == {("Daniel Mwangi", "UGA", False)}
    # precision guard, negative cases: the traveller's own party present at the talks travels
    body = ("NAIROBI — Kenyan President Daniel Mwangi arrived in Kampala on Monday.\n"
            "Mwangi met President Joseph Okello at State House.\n"
            "Foreign Minister Alice Wambui and Trade Minister Peter Kamau were also present during the meeting.")
    assert _visits(extractor, body, published=date(2024, 5, 7)) == {
        ("Daniel Mwangi", "UGA", False), ("Alice Wambui", "UGA", False), ("Peter Kamau", "UGA", False)}
    # and leaders met at a gathering abroad are visitors there
    body = ("NAIROBI — Kenyan President Daniel Mwangi arrived in New York on Monday for the UN General "
            "Assembly.\n"
            "On the sidelines of the General Assembly, Mwangi met Indian Prime Minister Arjun Rao, "
            "Foreign Minister Claire Dunn and Japanese Foreign Minister Emi Sato.")
    got = _visits(extractor, body, published=date(2024, 5, 7))
    assert {("Daniel Mwangi", "USA", False), ("Arjun Rao", "USA", False), ("Claire Dunn", "USA", False),
            ("Emi Sato", "USA", False)} == got


def test_a_trip_beginning_or_ending_in_a_country(extractor: Extractor) -> None:
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng is set to attend a forum in Riyadh on "
                             "Wednesday, visit Qatar later that day, and conclude his tour in Oman on Thursday.",
                  published=date(2025, 5, 12))
    assert got == {("Kwame Asare Boateng", "SAU", True), ("Kwame Asare Boateng", "QAT", True),
                   ("Kwame Asare Boateng", "OMN", True)}
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng wrapped up his tour on Friday in Oman.")
    assert got == {("Kwame Asare Boateng", "OMN", False)}
    # negative case: something else beginning in a place is no trip
    assert _visits(extractor, "Ghanaian President Kwame Asare Boateng said talks would begin in Geneva.") == set()


def test_a_counted_list_of_countries_of_a_region(extractor: Extractor) -> None:
    got = _visits(extractor, "Irish Foreign Minister Orla Kinsella left on Thursday on a five-day visit to three "
                             "South-East Asian nations—Thailand, Indonesia and Singapore.")
    assert got == {("Orla Kinsella", "THA", False), ("Orla Kinsella", "IDN", False),
                   ("Orla Kinsella", "SGP", False)}


def test_a_title_holding_a_preposition_is_no_object(extractor: Extractor) -> None:
    got = _visits(extractor, "Irish Minister for Foreign Affairs Orla Kinsella will make an official visit "
                             "to Brunei.")
    assert got == {("Orla Kinsella", "BRN", True)}
    # negative case: a host named after "by" is still no subject of the trip
    got = _visits(extractor, "The Chinese premier arrived in Adelaide on Saturday, where he was greeted by "
                             "Foreign Minister Claire Dunn, and on Sunday visited a winery.")
    assert not any(v == "Claire Dunn" for v, _, _ in got)


def test_the_stops_of_a_tour_named_in_later_sentences(extractor: Extractor) -> None:
    body = ("Ghanaian President Kwame Asare Boateng arrived in Bangkok on Monday at the start of a swing through "
            "Southeast Asia.\n"
            "His next stop will be Vietnam, where he will meet Prime Minister Tran Van Minh.\n"
            "In Jakarta, his third stop, Boateng will address a business forum.\n"
            "The final leg of the tour is Singapore.")
    assert _visits(extractor, body, published=date(2024, 5, 7)) == {
        ("Kwame Asare Boateng", "THA", False), ("Kwame Asare Boateng", "VNM", True),
        ("Kwame Asare Boateng", "IDN", True), ("Kwame Asare Boateng", "SGP", False)}
    # negative cases: a match's leg is no tour, and a stop in apposition to another trip is that trip's
    body = ("Ghanaian President Kwame Asare Boateng arrived in Bangkok on Monday.\n"
            "Porto won the first leg of the semi-final in Madrid.")
    assert _visits(extractor, body, published=date(2024, 5, 7)) == {("Kwame Asare Boateng", "THA", False)}
    body = ("Ghanaian President Kwame Asare Boateng arrived in Bangkok on Monday.\n"
            "Russian Foreign Minister Pavel Orlov will fly to Hanoi, the final stop of his tour.")
    assert _visits(extractor, body, published=date(2024, 5, 7)) == {
        ("Kwame Asare Boateng", "THA", False), ("Pavel Orlov", "VNM", True)}


def test_a_pronoun_is_the_subject_not_the_person_of_an_opening_phrase(extractor: Extractor) -> None:
    body = ("Speaking alongside Home Secretary Joan Pryce, British Foreign Secretary Lucy Hale praised the deal.\n"
            "She left London for New York on Monday.")
    assert _visits(extractor, body, published=date(2024, 5, 7)) == {("Lucy Hale", "USA", False)}
    # negative case: with no subject of its own the person of the phrase is still the antecedent
    body = ("British Foreign Secretary Lucy Hale praised the deal.\n"
            "Tributes came from Home Secretary Joan Pryce.\n"
            "She left London for New York on Monday.")
    assert _visits(extractor, body, published=date(2024, 5, 7)) == {("Joan Pryce", "USA", False)}


def test_arrived_at_a_named_capital_airport(extractor: Extractor) -> None:
    got = _visits(extractor, "Ghanaian President Kwame Asare Boateng arrived at Blaise Diagne International "
                             "Airport on Wednesday.")
    assert got == {("Kwame Asare Boateng", "SEN", False)}
    # negative case: a person named like an airport is still a person, and no place
    got = _visits(extractor, "Indian Prime Minister Arjun Rao laid a wreath for Indira Gandhi in New Delhi.")
    assert got == set()
