-- Merge one actor's names across articles into one `actor_id`.
-- Rule: within an article the extractor already resolved short forms ("Liu said")
-- to the full name. Across articles, a one-word person name ("Lavrov") that is the
-- last or first word of exactly ONE multi-word person name ("Sergei Lavrov",
-- "Xi Jinping" -> "Xi") is that person; when two full names share it ("Wang Yi",
-- "Wang Wenbin") it stays its own actor rather than being merged by a guess.
-- The id is a hash of kind and the merged name key, so it is stable across runs.
-- Rebuilt whole, from the distinct names only (int_actor_name_stats), and the
-- short-to-full match is an equi-join on a full name's first and last words (name keys
-- are single-spaced), so the cost follows the number of distinct names, not of mentions.
with names as (
    select distinct kind, name_key, name_tokens
    from {{ ref('int_actor_name_stats') }}
),

full_name_ends as (
    select kind, name_key, split_part(name_key, ' ', 1) as word from names where name_tokens > 1
    union
    select kind, name_key, split_part(name_key, ' ', -1) from names where name_tokens > 1
),

short_to_full as (
    select
        s.kind,
        s.name_key as short_key,
        min(f.name_key) as full_key
    from names as s
    inner join full_name_ends as f
        on f.kind = s.kind and f.word = s.name_key
    where s.kind = 'person' and s.name_tokens = 1
    group by s.kind, s.name_key
    having count(distinct f.name_key) = 1
)

select
    names.kind,
    names.name_key,
    coalesce(short_to_full.full_key, names.name_key) as actor_key,
    md5(names.kind || ':' || coalesce(short_to_full.full_key, names.name_key)) as actor_id
from names
left join short_to_full
    on names.kind = short_to_full.kind and names.name_key = short_to_full.short_key
