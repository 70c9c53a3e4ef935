"""Mention ids: stable per event, unique per article whatever the extractor returns."""

from datetime import date

from extract.extracted import mention_id, rows_for
from extract.extraction.model import Actor, ArticleExtraction, Evidence, Meeting
from tests.extraction.conftest import article


def _meeting(planned: bool) -> Meeting:
    people = (Actor("Amani Odhiambo", "person", "KEN", "foreign minister", True),
              Actor("Ivana Horvatek", "person", "HRV", "trade minister", True))
    return Meeting(participants=people, country=None, city="Dubrovnik", date=date(2022, 11, 13),
                   date_precision="day", mode="in_person", track="1", is_planned=planned,
                   evidence=Evidence("Odhiambo will travel ...", 0, 40, "meeting.talks_with:talks", 0.85))


def test_two_events_with_one_key_get_distinct_ids_and_the_first_keeps_its_own() -> None:
    a = article("Odhiambo will travel to Dubrovnik for talks with Horvatek.\n")
    ex = ArticleExtraction(article_id=a.article_id, meetings=[_meeting(False), _meeting(True)])
    rows = rows_for(a, ex)
    ids = [r["mention_id"] for r in rows["meetings"]]
    assert len(set(ids)) == 2
    assert ids[0] == mention_id(a.article_id, "meeting", "Amani Odhiambo", "Ivana Horvatek", 0)
    # each participant row follows its own meeting
    assert sorted(r["mention_id"] for r in rows["meeting_participants"]) == sorted(ids * 2)
    # deterministic: the same extraction gives the same ids
    assert [r["mention_id"] for r in rows_for(a, ex)["meetings"]] == ids
