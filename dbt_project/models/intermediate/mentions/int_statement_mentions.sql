-- Statement mentions with their comparison keys (speaker name, normalised quote),
-- computed once per mention. Incremental by extraction file
-- (macros/incremental_by_file.sql).
with files as (
    {{ files_to_load(['statements']) }}
)

select
    statements.* exclude (source_file),
    {{ name_key('statements.speaker_name') }} as speaker_key,
    {{ quote_key('statements.quote') }} as quote_key,
    coalesce(statements.statement_date, statements.published_date) as anchor_date,
    files.source_file,
    files.file_stamp
from {{ ref('stg_extracted__statements') }} as statements
inner join files on files.source_file = statements.source_file
