"""``dipnews explain ARTICLE``: an article's events with the evidence for each."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from extract.articles import Rejected, parse_seed_text


def explain_file(path: Path, as_json: bool = False) -> str:
    from extract.extraction import Extractor

    article = parse_seed_text(path.read_bytes(), source_name="explain", source_uri=str(path))
    if isinstance(article, Rejected):
        return f"{path}: would be quarantined: {article.reason}"
    ex = Extractor().extract(article)
    if as_json:
        return json.dumps(asdict(ex), indent=1, default=str)
    lines = [f"{path}", f"  {article.published_date}  {article.title}", f"  {article.word_count} words", ""]

    def ev(e) -> str:
        return f"      rule {e.rule}, confidence {e.confidence:.2f}, chars {e.char_start}-{e.char_end}\n      > {e.sentence}"

    lines.append(f"  actors ({len(ex.actors)}):")
    for a in ex.actors:
        lines.append(f"    - {a.name} [{a.kind}, {a.country or '-'}, {a.title or '-'}]")
    lines.append(f"  visits ({len(ex.visits)}):")
    for v in ex.visits:
        planned = " (planned)" if v.is_planned else ""
        lines.append(f"    - {v.visitor.name} ({v.visitor.country or '?'}) -> {v.host_country}"
                     f"{' / ' + v.city if v.city else ''}, {v.date or '?'} [{v.date_precision}]{planned}")
        lines.append(ev(v.evidence))
    lines.append(f"  meetings ({len(ex.meetings)}):")
    for m in ex.meetings:
        planned = " (planned)" if m.is_planned else ""
        lines.append(f"    - {' + '.join(p.name for p in m.participants)}: {m.mode}, track {m.track}, "
                     f"{m.country or '?'}{' / ' + m.city if m.city else ''}, {m.date or '?'} [{m.date_precision}]{planned}")
        lines.append(ev(m.evidence))
    lines.append(f"  statements ({len(ex.statements)}):")
    for s in ex.statements:
        kind = "direct" if s.is_direct else "reported"
        lines.append(f"    - {s.speaker.name} ({s.speaker.country or '-'}), {kind}, tone {s.tone:+.2f}: {s.quote!r}")
        lines.append(ev(s.evidence))
    return "\n".join(lines)
