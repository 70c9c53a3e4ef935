select
    mention_id,
    article_id,
    canonical_id as canonical_article_id,
    cast(published_date as date) as published_date,
    country,
    city,
    cast(event_date as date) as meeting_date,
    date_precision,
    mode,
    track,
    is_planned,
    evidence,
    char_start,
    char_end,
    rule,
    confidence,
    extractor_version
from {{ source('extracted', 'meetings') }}
