"""Validate a hand-annotated news gold set (default tests/gold/news.jsonl) against its articles.

Run:  python tests/gold/news_check.py [--articles DIR --gold FILE]  (exit code 1 when anything is wrong)

The same checks serve every news-style gold set (news, dev, blind): pass the set's article
directory and gold file, e.g. ``--articles tests/gold/dev --gold tests/gold/dev.jsonl``.

Checks, per docs/annotation.md:
* every line is a JSON object with exactly the gold keys and value types;
* one line per article stem in tests/gold/news/, no line without an article;
* "published" equals the date on the article's date line, and the stem ends with it;
* countries are ISO 3166-1 alpha-3 (pycountry when installed, else the shape only);
* dates are YYYY-MM-DD, YYYY-MM or null; modes are in_person/phone/video;
* every quote is a verbatim substring of the body (title and highlights excluded),
  does not start with the complementiser "that ", is not wrapped in quotation marks,
  and any quotation marks inside it (a quoted fragment in reported speech) are balanced;
* "direct" agrees with the share of the quote's characters inside quotation marks
  (more than half -> true), computed from the body;
* names (visitor, participants, speaker) and cities occur in the body, ignoring case;
* one visit per (visitor, host country) per article; visitor country != host country;
  meetings have 2+ participants.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS = HERE / "news"
GOLD = HERE / "news.jsonl"

DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*)$")
EVENT_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
ISO3 = re.compile(r"^[A-Z]{3}$")
OPEN_Q = {"\u201c"}
CLOSE_Q = {"\u201d"}
TOGGLE_Q = {'"'}
ALL_Q = OPEN_Q | CLOSE_Q | TOGGLE_Q

try:  # the project depends on pycountry; fall back to the shape check without it
    import pycountry

    KNOWN_ISO3 = {c.alpha_3 for c in pycountry.countries}
except ImportError:  # pragma: no cover
    KNOWN_ISO3 = None

KEYS = {"article", "published", "visits", "meetings", "statements"}
VISIT_KEYS = {"visitor", "visitor_country", "host_country", "city", "date", "planned"}
MEETING_KEYS = {"participants", "country", "city", "date", "mode", "planned"}
STATEMENT_KEYS = {"speaker", "speaker_country", "quote", "direct"}


def clean(text: str) -> str:
    """The same normalisation the seed parser applies (NFC, Unicode spaces, collapsed runs)."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    return " ".join(text.split())


