-- One row per merged actor. Display name: the most frequent form whose key is the
-- merged key (the full name); country: the most frequent non-null one; title: the
-- latest seen. Ties break alphabetically so rebuilds are deterministic.
with occurrences as (
    select
        merged.actor_id,
        merged.actor_key,
        merged.kind,
        mentions.*  exclude (kind)
    from {{ ref('int_actor_mentions_unioned') }} as mentions
    inner join {{ ref('int_actors_merged') }} as merged
        on merged.kind = mentions.kind and merged.name_key = mentions.name_key
),

names as (
    select
        actor_id,
        actor_name,
        row_number() over (
            partition by actor_id
            order by (name_key = actor_key) desc, count(*) desc, actor_name
        ) as rank
    from occurrences
    group by actor_id, actor_name, name_key, actor_key
),

countries as (
    select
        actor_id,
        country,
        row_number() over (partition by actor_id order by count(*) desc, country) as rank
    from occurrences
    where country is not null
    group by actor_id, country
),

titles as (
    select
        actor_id,
        title,
        row_number() over (partition by actor_id order by max(published_date) desc, title) as rank
    from occurrences
    where title is not null
    group by actor_id, title
),

aliases as (
    select
        occurrences.actor_id,
        list_sort(list_distinct(flatten(list([occurrences.actor_name] || occurrences.aliases)))) as all_names
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
    list_filter(aliases.all_names, lambda x: x <> names.actor_name) as aliases
from actors
inner join names on names.actor_id = actors.actor_id and names.rank = 1
left join countries on countries.actor_id = actors.actor_id and countries.rank = 1
left join titles on titles.actor_id = actors.actor_id and titles.rank = 1
left join aliases on aliases.actor_id = actors.actor_id
