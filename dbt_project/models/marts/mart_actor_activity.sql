-- Per month and actor: visits made, meetings attended, statements made (planned
-- events excluded). The month is the event's date, else its first report.
with activity as (
    select
        visitor_actor_id as actor_id,
        date_trunc('month', coalesce(visit_date, first_reported_date))::date as month,
        'visit' as kind,
        visit_id as event_id
    from {{ ref('fct_visits') }}
    where not is_planned
    union all
    select
        participants.actor_id,
        date_trunc('month', coalesce(meetings.meeting_date, meetings.first_reported_date))::date,
        'meeting',
        meetings.meeting_id
    from {{ ref('fct_meetings') }} as meetings
    inner join {{ ref('fct_meeting_participants') }} as participants on participants.meeting_id = meetings.meeting_id
    where not meetings.is_planned
    union all
    select
        speaker_actor_id,
        date_trunc('month', coalesce(statement_date, first_reported_date))::date,
        'statement',
        statement_id
    from {{ ref('fct_statements') }}
)

select
    month,
    actor_id,
    count(distinct event_id) filter (where kind = 'visit')::integer as visits,
    count(distinct event_id) filter (where kind = 'meeting')::integer as meetings,
    count(distinct event_id) filter (where kind = 'statement')::integer as statements
from activity
group by month, actor_id
