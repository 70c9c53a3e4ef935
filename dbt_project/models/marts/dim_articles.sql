select
    article_id,
    source_name,
    source_uri,
    url,
    published_date,
    title,
    word_count,
    canonical_article_id,
    is_canonical
from {{ ref('int_articles_deduplicated') }}
