{#- Incremental grouping: regroup only the keys touched since the last build.

    A grouping model (int_visits_clustered, int_meetings_clustered,
    int_statements_grouped) splits the mentions of one `group_key` (visitor, host and
    planned flag; participant set and planned flag; speaker and quote) into events by
    date. Grouping is local to a key, so a build only has to regroup the keys whose
    mentions changed: a mention that is new, gone, rewritten (its file's stamp) or moved
    to another key (the actor merge changed). `keyed` holds every first-copy mention with
    its current `group_key` and `group_stamp` (file stamp plus the model's own code);
    each stored row keeps both, so the touched keys are the two anti-joins below, on
    short columns. Emits the CTEs `scope` (the mentions to regroup) and `vanished` (keys
    with no mention left: their old rows must go).

    Rows are written by delete+insert on `group_key`; a vanished key is written as one
    tombstone row (every column null but `group_key`), which deletes its old rows and is
    itself deleted by the post-hook `delete_tombstones()`. The result equals a
    --full-refresh build (tests/integration/test_incremental.py). -#}
{% macro touched_groups(keyed) -%}
{%- if is_incremental() and has_columns(this, ['group_key', 'group_stamp', 'mention_id', 'source_file']) %}
stored as (
    select built.mention_id, built.source_file, built.group_stamp, built.group_key
    from {{ this }} as built
),

touched as (
    select keyed.group_key
    from {{ keyed }} as keyed
    anti join stored
        on stored.mention_id = keyed.mention_id and stored.source_file = keyed.source_file
        and stored.group_stamp = keyed.group_stamp and stored.group_key = keyed.group_key
    union
    select stored.group_key
    from stored
    anti join {{ keyed }} as keyed
        on stored.mention_id = keyed.mention_id and stored.source_file = keyed.source_file
        and stored.group_stamp = keyed.group_stamp and stored.group_key = keyed.group_key
),

scope as (
    select keyed.* from {{ keyed }} as keyed semi join touched on touched.group_key = keyed.group_key
),

vanished as (
    select touched.group_key from touched anti join {{ keyed }} as keyed on keyed.group_key = touched.group_key
),
{%- else %}
scope as (
    select * from {{ keyed }}
),

vanished as (
    select null::varchar as group_key where false
),
{%- endif %}
{%- endmacro %}

{#- The stamp a grouped row is stored under (see touched_groups). -#}
{% macro group_stamp(file_stamp) -%}
    md5({{ file_stamp }} || '|{{ code_stamp() }}')
{%- endmacro %}

{#- Post-hook of a grouping model: drop the tombstones of vanished keys, and rows of a
    table built before it had `group_key`. -#}
{% macro delete_tombstones() -%}
    delete from {{ this }} where mention_id is null or group_key is null
{%- endmacro %}
