{{
    config(
        materialized='incremental',
        unique_key='month',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where source_signature is null"
    )
}}
-- Activity per month and unordered country pair (country_a < country_b).
-- * visits: visitor's country with the host country (planned visits not counted);
-- * meetings: every pair among the participants' countries. A multilateral meeting
--   (3+ countries) adds one to each of its pairs and is also counted in
--   `multilateral_meetings`, so bilateral and summit activity can be told apart;
-- * statements: the speaker's country with each country the statement names;
--   `avg_tone` is the mean tone of those statements.
-- The month is the event's date when known, else the month it was first reported.
-- Incremental by month: only the months whose facts changed are recomputed
-- (macros/incremental_facts.sql, months_to_build).
with {{ months_to_build() }},

visit_pairs as (
    select
        date_trunc('month', coalesce(visit_date, first_reported_date))::date as month,
        least(visitor_country, host_country) as country_a,
        greatest(visitor_country, host_country) as country_b,
        visit_id as event_id
    from {{ ref('fct_visits') }}
    where not is_planned and visitor_country is not null and visitor_country <> host_country
        and {{ event_month('visit_date') }} in (select month from to_build)
),

meeting_countries as (
    select
        meeting_id,
        date_trunc('month', coalesce(meeting_date, first_reported_date))::date as month,
        len(participant_countries) > 2 as is_multilateral,
        unnest(participant_countries) as country
    from {{ ref('fct_meetings') }}
    where not is_planned and {{ event_month('meeting_date') }} in (select month from to_build)
),

meeting_pairs as (
    select distinct a.month, a.country as country_a, b.country as country_b, a.meeting_id as event_id, a.is_multilateral
    from meeting_countries as a
    inner join meeting_countries as b on a.meeting_id = b.meeting_id and a.country < b.country
),

statement_countries as (
    select
        statement_id,
        date_trunc('month', coalesce(statement_date, first_reported_date))::date as month,
        speaker_country,
        tone,
        unnest(named_countries) as named_country
    from {{ ref('fct_statements') }}
    where speaker_country is not null and {{ event_month('statement_date') }} in (select month from to_build)
),

statement_pairs as (
    select distinct
        month,
        least(speaker_country, named_country) as country_a,
        greatest(speaker_country, named_country) as country_b,
        statement_id as event_id,
        tone
    from statement_countries
    where named_country <> speaker_country
),

activity as (
    select month, country_a, country_b, 'visit' as kind, event_id, false as is_multilateral, null::double as tone from visit_pairs
    union all
    select month, country_a, country_b, 'meeting', event_id, is_multilateral, null from meeting_pairs
    union all
    select month, country_a, country_b, 'statement', event_id, false, tone from statement_pairs
),

pairs as (
    select
        month,
        country_a,
        country_b,
        count(distinct event_id) filter (where kind = 'visit')::integer as visits,
        count(distinct event_id) filter (where kind = 'meeting')::integer as meetings,
        count(distinct event_id) filter (where kind = 'meeting' and is_multilateral)::integer as multilateral_meetings,
        count(distinct event_id) filter (where kind = 'statement')::integer as statements,
        round(avg(tone) filter (where kind = 'statement'), 4) as avg_tone
    from activity
    group by month, country_a, country_b
)

select pairs.*, to_build.source_signature
from pairs
inner join to_build using (month)
{% if is_incremental() %}
union all
-- one tombstone per recomputed month: deletes its old rows even when it has none now
select month, null, null, null, null, null, null, null, null from to_build
{% endif %}
