select
    input_id,
    source_name,
    source_uri,
    reason,
    size_bytes
from {{ source('landing', 'quarantine') }}
