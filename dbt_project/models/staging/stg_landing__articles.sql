select
    article_id,
    canonical_id as canonical_article_id,
    duplicate_reason,
    source_name,
    source_uri,
    url,
    cast(published_date as date) as published_date,
    title,
    body,
    cast(word_count as integer) as word_count,
    content_hash
from {{ source('landing', 'articles') }}
