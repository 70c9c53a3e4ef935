select
    mention_id,
    article_id,
    canonical_id as canonical_article_id,
    cast(published_date as date) as published_date,
    speaker_name,
    speaker_kind,
    speaker_country,
    speaker_title,
    quote,
    quote_start,
    quote_end,
    is_direct,
    cast(event_date as date) as statement_date,
    date_precision,
    named_countries,
    tone,
    evidence,
    char_start,
    char_end,
    rule,
    confidence,
    extractor_version,
    filename as source_file
from {{ source('extracted', 'statements') }} as mentions
-- An evicted article contributes nothing (extraction also leaves it out of new files).
where mentions.article_id not in (select article_id from {{ source('landing', 'evictions') }})
