{{
    config(
        materialized='incremental',
        unique_key='statement_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where statement_id not in (select statement_id from {{ ref('int_statements_grouped') }})"
    )
}}
-- One row per attributed statement (see int_statements_grouped). The quote shown is
-- the first mention's verbatim text; `tone` is the VADER compound score in [-1, 1].
-- Incremental: every row carries `source_signature`, a hash of what it is computed
-- from (its mentions and their file versions, its actors' dimension rows). A nightly
-- build recomputes only the events whose signature changed (a new report of a known
-- event, a mention that moved to another event, a renamed actor), writes those whose
-- `row_hash` (a hash of all values) changed, and the post-hook deletes events that no
-- longer exist. The result equals a --full-refresh build (tests/integration/test_incremental.py).
with grouped as (
    select * from {{ ref('int_statements_grouped') }}
),

signatures as (
    select
        grouped.statement_id,
        {{ inputs_signature('grouped', 'any_value(actors.actor_hash)') }} as source_signature
    from grouped
    inner join ({{ actor_row_hashes() }}) as actors on actors.actor_id = grouped.speaker_actor_id
    group by grouped.statement_id
),

to_build as (
    {{ events_to_build('signatures', 'statement_id') }}
),

mentions as (
    {{ mentions_to_build('statement_id', ['speaker_actor_id'], 'int_statement_mentions', 'statement_date', plannable=false) }}
),

statements as (
    select
        statement_id,
        any_value(speaker_actor_id) as speaker_actor_id,
        first(quote order by published_date, article_id, quote_start) as quote,
        bool_or(is_direct) as is_direct,
        first(statement_date order by after_first_report, {{ precision_rank('date_precision') }}, statement_date) as statement_date,
        first(date_precision order by after_first_report, {{ precision_rank('date_precision') }}, statement_date) as date_precision,
        avg(tone) as tone,
        list_sort(list_distinct(flatten(list(named_countries)))) as named_countries,
        count(distinct canonical_article_id)::integer as article_count,
        min(published_date) as first_reported_date
    from mentions
    group by statement_id
),

final as (
    select
        statements.statement_id,
        statements.speaker_actor_id,
        actors.name as speaker_name,
        actors.kind as speaker_kind,
        actors.country as speaker_country,
        statements.quote,
        statements.is_direct,
        statements.statement_date,
        statements.date_precision,
        round(statements.tone, 4) as tone,
        statements.article_count,
        statements.named_countries,
        statements.first_reported_date,
        to_build.source_signature
    from statements
    inner join to_build on to_build.statement_id = statements.statement_id
    inner join {{ ref('dim_actors') }} as actors on actors.actor_id = statements.speaker_actor_id
)

{{ select_new_or_changed('final') }}
