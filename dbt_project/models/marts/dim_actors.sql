{{
    config(
        materialized='incremental',
        unique_key='actor_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where source_signature is null or actor_id not in (select actor_id from {{ ref('int_actors_merged') }})"
    )
}}
-- One row per merged actor. Display name: the most frequent form whose key is the
-- merged key (the full name); country: the most frequent non-null one; title: the
-- latest seen. Ties break alphabetically so rebuilds are deterministic.
-- Computed from the per-file name counts (int_actor_name_stats), and merged
-- incrementally: each actor carries `source_signature`, a hash of the count rows it is
-- computed from (which files, which versions, which names now map to it). A build
-- recomputes only the actors whose signature changed (named in new or rewritten files,
-- or given or losing a name by the merge), and the post-hook drops actors no name maps
-- to any more. The result equals a --full-refresh build (tests/integration/test_incremental.py).
with stats as (
    select merged.actor_id, merged.actor_key, stats.*
    from {{ ref('int_actor_name_stats') }} as stats
    inner join {{ ref('int_actors_merged') }} as merged
        on merged.kind = stats.kind and merged.name_key = stats.name_key
),

signatures as (
    select
        stats.actor_id,
        md5(concat_ws('|', '{{ code_stamp() }}', count(*), bit_xor(hash(
            stats.source_file, stats.file_stamp, stats.kind, stats.name_key, stats.actor_name, stats.country, stats.title
        )))) as source_signature
    from stats
    group by stats.actor_id
),

to_build as (
    {{ events_to_build('signatures', 'actor_id') }}
),

occurrences as (
    select stats.*
    from stats
    inner join to_build on to_build.actor_id = stats.actor_id
),

names as (
    select
        actor_id,
        actor_name,
        row_number() over (
            partition by actor_id
            order by (name_key = actor_key) desc, sum(occurrences) desc, actor_name
        ) as rank
    from occurrences
    group by actor_id, actor_name, name_key, actor_key
),

countries as (
    select
        actor_id,
        country,
        row_number() over (partition by actor_id order by sum(occurrences) desc, country) as rank
    from occurrences
    where country is not null
    group by actor_id, country
),

titles as (
    select
        actor_id,
        title,
        row_number() over (partition by actor_id order by max(last_seen) desc, title) as rank
    from occurrences
    where title is not null
    group by actor_id, title
),

aliases as (
    select
        occurrences.actor_id,
        list_sort(list_distinct(flatten(list(occurrences.all_names)))) as all_names
    from occurrences
    group by occurrences.actor_id
),

actors as (
    select distinct actor_id, kind from occurrences
)

select
    actors.actor_id,
    names.actor_name as name,
    actors.kind,
    countries.country,
    titles.title,
    list_filter(aliases.all_names, lambda x: x <> names.actor_name) as aliases,
    to_build.source_signature
from actors
inner join to_build on to_build.actor_id = actors.actor_id
inner join names on names.actor_id = actors.actor_id and names.rank = 1
left join countries on countries.actor_id = actors.actor_id and countries.rank = 1
left join titles on titles.actor_id = actors.actor_id and titles.rank = 1
left join aliases on aliases.actor_id = actors.actor_id
