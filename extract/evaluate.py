"""Score extracted events against gold annotations (the rules of docs/annotation.md, "Scoring").

Both sides use the gold JSON format: one dict per article with ``article``, ``published``,
``visits``, ``meetings`` and ``statements``. :func:`score` does not care where predictions
come from (the extractor, the published warehouse, another system).

Matching rules, per article and event type, greedy one-to-one:

* **Names** match when, ignoring case, punctuation and titles/honorifics ("President",
  "Mr", "the"), all words of one name are among the other's words ("Blinken" ~ "Antony
  Blinken"), or both names end in the same word of 3+ letters.
* **Visit**: the visitor names match and the host countries are equal.
* **Meeting**: at least two gold participants (all of them when the gold lists fewer than
  two) match some predicted participant.
* **Statement**: the speakers match and the quotes overlap: at least half of the gold
  quote's words occur in the predicted quote and at least half of the predicted quote's
  words occur in the gold quote.
* Gold events are taken in order, not-planned ones first; each takes the best-overlapping
  unmatched prediction that matches it (statements: by word overlap; others: first).
* **Counting**: a not-planned gold event matched is a true positive, unmatched a false
  negative; an unmatched prediction is a false positive; a prediction matched to a planned
  gold event is neither (and planned gold events are never false negatives).
* **Date accuracy** (visits, meetings): over true-positive pairs whose gold has a date, the
  predicted date is compared at the predicted precision (``YYYY-MM-DD`` day, ``YYYY-MM``
  month, ``YYYY`` year): correct when the gold date is at least that precise and agrees
  on that prefix. A missing predicted date is wrong.

CLI::

    python -m extract.evaluate --articles seeds/articles --gold tests/gold/sample.jsonl [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

EVENT_TYPES = ("visits", "meetings", "statements")
_WORD = re.compile(r"\w+", re.UNICODE)
# Words ignored when comparing names: honorifics, common titles, articles.
_IGNORED = frozenset("""
the mr mrs ms miss dr sir dame madam madame lord lady sheikh sheikha prof professor president
king queen prince princess emperor pope premier chancellor ambassador senator sen rep
former his her majesty highness excellency""".split())


# ---------------------------------------------------------------------- matching rules
def name_words(name: str | None) -> list[str]:
    words = [w for w in _WORD.findall((name or "").lower().replace("’s", "").replace("'s", ""))]
    kept = [w for w in words if w not in _IGNORED]
    return kept or words


def names_match(a: str | None, b: str | None) -> bool:
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    sa, sb = set(wa), set(wb)
    if sa <= sb or sb <= sa:
        return True
    return wa[-1] == wb[-1] and len(wa[-1]) >= 3


def _quote_words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def quote_overlap(gold: str | None, pred: str | None) -> float:
    """min(share of gold words in pred, share of pred words in gold); 0 when empty."""
    g, p = _quote_words(gold), _quote_words(pred)
    if not g or not p:
        return 0.0
    sg, sp = set(g), set(p)
    g_in = sum(1 for w in g if w in sp) / len(g)
    p_in = sum(1 for w in p if w in sg) / len(p)
    return min(g_in, p_in)


def _similarity(kind: str, gold: dict, pred: dict) -> float | None:
    """A positive score when ``pred`` matches ``gold`` under the rules, else None."""
    if kind == "visits":
        if names_match(gold.get("visitor"), pred.get("visitor")) and gold.get("host_country") == pred.get("host_country"):
            return 1.0
        return None
    if kind == "meetings":
        gparts = [p for p in gold.get("participants") or [] if p]
        pparts = [p for p in pred.get("participants") or [] if p]
        hits = sum(1 for g in gparts if any(names_match(g, p) for p in pparts))
        need = min(2, len(gparts))
        if need and hits >= need:
            return hits / max(len(gparts), len(pparts))
        return None
    if not names_match(gold.get("speaker"), pred.get("speaker")):
        return None
    ov = quote_overlap(gold.get("quote"), pred.get("quote"))
    return ov if ov >= 0.5 else None


def date_correct(gold_date: str | None, pred_date: str | None) -> bool:
    if not gold_date:
        return True
    if not pred_date:
        return False
    return len(gold_date) >= len(pred_date) and gold_date[: len(pred_date)] == pred_date


# ---------------------------------------------------------------------- report
@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0  # predictions matched to planned gold events
    dates_total: int = 0
    dates_correct: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float | None:
        return self.dates_correct / self.dates_total if self.dates_total else None


@dataclass
class ArticleErrors:
    article: str
    false_positives: dict[str, list[dict]] = field(default_factory=dict)
    false_negatives: dict[str, list[dict]] = field(default_factory=dict)
    wrong_dates: dict[str, list[tuple[dict, dict]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.false_positives or self.false_negatives or self.wrong_dates)


@dataclass
class Report:
    scores: dict[str, TypeScore]
    articles: list[ArticleErrors]

    @property
    def date_accuracy(self) -> float | None:
        tot = sum(s.dates_total for s in self.scores.values())
        return sum(s.dates_correct for s in self.scores.values()) / tot if tot else None

    def to_dict(self) -> dict:
        out: dict = {}
        for kind, s in self.scores.items():
            out[kind] = {**asdict(s), "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                         "f1": round(s.f1, 4), "date_accuracy": None if s.date_accuracy is None else round(s.date_accuracy, 4)}
        out["date_accuracy"] = None if self.date_accuracy is None else round(self.date_accuracy, 4)
        out["errors"] = [asdict(a) for a in self.articles if not a.empty]
        return out

    def table(self) -> str:
        lines = [f"{'type':<11}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>8}{'recall':>8}{'F1':>8}{'dates':>14}"]
        for kind, s in self.scores.items():
            dates = f"{s.dates_correct}/{s.dates_total}" if s.dates_total else "-"
            if s.dates_total:
                dates = f"{s.date_accuracy:.2f} {dates}"
            lines.append(f"{kind:<11}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{dates:>14}")
        da = self.date_accuracy
        lines.append(f"date accuracy (visits+meetings): {'-' if da is None else f'{da:.3f}'}")
        return "\n".join(lines)

    def error_listing(self) -> str:
        out = []
        for a in self.articles:
            if a.empty:
                continue
            out.append(f"== {a.article}")
            for kind in EVENT_TYPES:
                for e in a.false_negatives.get(kind, []):
                    out.append(f"  FN {kind[:-1]}: {_brief(kind, e)}")
                for e in a.false_positives.get(kind, []):
                    out.append(f"  FP {kind[:-1]}: {_brief(kind, e)}")
                for g, p in a.wrong_dates.get(kind, []):
                    out.append(f"  DATE {kind[:-1]}: gold {g.get('date')} predicted {p.get('date')}: {_brief(kind, g)}")
        return "\n".join(out)


def _brief(kind: str, e: dict) -> str:
    if kind == "visits":
        return f"{e.get('visitor')} -> {e.get('host_country')} {e.get('date')}{' planned' if e.get('planned') else ''}"
    if kind == "meetings":
        return f"{e.get('participants')} {e.get('country')} {e.get('date')} {e.get('mode')}{' planned' if e.get('planned') else ''}"
    q = (e.get("quote") or "")
    return f"{e.get('speaker')}: {q[:90]!r}"


def _score_kind(kind: str, gold: list[dict], pred: list[dict], score: TypeScore, errs: ArticleErrors) -> None:
    used = [False] * len(pred)
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("planned")))
    for gi in order:
        g = gold[gi]
        best, best_s = -1, 0.0
        for pi, p in enumerate(pred):
            if used[pi]:
                continue
            s = _similarity(kind, g, p)
            if s is not None and s > best_s:
                best, best_s = pi, s
        planned = bool(g.get("planned"))
        if best < 0:
            if not planned:
                score.fn += 1
                errs.false_negatives.setdefault(kind, []).append(g)
            continue
        used[best] = True
        if planned:
            score.neutral += 1
            continue
        score.tp += 1
        if kind != "statements" and g.get("date"):
            score.dates_total += 1
            if date_correct(g.get("date"), pred[best].get("date")):
                score.dates_correct += 1
            else:
                errs.wrong_dates.setdefault(kind, []).append((g, pred[best]))
    for pi, p in enumerate(pred):
        if not used[pi]:
            score.fp += 1
            errs.false_positives.setdefault(kind, []).append(p)


def score(gold: list[dict], predicted: list[dict]) -> Report:
    """Score predictions against gold; both in the gold format, one dict per article."""
    by_article = {p.get("article"): p for p in predicted}
    scores = {k: TypeScore() for k in EVENT_TYPES}
    articles: list[ArticleErrors] = []
    for g in gold:
        name = g.get("article")
        p = by_article.get(name, {})
        errs = ArticleErrors(str(name))
        for kind in EVENT_TYPES:
            _score_kind(kind, list(g.get(kind) or []), list(p.get(kind) or []), scores[kind], errs)
        articles.append(errs)
    gold_names = {g.get("article") for g in gold}
    for name, p in by_article.items():
        if name in gold_names:
            continue
        errs = ArticleErrors(str(name))
        for kind in EVENT_TYPES:
            _score_kind(kind, [], list(p.get(kind) or []), scores[kind], errs)
        articles.append(errs)
    return Report(scores, articles)


# ---------------------------------------------------------------------- conversion
def _date_str(value, precision: str) -> str | None:  # type: ignore[no-untyped-def]
    from extract.extraction.dates import format_date

    return format_date(value, precision)


def extraction_to_gold_format(article, extraction) -> dict:  # type: ignore[no-untyped-def]
    """An :class:`ArticleExtraction` in the gold JSON format."""
    stem = Path(article.source_uri).stem if article.source_uri else article.article_id
    return {
        "article": stem,
        "published": article.published_date.isoformat(),
        "visits": [
            {"visitor": v.visitor.name, "visitor_country": v.visitor.country, "host_country": v.host_country,
             "city": v.city, "date": _date_str(v.date, v.date_precision), "planned": v.is_planned}
            for v in extraction.visits
        ],
        "meetings": [
            {"participants": [p.name for p in m.participants], "country": m.country, "city": m.city,
             "date": _date_str(m.date, m.date_precision), "mode": m.mode, "planned": m.is_planned}
            for m in extraction.meetings
        ],
        "statements": [
            {"speaker": s.speaker.name, "speaker_country": s.speaker.country, "quote": s.quote,
             "direct": s.is_direct}
            for s in extraction.statements
        ],
    }


def predict_directory(articles_dir: Path) -> list[dict]:
    from extract.articles import Article, parse_seed_text
    from extract.extraction import Extractor

    extractor = Extractor()
    out = []
    for path in sorted(articles_dir.glob("*.txt")):
        parsed = parse_seed_text(path.read_bytes(), source_name=articles_dir.name, source_uri=str(path))
        if not isinstance(parsed, Article):
            continue
        out.append(extraction_to_gold_format(parsed, extractor.extract(parsed)))
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=Path, required=True, help="directory of seed-format .txt articles")
    ap.add_argument("--gold", type=Path, required=True, help="gold JSONL file")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="list errors per article")
    args = ap.parse_args(list(argv) if argv is not None else None)
    gold = read_jsonl(args.gold)
    predicted = predict_directory(args.articles)
    report = score(gold, predicted)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.table())
        if args.verbose:
            print()
            print(report.error_listing())
    return 0


if __name__ == "__main__":
    sys.exit(main())
