select
    article_id,
    canonical_id as canonical_article_id,
    cast(published_date as date) as published_date,
    name as actor_name,
    kind,
    country,
    title,
    is_government,
    aliases,
    filename as source_file
from {{ source('extracted', 'actor_mentions') }} as mentions
-- An evicted article contributes nothing (extraction also leaves it out of new files).
where mentions.article_id not in (select article_id from {{ source('landing', 'evictions') }})
