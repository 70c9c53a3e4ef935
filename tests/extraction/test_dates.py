from datetime import date

from extract.extraction.dates import find_dates, format_date

PUB = date(2024, 1, 9)  # a Tuesday


def _one(text: str, future: bool = False):  # type: ignore[no-untyped-def]
    found = find_dates(text, PUB, future=future)
    assert len(found) == 1, found
    return found[0].value, found[0].precision


def test_weekdays_against_publication_date() -> None:
    assert _one("on Monday") == (date(2024, 1, 8), "day")
    assert _one("on Tuesday") == (date(2024, 1, 9), "day")
    assert _one("on Friday") == (date(2024, 1, 5), "day")
    assert _one("on Friday", future=True) == (date(2024, 1, 12), "day")
    assert _one("last Tuesday") == (date(2024, 1, 2), "day")


def test_relative_days_and_periods() -> None:
    assert _one("yesterday") == (date(2024, 1, 8), "day")
    assert _one("tomorrow") == (date(2024, 1, 10), "day")
    assert _one("last month") == (date(2023, 12, 1), "month")
    assert _one("last week") == (date(2024, 1, 1), "month")
    assert _one("three days ago") == (date(2024, 1, 6), "day")


def test_month_names_with_year_inference() -> None:
    assert _one("in November") == (date(2023, 11, 1), "month")
    assert _one("in March", future=True) == (date(2024, 3, 1), "month")
    assert _one("on January 13", future=True) == (date(2024, 1, 13), "day")
    assert _one("on 13 December") == (date(2023, 12, 13), "day")
    assert _one("November 2019") == (date(2019, 11, 1), "month")
    assert _one("Jan. 5, 2021") == (date(2021, 1, 5), "day")
    assert _one("in 2019") == (date(2019, 1, 1), "year")


def test_may_needs_context_and_format() -> None:
    assert find_dates("Officials may meet.", PUB) == []
    assert format_date(date(2023, 11, 1), "month") == "2023-11"
    assert format_date(date(2023, 11, 5), "day") == "2023-11-05"
    assert format_date(None, "unknown") is None


def test_a_span_dates_from_its_first_day() -> None:
    from datetime import date as _d

    pub = _d(2024, 2, 20)
    got = [(m.value, m.precision) for m in find_dates("on a visit from 7 to 9 February", pub)]
    assert got[0] == (_d(2024, 2, 7), "day")
    got = [(m.value, m.precision) for m in find_dates("the summit on 13-16 March 2023", pub)]
    assert got[0] == (_d(2023, 3, 13), "day")


def test_a_day_earlier_counts_back_from_the_event_just_reported() -> None:
    from datetime import date as _d

    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "Foreign Minister Eva Lund met Prime Minister Kenji Mori in Tokyo on March 2.\n"
        "A day earlier, Lund had held talks with Trade Minister Aiko Sato in Osaka.",
        published=_d(2024, 3, 6)))
    dates = {frozenset(p.name for p in m.participants): m.date for m in ex.meetings}
    assert dates[frozenset({"Eva Lund", "Kenji Mori"})] == _d(2024, 3, 2)
    assert dates[frozenset({"Eva Lund", "Aiko Sato"})] == _d(2024, 3, 1)
