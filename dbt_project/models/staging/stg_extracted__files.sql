-- `file_stamp` hashes size and modification time (microseconds): extraction writes
-- a part's files atomically (write, then rename), so any rewrite changes the stamp.
select
    filename as source_file,
    regexp_extract(filename, '/extracted/([^/]+)/', 1) as table_name,
    md5(concat_ws('|', size, epoch_us(last_modified))) as file_stamp
from {{ source('extracted_files', 'files') }}
