"""The Run: begun once, resumed by every later stage, ended once; mapped extraction plans."""

from __future__ import annotations

from extract import stages
from extract.config import load_settings
from extract.pipeline import Run
from extract.runs import RunRecord
from extract.sources import Window


def settings(tmp_path):
    return load_settings(warehouse=tmp_path / "wh")


def test_stage_commands_continue_the_open_run_and_a_new_run_interrupts_an_unfinished_one(tmp_path):
    s = settings(tmp_path)
    first = Run.begin(s, "first", Window())
    assert Run.open_run_id(first.layout) == "first"
    assert Run.resume(s).run_id == "first"  # what `dipnews extract` etc. continue
    assert Run.resume(s, "first").record.status == "running"  # what a DAG task finds

    second = Run.begin(s, "second")  # the first never finished: its process is gone
    assert RunRecord.load(first.layout, "first").status == "interrupted"
    second._end("published", "done")
    assert Run.open_run_id(second.layout) is None
    third = Run.resume(s)  # nothing open: a stage command on its own begins a run
    assert third.run_id not in ("first", "second") and third.record.status == "running"


def test_extraction_is_planned_one_part_per_task_up_to_a_limit(tmp_path, monkeypatch):
    run = Run.begin(settings(tmp_path), "plan")
    parts = [f"source=s/published_month=2024-{m:02d}/part-{m}" for m in range(1, 8)]
    monkeypatch.setattr(stages, "prepare_extraction", lambda layout: parts)
    assert run.extract_plan() == [[p] for p in parts]
    plan = run.extract_plan(max_tasks=3)
    assert len(plan) == 3 and [p for task in plan for p in task] == parts
    monkeypatch.setattr(stages, "prepare_extraction", lambda layout: [])
    assert run.extract_plan() == []


def test_mapped_results_add_up_in_the_record(tmp_path):
    run = Run.begin(settings(tmp_path), "sum")
    total = run.extracted([{"partitions": 1, "articles": 3, "counts": {"visits": 2}},
                           {"partitions": 1, "articles": 4, "counts": {"visits": 1, "statements": 5}}])
    assert (total.partitions, total.articles, total.counts) == (2, 7, {"visits": 3, "statements": 5})
    assert RunRecord.load(run.layout, "sum").stages["extract"]["articles"] == 7
