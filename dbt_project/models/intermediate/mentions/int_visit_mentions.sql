-- Visit mentions with their comparison keys, computed once per mention.
-- Incremental by extraction file (macros/incremental_by_file.sql).
with files as (
    {{ files_to_load(['visits']) }}
)

select
    visits.* exclude (source_file),
    {{ name_key('visits.visitor_name') }} as visitor_key,
    coalesce(visits.visit_date, visits.published_date) as anchor_date,
    files.source_file,
    files.file_stamp
from {{ ref('stg_extracted__visits') }} as visits
inner join files on files.source_file = visits.source_file
