-- Actor name occurrences counted per extraction file: one row per (file, kind, name,
-- country, title) with how often it occurs, when it was last seen and every name form
-- (the name and its aliases). What `int_actors_merged` and `dim_actors` aggregate, a
-- fraction of the occurrence rows (an official is named the same way in thousands of
-- articles). Incremental by extraction file (macros/incremental_by_file.sql).
with files as (
    {{ files_to_load(['actor_mentions', 'visits', 'meeting_participants', 'statements']) }}
)

select
    occurrences.kind,
    occurrences.name_key,
    any_value(occurrences.name_tokens) as name_tokens,
    occurrences.actor_name,
    occurrences.country,
    occurrences.title,
    count(*)::integer as occurrences,
    max(occurrences.published_date) as last_seen,
    list_sort(list_distinct(flatten(list([occurrences.actor_name] || occurrences.aliases)))) as all_names,
    files.source_file,
    files.file_stamp
from {{ ref('int_actor_mentions_unioned') }} as occurrences
inner join files on files.source_file = occurrences.source_file
group by
    occurrences.kind, occurrences.name_key, occurrences.actor_name, occurrences.country, occurrences.title,
    files.source_file, files.file_stamp