def parse(path: Path) -> tuple[str, str, list[str], str]:
    """(published, title, highlights, body) of a seed-format file, as the parser reads it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    m = DATE_LINE.match(lines[0])
    if not m:
        raise ValueError(f"{path.name}: first line is not ' date YYYY-MM-DD Title'")
    highlights, body = [], []
    for line in lines[1:]:
        s = line.strip()
        if not s:
            continue
        if s.startswith("- ") and not body:
            highlights.append(clean(s[2:]))
        else:
            body.append(clean(s))
    if not body:
        raise ValueError(f"{path.name}: empty body")
    return m.group(1), clean(m.group(2)), highlights, "\n".join(body)


def inside_mask(body: str) -> list[bool]:
    """For each character: is it inside quotation marks (the marks themselves are not)?"""
    mask = [False] * len(body)
    depth = False
    for i, ch in enumerate(body):
        if ch == "\n":
            depth = False
        elif ch in OPEN_Q:
            depth = True
            continue
        elif ch in CLOSE_Q:
            depth = False
            continue
        elif ch in TOGGLE_Q:
            depth = not depth
            continue
        mask[i] = depth
    return mask


def check_date(value, where: str, errors: list[str]) -> None:
    if value is not None and not (isinstance(value, str) and EVENT_DATE.match(value)):
        errors.append(f"{where}: bad date {value!r}")


def check_country(value, where: str, errors: list[str], nullable: bool = True) -> None:
    if value is None and nullable:
        return
    if not (isinstance(value, str) and ISO3.match(value)):
        errors.append(f"{where}: bad country {value!r}")
    elif KNOWN_ISO3 is not None and value not in KNOWN_ISO3:
        errors.append(f"{where}: {value!r} is not an ISO 3166-1 alpha-3 code")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=NEWS, help="directory of the set's .txt articles")
    ap.add_argument("--gold", type=Path, default=GOLD, help="the set's gold JSONL file")
    args = ap.parse_args(argv)
    news_dir, gold_file = args.articles, args.gold
    errors: list[str] = []
    warnings: list[str] = []
    articles = {p.stem: p for p in sorted(news_dir.glob("*.txt"))}
    seen: Counter[str] = Counter()
    totals = Counter()
    for n, raw in enumerate(gold_file.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            errors.append(f"line {n}: empty line")
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: invalid JSON ({exc})")
            continue
        if not isinstance(rec, dict) or set(rec) != KEYS:
            errors.append(f"line {n}: keys must be exactly {sorted(KEYS)}")
            continue
        stem = rec["article"]
        seen[stem] += 1
        where0 = f"{stem}"
        if stem not in articles:
            errors.append(f"{where0}: no article file {news_dir.name}/{stem}.txt")
            continue
        try:
            published, title, highlights, body = parse(articles[stem])
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if rec["published"] != published:
            errors.append(f"{where0}: published {rec['published']} != date line {published}")
        if not stem.endswith(published):
            errors.append(f"{where0}: file stem does not end with its date {published}")
        mask = inside_mask(body)
        low = body.lower()

        def named(value, what: str, where: str, low: str = low) -> None:
            if isinstance(value, str) and value.lower() not in low:
                errors.append(f"{where}: {what} {value!r} does not occur in the body")

        pairs: Counter[tuple[str, str]] = Counter()
        for i, v in enumerate(rec["visits"]):
            w = f"{stem} visit[{i}]"
            if set(v) != VISIT_KEYS:
                errors.append(f"{w}: keys must be exactly {sorted(VISIT_KEYS)}")
                continue
            if not isinstance(v["visitor"], str) or not v["visitor"].strip():
                errors.append(f"{w}: empty visitor")
            check_country(v["visitor_country"], w, errors)
            check_country(v["host_country"], w, errors, nullable=False)
            if v["visitor_country"] == v["host_country"]:
                errors.append(f"{w}: visitor_country == host_country")
            check_date(v["date"], w, errors)
            if not isinstance(v["planned"], bool):
                errors.append(f"{w}: planned must be a boolean")
            if v["city"] is not None and not isinstance(v["city"], str):
                errors.append(f"{w}: city must be a string or null")
            named(v["visitor"], "visitor", w)
            named(v["city"], "city", w)
            pairs[(v["visitor"], v["host_country"])] += 1
            totals["visits"] += 1
            totals["visits_planned"] += bool(v["planned"])
        for (who, host), k in pairs.items():
            if k > 1:
                errors.append(
                    f"{stem}: {k} visits for ({who}, {host}); the rule is one per article"
                )

        for i, m in enumerate(rec["meetings"]):
            w = f"{stem} meeting[{i}]"
            if set(m) != MEETING_KEYS:
                errors.append(f"{w}: keys must be exactly {sorted(MEETING_KEYS)}")
                continue
            parts = m["participants"]
            if not isinstance(parts, list) or len(parts) < 2 or len(set(parts)) != len(parts):
                errors.append(f"{w}: needs 2+ distinct participants")
            for p in parts if isinstance(parts, list) else []:
                named(p, "participant", w)
            named(m["city"], "city", w)
            check_country(m["country"], w, errors)
            check_date(m["date"], w, errors)
            if m["mode"] not in {"in_person", "phone", "video"}:
                errors.append(f"{w}: bad mode {m['mode']!r}")
            if m["mode"] != "in_person" and m["country"] is not None:
                warnings.append(f"{w}: {m['mode']} meeting with a country")
            if not isinstance(m["planned"], bool):
                errors.append(f"{w}: planned must be a boolean")
            totals["meetings"] += 1
            totals["meetings_planned"] += bool(m["planned"])

        for i, s in enumerate(rec["statements"]):
            w = f"{stem} statement[{i}]"
            if set(s) != STATEMENT_KEYS:
                errors.append(f"{w}: keys must be exactly {sorted(STATEMENT_KEYS)}")
                continue
            check_country(s["speaker_country"], w, errors)
            named(s["speaker"], "speaker", w)
            q = s["quote"]
            if not isinstance(q, str) or not q.strip():
                errors.append(f"{w}: empty quote")
                continue
            if q != q.strip():
                errors.append(f"{w}: quote has leading/trailing whitespace")
            if q.startswith("that "):
                errors.append(f"{w}: quote starts with the complementiser 'that'")
            if q[0] in ALL_Q and q[-1] in ALL_Q:
                errors.append(f"{w}: quote is wrapped in quotation marks: {q[:40]!r}")
            elif q[0] in ALL_Q:
                warnings.append(f"{w}: quote starts with a quotation mark: {q[:40]!r}")
            opens = sum(q.count(c) for c in OPEN_Q)
            closes = sum(q.count(c) for c in CLOSE_Q)
            if opens != closes or sum(q.count(c) for c in TOGGLE_Q) % 2:
                errors.append(f"{w}: unbalanced quotation marks inside the quote: {q[-40:]!r}")
            pos = body.find(q)
            if pos < 0:
                in_head = q in title or any(q in h for h in highlights)
                errors.append(
                    f"{w}: quote not in body{' (only in title/highlights)' if in_head else ''}: {q[:70]!r}"
                )
                continue
            if body.find(q, pos + 1) >= 0:
                warnings.append(f"{w}: quote occurs more than once in the body")
            inside = sum(mask[pos : pos + len(q)])
            direct = inside * 2 > len(q)
            if not isinstance(s["direct"], bool):
                errors.append(f"{w}: direct must be a boolean")
            elif s["direct"] != direct:
                errors.append(
                    f"{w}: direct={s['direct']} but {inside}/{len(q)} characters are inside quotation marks: {q[:60]!r}"
                )
            totals["statements"] += 1
            totals["statements_direct"] += direct

    for stem in articles:
        if seen[stem] == 0:
            errors.append(f"{stem}: article has no gold line")
    for stem, k in seen.items():
        if k > 1:
            errors.append(f"{stem}: {k} gold lines (one expected)")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(
        f"{len(articles)} articles, {sum(seen.values())} gold lines; "
        f"visits {totals['visits']} ({totals['visits_planned']} planned), "
        f"meetings {totals['meetings']} ({totals['meetings_planned']} planned), "
        f"statements {totals['statements']} ({totals['statements_direct']} direct)"
    )
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
