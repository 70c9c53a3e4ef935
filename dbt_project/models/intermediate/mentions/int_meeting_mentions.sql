-- Meeting mentions, one row each (participants in int_meeting_participants).
-- Incremental by extraction file (macros/incremental_by_file.sql).
with files as (
    {{ files_to_load(['meetings']) }}
)

select
    meetings.* exclude (source_file),
    coalesce(meetings.meeting_date, meetings.published_date) as anchor_date,
    files.source_file,
    files.file_stamp
from {{ ref('stg_extracted__meetings') }} as meetings
inner join files on files.source_file = meetings.source_file
