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
    extractor_version,
    filename as source_file
from {{ source('extracted', 'meetings') }} as mentions
-- An evicted article contributes nothing (extraction also leaves it out of new files).
where mentions.article_id not in (select article_id from {{ source('landing', 'evictions') }})
