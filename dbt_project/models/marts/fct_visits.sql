{{
    config(
        materialized='incremental',
        unique_key='visit_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where visit_id not in (select visit_id from {{ ref('int_visits_clustered') }})"
    )
}}
-- One row per real-world visit (see int_visits_clustered for the grouping rule).
-- The date is the best-known one among the mentions (day before month before year,
-- then the earliest); confidence combines independent reports (noisy-or over
-- canonical articles), so a visit reported by three outlets is surer than by one.
-- Incremental: every row carries `source_signature`, a hash of what it is computed
-- from (its mentions and their file versions, its actors' dimension rows). A nightly
-- build recomputes only the events whose signature changed (a new report of a known
-- event, a mention that moved to another event, a renamed actor), writes those whose
-- `row_hash` (a hash of all values) changed, and the post-hook deletes events that no
-- longer exist. The result equals a --full-refresh build (tests/integration/test_incremental.py).
with grouped as (
    select * from {{ ref('int_visits_clustered') }}
),

signatures as (
    select
        grouped.visit_id,
        {{ inputs_signature('grouped', 'any_value(actors.actor_hash)') }} as source_signature
    from grouped
    inner join ({{ actor_row_hashes() }}) as actors on actors.actor_id = grouped.visitor_actor_id
    group by grouped.visit_id
),

to_build as (
    {{ events_to_build('signatures', 'visit_id') }}
),

mentions as (
    {{ mentions_to_build('visit_id', ['visitor_actor_id'], 'int_visit_mentions', 'visit_date') }}
),

per_article as (
    select visit_id, canonical_article_id, max(confidence) as confidence
    from mentions
    group by visit_id, canonical_article_id
),

confidence as (
    select visit_id, {{ noisy_or('confidence') }} as confidence
    from per_article
    group by visit_id
),

countries as (
    select visit_id, visitor_country,
        row_number() over (partition by visit_id order by count(*) desc, visitor_country) as rank
    from mentions where visitor_country is not null
    group by visit_id, visitor_country
),

cities as (
    select visit_id, city,
        row_number() over (partition by visit_id order by count(*) desc, city) as rank
    from mentions where city is not null
    group by visit_id, city
),

visits as (
    select
        visit_id,
        any_value(visitor_actor_id) as visitor_actor_id,
        any_value(host_country) as host_country,
        first(visit_date order by after_first_report, {{ precision_rank('date_precision') }}, visit_date) as visit_date,
        first(date_precision order by after_first_report, {{ precision_rank('date_precision') }}, visit_date) as date_precision,
        bool_or(is_planned) as is_planned,
        count(distinct canonical_article_id)::integer as article_count,
        min(published_date) as first_reported_date
    from mentions
    group by visit_id
),

final as (
    select
        visits.visit_id,
        visits.visitor_actor_id,
        actors.name as visitor_name,
        coalesce(countries.visitor_country, actors.country) as visitor_country,
        visits.host_country,
        cities.city,
        visits.visit_date,
        visits.date_precision,
        visits.is_planned,
        visits.article_count,
        round(confidence.confidence, 4) as confidence,
        visits.first_reported_date,
        to_build.source_signature
    from visits
    inner join to_build on to_build.visit_id = visits.visit_id
    inner join {{ ref('dim_actors') }} as actors on actors.actor_id = visits.visitor_actor_id
    inner join confidence on confidence.visit_id = visits.visit_id
    left join countries on countries.visit_id = visits.visit_id and countries.rank = 1
    left join cities on cities.visit_id = visits.visit_id and cities.rank = 1
)

{{ select_new_or_changed('final') }}
