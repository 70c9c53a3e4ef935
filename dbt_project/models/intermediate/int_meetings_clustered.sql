{{
    config(
        materialized='incremental',
        unique_key='group_hash',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="{{ delete_tombstones() }}"
    )
}}
-- Meeting mentions grouped into real-world meetings.
-- Rule: mentions with the same set of participants (merged actors), the same planned
-- flag and dates within 3 days of the previous mention are one meeting. A multilateral
-- meeting stays one meeting with its whole participant list (never split into dyads).
-- A mention left with fewer than two distinct participants after merging is dropped.
-- Slim and incremental by group key (participant set, planned): see int_visits_clustered.
with mentions as (
    {{ first_copy(ref('int_meeting_mentions')) }}
),

participants as (
    select distinct
        p.mention_id,
        actors.actor_id
    from {{ ref('int_meeting_participants') }} as p
    inner join {{ ref('int_actors_merged') }} as actors
        on actors.kind = p.participant_kind and actors.name_key = p.participant_key
),

participant_sets as (
    select
        mention_id,
        array_agg(actor_id order by actor_id) as actor_ids
    from participants
    group by mention_id
),

keyed as (
    select
        mentions.mention_id,
        mentions.source_file,
        mentions.file_stamp,
        mentions.is_planned,
        mentions.anchor_date,
        participant_sets.actor_ids,
        array_to_string(participant_sets.actor_ids, ',') as participant_set_key,
        {{ group_hash(['participant_sets.actor_ids', 'mentions.is_planned']) }} as group_hash,
        mentions.file_stamp as group_stamp
    from mentions
    inner join participant_sets using (mention_id)
    where len(participant_sets.actor_ids) >= 2
),

{{ touched_groups('keyed') }}

{{ date_gap_groups('scope', ['participant_set_key', 'is_planned'], 3) }}

select
    md5(concat_ws('|', 'meeting', participant_set_key, is_planned::varchar,
        {{ group_first_date(['participant_set_key', 'is_planned']) }}
    )) as meeting_id,
    mention_id,
    source_file,
    file_stamp,
    actor_ids,
    group_hash,
    group_stamp,
    '{{ code_stamp() }}' as code_stamp
from numbered
union all
select null, null, null, null, null, group_hash, null, null from vanished
