-- One row per article. The same text landed from two sources (or two paths) has one
-- content-hash `article_id`; the first copy by source and URI is kept. Syndicated
-- near-copies keep their own id but point at their canonical article, which is what
-- `article_count` counts, so a wire story reprinted ten times counts once.
with ranked as (
    select
        *,
        row_number() over (partition by article_id order by source_name, source_uri) as copy_rank
    from {{ ref('stg_landing__articles') }}
)

select
    article_id,
    coalesce(canonical_article_id, article_id) as canonical_article_id,
    coalesce(canonical_article_id, article_id) = article_id as is_canonical,
    duplicate_reason,
    source_name,
    source_uri,
    url,
    published_date,
    title,
    word_count
from ranked
where copy_rank = 1
