select
    mention_id,
    article_id,
    cast(published_date as date) as published_date,
    name as participant_name,
    kind as participant_kind,
    country as participant_country,
    title as participant_title,
    is_government
from {{ source('extracted', 'meeting_participants') }}
