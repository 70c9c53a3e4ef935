select
    article_id,
    canonical_id as canonical_article_id,
    duplicate_reason,
    source_name,
    source_uri,
    -- Only http(s) links are published (the parsers drop others; rows landed before them too).
    case when regexp_matches(url, '^https?://[^/\s]+', 'i') then url end as url,
    cast(published_date as date) as published_date,
    title,
    body,
    cast(word_count as integer) as word_count,
    content_hash,
    -- the landing file the row is read from: the gate reads only files it has not validated
    articles.filename as landing_file
from {{ source('landing', 'articles') }} as articles
-- Landing stays immutable: what must not count is listed beside it.
where not exists (
    select 1 from {{ source('landing', 'copies') }} as copies
    where copies.landed and copies.article_id = articles.article_id and copies.source_name = articles.source_name
)
and not exists (
    select 1 from {{ source('landing', 'evictions') }} as evictions
    where evictions.article_id = articles.article_id
)
