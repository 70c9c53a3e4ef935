{{
    config(
        materialized='incremental',
        unique_key='meeting_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where source_signature is null or meeting_id not in (select meeting_id from {{ ref('fct_meetings') }})"
    )
}}
-- One row per meeting and participant, with the participant's name and country.
-- Incremental by meeting, like fct_event_mentions: a meeting's rows are rebuilt when its
-- fct_meetings `source_signature` (which covers its participants' names and countries)
-- or this model's code changed; the post-hook drops the rows of meetings that are gone.
with meetings as (
    select
        meeting_id,
        participant_actor_ids,
        md5(source_signature || '|{{ code_stamp() }}') as source_signature
    from {{ ref('fct_meetings') }}
),

to_build as (
    {{ events_to_build('meetings', 'meeting_id') }}
)

select
    meetings.meeting_id,
    actors.actor_id,
    actors.name as actor_name,
    actors.country as actor_country,
    to_build.source_signature
from meetings
inner join to_build on to_build.meeting_id = meetings.meeting_id
cross join unnest(meetings.participant_actor_ids) as u(actor_id)
inner join {{ ref('dim_actors') }} as actors on actors.actor_id = u.actor_id
