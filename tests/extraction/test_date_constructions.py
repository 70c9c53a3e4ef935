"""Event-date constructions of real news: coordinated acts with dates of their own,
trips dated by the clause that says when they began, week-relative expressions, and
month abbreviations that are names."""

from __future__ import annotations

from datetime import date

from extract.extraction.dates import find_dates
from tests.extraction.conftest import article

TUESDAY = date(2024, 1, 9)


def _meetings(ex):  # type: ignore[no-untyped-def]
    return sorted((tuple(sorted(p.name for p in m.participants)), str(m.date), m.date_precision)
                  for m in ex.meetings)


def test_each_coordinated_meeting_keeps_its_own_date(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "President Tomas Lind met Prime Minister Hilda Varga on Monday and held talks with "
        "King Abdul Rahim on Thursday.", published=date(2024, 1, 12)))
    assert _meetings(ex) == [(("Abdul Rahim", "Tomas Lind"), "2024-01-11", "day"),
                             (("Hilda Varga", "Tomas Lind"), "2024-01-08", "day")]


def test_an_undated_act_takes_the_date_of_its_clause(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Foreign Minister Zoran Petrovic arrived in Rome and held talks with Prime Minister Paolo Verdi on Monday.",
        published=TUESDAY))
    assert [(v.visitor.name, str(v.date), v.date_precision) for v in ex.visits] == [
        ("Zoran Petrovic", "2024-01-08", "day")]


def test_a_trip_dated_by_the_clause_saying_when_it_began(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "President Tomas Lind's three-day visit to Italy, which began on Sunday, ended with a meeting "
        "with Prime Minister Paolo Verdi.", published=TUESDAY))
    assert [(v.visitor.name, v.host_country, str(v.date)) for v in ex.visits] == [
        ("Tomas Lind", "ITA", "2024-01-07")]


def test_a_month_abbreviation_inside_a_name(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Kenyan Foreign Minister Amara Odhiambo held talks with Chinese Foreign Minister Wen Jun in Beijing on Monday.",
        published=TUESDAY))
    assert _meetings(ex) == [(("Amara Odhiambo", "Wen Jun"), "2024-01-08", "day")]


def test_a_month_abbreviation_before_a_day_is_a_date() -> None:
    got = find_dates("The talks were held on Jun 5.", date(2024, 6, 9))
    assert [(str(d.value), d.precision) for d in got] == [("2024-06-05", "day")]


def test_earlier_this_week() -> None:
    # a Tuesday report: earlier this week was Monday
    assert [(str(d.value), d.precision) for d in find_dates("earlier this week", TUESDAY)] == [("2024-01-08", "day")]
    # a Friday report on the 2nd: the days before it, in the month they fall in
    assert [(str(d.value), d.precision) for d in find_dates("earlier this week", date(2024, 2, 2))] == [
        ("2024-02-01", "month")]


def test_over_the_weekend() -> None:
    # a Thursday 1 February report: the weekend just past fell in January
    got = find_dates("They met over the weekend.", date(2024, 2, 1))
    assert [(str(d.value), d.precision) for d in got] == [("2024-01-01", "month")]
    got = find_dates("They will meet at the weekend.", date(2024, 1, 30), future=True)
    assert [(str(d.value), d.precision) for d in got] == [("2024-02-01", "month")]


def test_ordinal_day_after_a_month() -> None:
    got = find_dates("They held talks on January 3rd.", TUESDAY)
    assert [(str(d.value), d.precision) for d in got] == [("2024-01-03", "day")]


def test_on_the_nth_of_the_reports_month() -> None:
    assert [(str(d.value), d.precision) for d in find_dates("visited Mongolia on the 8th and met", TUESDAY)] == [
        ("2024-01-08", "day")]
    # a day still to come this month was last month's
    assert [(str(d.value), d.precision) for d in find_dates("met on the 28th.", TUESDAY)] == [("2023-12-28", "day")]
    # "the 8th floor", "the 8th round" are no dates
    assert find_dates("on the 8th floor", TUESDAY) == []


def test_the_following_day_counts_from_the_act_before(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Chancellor Katrin Vogel met President Liang Wei on Wednesday and held talks with Premier Han Zhiyuan "
        "the following day.", published=date(2024, 1, 12)))
    assert _meetings(ex) == [(("Han Zhiyuan", "Katrin Vogel"), "2024-01-11", "day"),
                             (("Katrin Vogel", "Liang Wei"), "2024-01-10", "day")]


def test_a_trip_dated_by_its_end_keeps_only_the_month(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "BERLIN — Chancellor Katrin Vogel's China trip ended on Thursday with warm words in Beijing.",
        published=date(2024, 1, 12)))
    assert [(v.visitor.name, v.host_country, str(v.date), v.date_precision) for v in ex.visits] == [
        ("Katrin Vogel", "CHN", "2024-01-01", "month")]


def test_a_meeting_on_the_day_stays_exact(extractor) -> None:  # type: ignore[no-untyped-def]
    # "ended" without a trip noun: the talks' own day
    ex = extractor.extract(article(
        "Chancellor Katrin Vogel held talks with Premier Han Zhiyuan that ended on Thursday.",
        published=date(2024, 1, 12)))
    assert _meetings(ex) == [(("Han Zhiyuan", "Katrin Vogel"), "2024-01-11", "day")]
