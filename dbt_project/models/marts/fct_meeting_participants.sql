select
    meetings.meeting_id,
    actors.actor_id,
    actors.name as actor_name,
    actors.country as actor_country
from {{ ref('fct_meetings') }} as meetings
cross join unnest(meetings.participant_actor_ids) as u(actor_id)
inner join {{ ref('dim_actors') }} as actors on actors.actor_id = u.actor_id
