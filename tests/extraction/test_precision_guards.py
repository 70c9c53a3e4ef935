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
