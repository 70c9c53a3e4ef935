-- Every event traced back to each article that reports it, with the evidence the
-- extractor used. One row per (event, article): the first mention in the article.
with mentions as (
    select 'visit' as event_type, visit_id as event_id, article_id, evidence, char_start, char_end,
        rule, confidence, extractor_version
    from {{ ref('int_visits_clustered') }}
    where visit_id in (select visit_id from {{ ref('fct_visits') }})
    union all
    select 'meeting', meeting_id, article_id, evidence, char_start, char_end, rule, confidence, extractor_version
    from {{ ref('int_meetings_clustered') }}
    where meeting_id in (select meeting_id from {{ ref('fct_meetings') }})
    union all
    select 'statement', statement_id, article_id, evidence, char_start, char_end, rule, confidence, extractor_version
    from {{ ref('int_statements_grouped') }}
    where statement_id in (select statement_id from {{ ref('fct_statements') }})
)

select distinct on (event_type, event_id, article_id)
    event_type,
    event_id,
    article_id,
    evidence,
    char_start,
    char_end,
    rule,
    confidence,
    extractor_version
from mentions
order by event_type, event_id, article_id, char_start, rule
