#!/usr/bin/env python3
"""Check a hand-annotated gold set against its articles (default: the bundled sample corpus).

Usage:  python tests/gold/check_gold.py [--articles DIR] [--gold FILE] [--quiet]

The news-style sets are checked the same way, e.g.
``--articles tests/gold/dev --gold tests/gold/dev.jsonl``.

Checks (any failure -> exit status 1):
  * every line of the gold file is a valid JSON object with the fields and value
    types of the gold format in docs/annotation.md;
  * every well-formed article in the corpus has exactly one gold line, and no gold
    line names a missing or malformed article;
  * "published" equals the date on the article's date line;
  * every statement quote is an exact substring of the article body (headline and
    highlight lines excluded), and its "direct" flag agrees with the rule "more than
    half of the quote's characters are inside quotation marks";
  * every named person/organisation (visitor, participant, speaker) occurs in the
    body (case-insensitive), countries look like ISO3 codes, dates are valid;
  * one visit per (visitor, host country) per article; no duplicate participants.
Malformed articles (no/invalid date line, not UTF-8, empty) are listed, not annotated.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATE_LINE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2}) (\S.*)$")
ISO3 = re.compile(r"^[A-Z]{3}$")
EVENT_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
MODES = {"in_person", "phone", "video"}
TOP_KEYS = {"article", "published", "visits", "meetings", "statements"}
VISIT_KEYS = {"visitor", "visitor_country", "host_country", "city", "date", "planned"}
MEETING_KEYS = {"participants", "country", "city", "date", "mode", "planned"}
STATEMENT_KEYS = {"speaker", "speaker_country", "quote", "direct"}
OPEN_CLOSE = {"\u201c": "\u201d"}  # curly double quotes
STRAIGHT = '"'


def parse_article(path: Path):
    """Return (published, title, body) or raise ValueError with the reason."""
    raw = path.read_bytes()
    if not raw.strip():
        raise ValueError("empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8: {exc}") from None
    lines = text.splitlines()
    m = DATE_LINE.match(lines[0])
    if not m:
        raise ValueError("first line is not a date line")
    try:
        dt.date.fromisoformat(m.group(1))
    except ValueError:
        raise ValueError(f"invalid date {m.group(1)}") from None
    body = [ln for ln in lines[1:] if ln.strip() and not ln.startswith("- ")]
    if not body:
        raise ValueError("no body paragraphs")
    return m.group(1), m.group(2), "\n".join(body)


def inside_quote_mask(body: str) -> list[bool]:
    """True for characters enclosed by quotation marks (marks themselves excluded).

    Quotes are paired per paragraph: curly \u201c...\u201d and straight "...".
    """
    mask = [False] * len(body)
    start = 0
    for para in body.split("\n"):
        i = 0
        open_curly = None
        open_straight = None
        while i < len(para):
            ch = para[i]
            if ch == "\u201c" and open_curly is None:
                open_curly = i
            elif ch == "\u201d" and open_curly is not None:
                for k in range(open_curly + 1, i):
                    mask[start + k] = True
                open_curly = None
            elif ch == STRAIGHT:
                if open_straight is None:
                    open_straight = i
                else:
                    for k in range(open_straight + 1, i):
                        mask[start + k] = True
                    open_straight = None
            i += 1
        start += len(para) + 1
    return mask


def valid_event_date(value) -> bool:
    if value is None:
        return True
    if not isinstance(value, str) or not EVENT_DATE.match(value):
        return False
    try:
        if len(value) == 7:
            dt.date.fromisoformat(value + "-01")
        else:
            dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check(articles_dir: Path, gold_path: Path, quiet: bool = False) -> int:
    errors: list[str] = []
    good: dict[str, tuple[str, str, str]] = {}
    malformed: dict[str, str] = {}
    for path in sorted(articles_dir.glob("*.txt")):
        try:
            good[path.stem] = parse_article(path)
        except ValueError as exc:
            malformed[path.stem] = str(exc)

    seen: dict[str, int] = {}
    counts = {"visits": 0, "meetings": 0, "statements": 0, "planned": 0, "direct": 0}
    if not gold_path.exists():
        errors.append(f"gold file missing: {gold_path}")
        lines = []
    else:
        lines = gold_path.read_text(encoding="utf-8").splitlines()
    for lineno, line in enumerate(lines, 1):
        where = f"{gold_path.name}:{lineno}"
        if not line.strip():
            errors.append(f"{where}: blank line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON: {exc}")
            continue
        if not isinstance(rec, dict) or set(rec) != TOP_KEYS:
            errors.append(f"{where}: keys must be exactly {sorted(TOP_KEYS)}")
            continue
        stem = rec["article"]
        where = f"{where} [{stem}]"
        seen[stem] = seen.get(stem, 0) + 1
        if stem in malformed:
            errors.append(f"{where}: article is malformed ({malformed[stem]}) and must not be annotated")
            continue
        if stem not in good:
            errors.append(f"{where}: no such article in {articles_dir}")
            continue
        published, _title, body = good[stem]
        low = body.lower()
        if rec["published"] != published:
            errors.append(f"{where}: published {rec['published']} != date line {published}")
        mask = inside_quote_mask(body)

        def name_ok(name, what, where=where, low=low):
            if not isinstance(name, str) or not name.strip():
                errors.append(f"{where}: {what} must be a non-empty string")
            elif name.lower() not in low:
                errors.append(f"{where}: {what} {name!r} does not occur in the body")

        def country_ok(value, what, nullable=True, where=where):
            if value is None and nullable:
                return
            if not isinstance(value, str) or not ISO3.match(value):
                errors.append(f"{where}: {what} {value!r} is not an ISO3 code")

        for key in ("visits", "meetings", "statements"):
            if not isinstance(rec[key], list):
                errors.append(f"{where}: {key} must be a list")
                rec[key] = []
        pairs = set()
        for v in rec["visits"]:
            if not isinstance(v, dict) or set(v) != VISIT_KEYS:
                errors.append(f"{where}: visit keys must be {sorted(VISIT_KEYS)}: {v}")
                continue
            name_ok(v["visitor"], "visitor")
            country_ok(v["visitor_country"], "visitor_country")
            country_ok(v["host_country"], "host_country", nullable=False)
            if v["visitor_country"] == v["host_country"]:
                errors.append(f"{where}: {v['visitor']} visits own country")
            if v["city"] is not None and (not isinstance(v["city"], str) or v["city"].lower() not in low):
                errors.append(f"{where}: visit city {v['city']!r} not in body")
            if not valid_event_date(v["date"]):
                errors.append(f"{where}: bad visit date {v['date']!r}")
            if not isinstance(v["planned"], bool):
                errors.append(f"{where}: planned must be boolean")
            pair = (v["visitor"], v["host_country"])
            if pair in pairs:
                errors.append(f"{where}: duplicate visit {pair}")
            pairs.add(pair)
            counts["visits"] += 1
            counts["planned"] += bool(v["planned"])
        for m in rec["meetings"]:
            if not isinstance(m, dict) or set(m) != MEETING_KEYS:
                errors.append(f"{where}: meeting keys must be {sorted(MEETING_KEYS)}: {m}")
                continue
            parts = m["participants"]
            if not isinstance(parts, list) or len(parts) < 2:
                errors.append(f"{where}: a meeting needs at least two participants: {parts}")
                parts = parts if isinstance(parts, list) else []
            if len(set(parts)) != len(parts):
                errors.append(f"{where}: duplicate participants {parts}")
            for p in parts:
                name_ok(p, "participant")
            country_ok(m["country"], "meeting country")
            if m["city"] is not None and (not isinstance(m["city"], str) or m["city"].lower() not in low):
                errors.append(f"{where}: meeting city {m['city']!r} not in body")
            if not valid_event_date(m["date"]):
                errors.append(f"{where}: bad meeting date {m['date']!r}")
            if m["mode"] not in MODES:
                errors.append(f"{where}: bad mode {m['mode']!r}")
            if m["mode"] != "in_person" and (m["country"] or m["city"]):
                errors.append(f"{where}: remote meeting with a location: {parts}")
            if not isinstance(m["planned"], bool):
                errors.append(f"{where}: planned must be boolean")
            counts["meetings"] += 1
            counts["planned"] += bool(m["planned"])
        for s in rec["statements"]:
            if not isinstance(s, dict) or set(s) != STATEMENT_KEYS:
                errors.append(f"{where}: statement keys must be {sorted(STATEMENT_KEYS)}: {s}")
                continue
            name_ok(s["speaker"], "speaker")
            country_ok(s["speaker_country"], "speaker_country")
            q = s["quote"]
            if not isinstance(q, str) or not q.strip():
                errors.append(f"{where}: empty quote")
                continue
            if q != q.strip():
                errors.append(f"{where}: quote has leading/trailing whitespace: {q!r}")
            pos = body.find(q)
            if pos < 0:
                errors.append(f"{where}: quote is not a verbatim span of the body: {q!r}")
                continue
            if not isinstance(s["direct"], bool):
                errors.append(f"{where}: direct must be boolean")
            inside = sum(mask[pos:pos + len(q)])
            direct = inside * 2 > len(q)
            if direct != s["direct"]:
                errors.append(f"{where}: direct={s['direct']} but {inside}/{len(q)} chars are quoted: {q[:60]!r}")
            counts["statements"] += 1
            counts["direct"] += bool(direct)

    for stem in good:
        if seen.get(stem, 0) != 1:
            errors.append(f"{stem}: has {seen.get(stem, 0)} gold lines, expected exactly 1")

    if not quiet:
        print(f"articles: {len(good)} well-formed, {len(malformed)} malformed")
        for stem, reason in sorted(malformed.items()):
            print(f"  malformed {stem}: {reason}")
        print(f"gold: {counts['visits']} visits, {counts['meetings']} meetings, "
              f"{counts['statements']} statements ({counts['direct']} direct), "
              f"{counts['planned']} planned events")
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s)", file=sys.stderr)
        return 1
    if not quiet:
        print("gold OK")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "seeds" / "articles")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "sample.jsonl")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    return check(args.articles, args.gold, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
