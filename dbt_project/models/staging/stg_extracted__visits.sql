select
    mention_id,
    article_id,
    canonical_id as canonical_article_id,
    cast(published_date as date) as published_date,
    visitor_name,
    visitor_country,
    visitor_title,
    host_country,
    city,
    cast(event_date as date) as visit_date,
    date_precision,
    is_planned,
    evidence,
    char_start,
    char_end,
    rule,
    confidence,
    extractor_version,
    filename as source_file
from {{ source('extracted', 'visits') }} as mentions
-- An evicted article contributes nothing (extraction also leaves it out of new files).
where mentions.article_id not in (select article_id from {{ source('landing', 'evictions') }})
