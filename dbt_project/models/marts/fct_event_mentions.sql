{{
    config(
        materialized='incremental',
        unique_key=['event_type', 'event_id', 'article_id'],
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where event_id not in (select visit_id from {{ ref('fct_visits') }} union all select meeting_id from {{ ref('fct_meetings') }} union all select statement_id from {{ ref('fct_statements') }})"
    )
}}
-- Incremental like the facts it traces (see fct_visits): only new or changed rows
-- are written; mentions of events that no longer exist are deleted.
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
),

final as (
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
)

{{ select_new_or_changed('final') }}
