from datetime import date

from extract.extraction import Extractor
from tests.extraction.conftest import article


def test_example_meetings(liu) -> None:  # type: ignore[no-untyped-def]
    by = {frozenset(p.name for p in m.participants): m for m in liu.meetings}
    talk = by[frozenset({"Liu Jianchao", "Asia Society"})]
    assert (talk.country, talk.city, talk.date, talk.date_precision, talk.mode, talk.track) == (
        "USA", "New York", date(2024, 1, 8), "day", "in_person", "1.5")
    summit = by[frozenset({"Xi Jinping", "Joe Biden"})]
    assert (summit.country, summit.date, summit.date_precision, summit.track) == (
        "USA", date(2023, 11, 1), "month", "1")
    chen = by[frozenset({"Chen Jining", "Lawrence Summers"})]  # a delegation "led by X" is X
    assert chen.date == date(2024, 1, 8) and chen.track == "1.5"
    for m in liu.meetings:
        assert m.evidence.rule.startswith("meeting.") and 0 < m.evidence.confidence <= 1


def test_example_visits(liu) -> None:  # type: ignore[no-untyped-def]
    got = {(v.visitor.name, v.host_country): v for v in liu.visits}
    assert set(got) == {("Liu Jianchao", "USA"), ("Xi Jinping", "USA")}
    assert got[("Xi Jinping", "USA")].date == date(2023, 11, 1)
    assert not any(v.is_planned for v in liu.visits)


def test_phone_call_planned_and_cancelled() -> None:
    ex = Extractor().extract(article(
        "Turkish Foreign Minister Hakan Fidan spoke by phone on Monday with his Swedish counterpart Tobias Billstrom.\n"
        "Japanese Prime Minister Fumio Kishida will visit Manila next week.\n"
        "French President Emmanuel Macron has postponed a planned visit to Germany.\n"
        "Kenyan President William Ruto arrived in Beijing on Sunday and held talks with Chinese Premier Li Qiang."))
    meetings = {frozenset(p.name for p in m.participants): m for m in ex.meetings}
    call = meetings[frozenset({"Hakan Fidan", "Tobias Billstrom"})]
    assert call.mode == "phone" and call.date == date(2024, 1, 8) and call.country is None
    visits = {(v.visitor.name, v.host_country): v for v in ex.visits}
    assert visits[("Fumio Kishida", "PHL")].is_planned
    assert ("Emmanuel Macron", "DEU") not in visits
    ruto = visits[("William Ruto", "CHN")]
    assert (ruto.date, ruto.city, ruto.is_planned) == (date(2024, 1, 7), "Beijing", False)
    assert frozenset({"William Ruto", "Li Qiang"}) in meetings


def test_multilateral_meeting_is_one_event() -> None:
    ex = Extractor().extract(article(
        "French President Emmanuel Macron, German Chancellor Olaf Scholz and Polish Prime Minister Donald Tusk "
        "met in Paris on Friday."))
    assert len(ex.meetings) == 1
    assert {p.name for p in ex.meetings[0].participants} == {"Emmanuel Macron", "Olaf Scholz", "Donald Tusk"}
    assert {(v.visitor.name, v.host_country) for v in ex.visits} == {("Olaf Scholz", "FRA"), ("Donald Tusk", "FRA")}


def test_a_trip_dated_after_the_report_is_planned_whatever_the_tense_cue() -> None:
    # Five words between "will" and "visit": past the tense-cue window, caught by the date.
    ex = Extractor().extract(article(
        "HANOI - Indonesian Foreign Minister Retno Marsudi will pay a two-day official state visit "
        "to Vietnam starting next week, the ministry said.\n", published=date(2024, 1, 29)))
    (visit,) = ex.visits
    assert (visit.host_country, visit.is_planned) == ("VNM", True)


def test_a_past_meeting_and_a_planned_one_of_the_same_pair_stay_two() -> None:
    ex = Extractor().extract(article(
        "German Foreign Minister Annalena Baerbock and Polish Foreign Minister Radoslaw Sikorski met "
        "in Brussels last week.\n"
        "Sikorski will travel to Berlin next Saturday for talks with Baerbock.\n", published=date(2024, 3, 20)))
    meetings = sorted(ex.meetings, key=lambda m: m.is_planned)
    assert [m.is_planned for m in meetings] == [False, True]
    assert meetings[0].date is None or meetings[0].date <= date(2024, 3, 20)
    assert meetings[1].date == date(2024, 3, 23)


def test_what_two_sides_agreed_and_their_planned_talks_stay_two_meetings() -> None:
    # The agreement implies an earlier meeting; the talks are a later, planned one. Merging
    # must not turn the earlier one into an unplanned copy of the planned talks.
    ex = Extractor().extract(article(
        "ZAGREB — In a video call on Friday, Ivana Horvatek, Croatia's trade minister, and Turks and Caicos "
        "Islander Foreign Minister Amani Odhiambo discussed visa rules.\n"
        "According to a statement from the Turks and Caicos Islander foreign ministry, the two sides had "
        "agreed to reopen the border crossing.\n"
        "Turks and Caicos Islander Foreign Minister Amani Odhiambo will travel to Dubrovnik on 13 November "
        "for talks with Croatian Trade Minister Ivana Horvatek.\n",
        published=date(2022, 10, 11)))
    talks = [m for m in ex.meetings if m.date == date(2022, 11, 13)]
    assert len(talks) == 1 and talks[0].is_planned
    assert not any(m.evidence.char_start == talks[0].evidence.char_start and not m.is_planned for m in ex.meetings)
