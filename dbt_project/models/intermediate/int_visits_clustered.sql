{{
    config(
        materialized='incremental',
        unique_key='group_hash',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="{{ delete_tombstones() }}"
    )
}}
-- Visit mentions grouped into real-world visits.
-- Rule: mentions of the same visitor (merged actor) to the same host country, with the
-- same planned flag, whose dates (the event date, else the article date) lie within 7
-- days of the previous mention belong to one visit. Its id hashes the visitor, host,
-- planned flag and the first date of the group.
-- Slim (ids and keys only: the mention's other columns stay in int_visit_mentions) and
-- incremental by group key: a build regroups only the (visitor, host, planned) keys
-- whose mentions are new, gone or moved by a changed actor merge
-- (macros/incremental_groups.sql).
with mentions as (
    {{ first_copy(ref('int_visit_mentions')) }}
),

keyed as (
    select
        mentions.mention_id,
        mentions.source_file,
        mentions.file_stamp,
        mentions.host_country,
        mentions.is_planned,
        mentions.anchor_date,
        actors.actor_id as visitor_actor_id,
        {{ group_hash(['actors.actor_id', 'mentions.host_country', 'mentions.is_planned']) }} as group_hash,
        mentions.file_stamp as group_stamp
    from mentions
    inner join {{ ref('int_actors_merged') }} as actors
        on actors.kind = 'person' and actors.name_key = mentions.visitor_key
),

{{ touched_groups('keyed') }}

{{ date_gap_groups('scope', ['visitor_actor_id', 'host_country', 'is_planned'], 7) }}

select
    md5(concat_ws('|', 'visit', visitor_actor_id, host_country, is_planned::varchar,
        {{ group_first_date(['visitor_actor_id', 'host_country', 'is_planned']) }}
    )) as visit_id,
    mention_id,
    source_file,
    file_stamp,
    visitor_actor_id,
    group_hash,
    group_stamp,
    '{{ code_stamp() }}' as code_stamp
from numbered
union all
select null, null, null, null, null, group_hash, null, null from vanished
