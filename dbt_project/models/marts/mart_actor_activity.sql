{{
    config(
        materialized='incremental',
        unique_key='month',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where source_signature is null"
    )
}}
-- Per month and actor: visits made, meetings attended, statements made (planned
-- events excluded). The month is the event's date, else its first report.
-- Incremental by month: only the months whose facts changed are recomputed
-- (macros/incremental_facts.sql, months_to_build).
with {{ months_to_build() }},

activity as (
    select
        visitor_actor_id as actor_id,
        date_trunc('month', coalesce(visit_date, first_reported_date))::date as month,
        'visit' as kind,
        visit_id as event_id
    from {{ ref('fct_visits') }}
    where not is_planned and {{ event_month('visit_date') }} in (select month from to_build)
    union all
    select
        participants.actor_id,
        date_trunc('month', coalesce(meetings.meeting_date, meetings.first_reported_date))::date,
        'meeting',
        meetings.meeting_id
    from {{ ref('fct_meetings') }} as meetings
    inner join {{ ref('fct_meeting_participants') }} as participants on participants.meeting_id = meetings.meeting_id
    where not meetings.is_planned and {{ event_month('meetings.meeting_date') }} in (select month from to_build)
    union all
    select
        speaker_actor_id,
        date_trunc('month', coalesce(statement_date, first_reported_date))::date,
        'statement',
        statement_id
    from {{ ref('fct_statements') }}
    where {{ event_month('statement_date') }} in (select month from to_build)
),

actors as (
    select
        month,
        actor_id,
        count(distinct event_id) filter (where kind = 'visit')::integer as visits,
        count(distinct event_id) filter (where kind = 'meeting')::integer as meetings,
        count(distinct event_id) filter (where kind = 'statement')::integer as statements
    from activity
    group by month, actor_id
)

select actors.*, to_build.source_signature
from actors
inner join to_build using (month)
{% if is_incremental() %}
union all
-- one tombstone per recomputed month: deletes its old rows even when it has none now
select month, null, null, null, null, null from to_build
{% endif %}
