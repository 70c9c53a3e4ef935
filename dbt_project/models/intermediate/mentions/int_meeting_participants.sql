-- The participants of each meeting mention, with their comparison keys.
-- Incremental by extraction file (macros/incremental_by_file.sql).
with files as (
    {{ files_to_load(['meeting_participants']) }}
)

select
    participants.* exclude (source_file),
    {{ name_key('participants.participant_name') }} as participant_key,
    files.source_file,
    files.file_stamp
from {{ ref('stg_extracted__meeting_participants') }} as participants
inner join files on files.source_file = participants.source_file
