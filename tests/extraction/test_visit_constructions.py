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
