select
    mention_id,
    article_id,
    cast(published_date as date) as published_date,
    name as participant_name,
    kind as participant_kind,
    country as participant_country,
    title as participant_title,
    is_government,
    filename as source_file
from {{ source('extracted', 'meeting_participants') }} as mentions
-- An evicted article contributes nothing (extraction also leaves it out of new files).
where mentions.article_id not in (select article_id from {{ source('landing', 'evictions') }})
