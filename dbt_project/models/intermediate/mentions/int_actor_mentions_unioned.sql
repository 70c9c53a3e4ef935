-- Every occurrence of a resolved actor name, whichever table it came from, with its
-- comparison key. Incremental by extraction file (macros/incremental_by_file.sql).
with files as (
    {{ files_to_load(['actor_mentions', 'visits', 'meeting_participants', 'statements']) }}
),

occurrences as (
    select source_file, article_id, published_date, actor_name, kind, country, title, aliases
    from {{ ref('stg_extracted__actor_mentions') }}
    union all
    select source_file, article_id, published_date, visitor_name, 'person', visitor_country, visitor_title, []::varchar[]
    from {{ ref('stg_extracted__visits') }}
    union all
    select source_file, article_id, published_date, participant_name, participant_kind, participant_country, participant_title, []::varchar[]
    from {{ ref('stg_extracted__meeting_participants') }}
    union all
    select source_file, article_id, published_date, speaker_name, speaker_kind, speaker_country, speaker_title, []::varchar[]
    from {{ ref('stg_extracted__statements') }}
),

keyed as (
    select
        occurrences.* exclude (source_file),
        {{ name_key('occurrences.actor_name') }} as name_key,
        files.source_file,
        files.file_stamp
    from occurrences
    inner join files on files.source_file = occurrences.source_file
)

select
    * exclude (source_file, file_stamp),
    len(string_split(name_key, ' ')) as name_tokens,
    source_file,
    file_stamp
from keyed
where name_key <> ''
