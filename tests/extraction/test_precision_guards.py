"""Precision guards and organisation metonyms, on invented sentences."""

from __future__ import annotations

from extract.extraction import Extractor
from tests.extraction.conftest import article


def test_capitalised_non_names_are_no_people(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Residence said the building would reopen.\nNew said nothing."))
    assert not ex.statements


def test_a_chamber_is_no_participant(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Speaker Olga Petrova of the State Duma met Vietnamese Foreign Minister Bui Thanh Son and "
        "the Indonesian Parliament in Moscow on Monday."))
    for m in ex.meetings:
        assert not any(p.name.endswith(("Duma", "Parliament")) for p in m.participants)
    assert any({p.name for p in m.participants} == {"Olga Petrova", "Bui Thanh Son"} for m in ex.meetings)


def test_no_self_visit(extractor: Extractor) -> None:
    ex = extractor.extract(article("Japanese Prime Minister Kenji Mori visited Osaka on Monday."))
    assert not ex.visits


def test_a_metonym_speaks_for_its_government(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Zhongnanhai said the two sides would keep in close contact."))
    assert any(s.speaker.country == "CHN" for s in ex.statements)


def test_residents_and_local_heads_are_no_visitors(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "HANOI — Prime Minister Pham Van Long received Japanese Ambassador Ryo Tanaka in Hanoi on Wednesday.\n"
        "ABUJA — In N'Djamena on January 9, President Ali Mahamat told Chinese Foreign Minister Wen Jun "
        "that his country would never forget China's help."))
    got = {(v.visitor.name, v.host_country) for v in ex.visits}
    assert ("Ryo Tanaka", "VNM") not in got
    assert ("Ali Mahamat", "TCD") not in got


def test_a_security_mission_is_no_trip_of_the_speaker(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Kenyan President David Mwangi said Kenya would keep its commitment to a security mission in Haiti.\n"
        "Cocoa board chief Yaw Mensah told a news conference in Accra on Tuesday that prices would rise."))
    assert not ex.visits


def test_background_trips_and_planned_hosts(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "ANKARA — Turkish Foreign Minister Selim Kara had visited Damascus in December for talks.\n"
        "Syrian President Ahmad Hamwi arrived in Ankara on Tuesday accompanied by Foreign Minister Yusuf Darwi.\n"
        "Italian Prime Minister Giulia Ferri, who arrived in Buenos Aires on Tuesday, is due to travel to "
        "Montevideo on Thursday for talks with Uruguayan President Andres Sosa.\n"
        "Brazil's foreign ministry said no date had been set for a visit by President Carlos Bastos to China."))
    got = {(v.visitor.name, v.host_country) for v in ex.visits}
    assert ("Yusuf Darwi", "TUR") in got and ("Yusuf Darwi", "SYR") not in got
    assert not any(v.visitor.name == "Andres Sosa" for v in ex.visits)
    assert not any(v.visitor.name == "Carlos Bastos" for v in ex.visits)


def test_a_premier_listed_after_a_president_shares_the_demonym(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "ISLAMABAD — Prime Minister Nawaz Siddiq visited Beijing in June, when he held talks with Chinese "
        "President Zhou Wei and Premier Han Zhi at the Great Hall of the People.\n"
        "The two sides co-chaired the joint committee with Planning Minister Faisal Rana."))
    got = {(v.visitor.name, v.host_country) for v in ex.visits}
    assert ("Nawaz Siddiq", "CHN") in got and ("Han Zhi", "CHN") not in got


def test_invitations_postponements_and_hopes_are_no_trips(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "CHISINAU — A planned visit to Moldova by Romanian President Andrei Pop, which had been scheduled "
        "for Thursday, has been postponed because of floods.\n"
        "Ukrainian President Taras Bond has also been invited to visit Chisinau this summer.\n"
        "Japanese Prime Minister Haru Ishi said he hoped to visit Hanoi at an early date."))
    assert not ex.visits


def test_a_deployed_mission_is_no_trip(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Ghanaian President Kofi Mensah said on Monday that the Ghanaian-led mission in Liberia would stay.\n"
        "ACCRA - Nigerian President Bola Ade and Liberian President Amos Kpan met in Accra on Saturday "
        "to discuss the ECOWAS mission in Liberia."))
    got = {(v.visitor.name, v.host_country) for v in ex.visits}
    assert not any(h == "LBR" for _, h in got)
    assert ("Bola Ade", "GHA") in got


def test_a_relative_of_a_name_is_not_that_name(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Chilean Foreign Minister Rosa Valdés met her Argentine counterpart in Santiago on Monday. "
        "The two countries last held talks in Buenos Aires in 2022, when Valdés's predecessor "
        "travelled to Argentina."))
    assert not any(v.visitor.name == "Rosa Valdés" and v.host_country == "ARG" for v in ex.visits)


def test_a_where_clause_places_its_meeting(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Indian Foreign Minister Ravi Kumar arrived in the Kenyan capital on Tuesday from Dar es Salaam, "
        "where on Monday he held talks with Tanzanian President Asha Mwinyi."))
    assert any(m.country == "TZA" for m in ex.meetings)
    assert not any(v.visitor.name == "Asha Mwinyi" for v in ex.visits)


def test_among_those_who_keeps_the_list_as_subject(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "NAIROBI - Ghanaian Finance Minister Kofi Boateng, Nigerian Finance Minister Wale Adeyemi and "
        "Senegalese Finance Minister Awa Ndiaye were among those who met Kenyan President Daniel Mutua on Monday."))
    got = {(v.visitor.name, v.host_country) for v in ex.visits}
    assert {("Kofi Boateng", "KEN"), ("Wale Adeyemi", "KEN"), ("Awa Ndiaye", "KEN")} <= got
    assert not any(v.visitor.name == "Daniel Mutua" for v in ex.visits)


def test_a_retreat_is_a_meeting_of_its_foreign_participants(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "NAIROBI - Ghana's Kofi Boateng, Nigeria's Wale Adeyemi and Senegal's Awa Ndiaye held a "
        "closed-door retreat on Monday."))
    assert {("Kofi Boateng", "KEN"), ("Wale Adeyemi", "KEN"), ("Awa Ndiaye", "KEN")} <= {
        (v.visitor.name, v.host_country) for v in ex.visits}


def test_companions_end_at_their_own_clause(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Lebanese President Michel Haddad met Egyptian President Omar Fahmy in Cairo on Monday. "
        "He arrived in Cairo on Sunday accompanied by Foreign Minister Nabil Aoun, who held separate "
        "talks with his Egyptian counterpart, Samir Lotfy, on Monday."))
    got = {(v.visitor.name, v.host_country) for v in ex.visits}
    assert ("Nabil Aoun", "EGY") in got
    assert not any(n == "Samir Lotfy" for n, _ in got)


def test_a_shared_demonym_met_at_home_is_no_visitor(extractor: Extractor) -> None:
    for city, iso3 in (("Brazzaville", "COG"), ("Kinshasa", "COD")):
        ex = extractor.extract(article(
            f"{city.upper()} - Chinese Foreign Minister Zhao Ming met Congolese Foreign Minister "
            f"Jean Mabiala in {city} on Monday."))
        assert {(v.visitor.name, v.host_country) for v in ex.visits} == {("Zhao Ming", iso3)}
