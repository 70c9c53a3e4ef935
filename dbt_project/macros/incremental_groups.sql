{#- Incremental grouping: regroup only the keys touched since the last build.

    A grouping model (int_visits_clustered, int_meetings_clustered,
    int_statements_grouped) splits the mentions of one `group_hash` (visitor, host and
    planned flag; participant set and planned flag; speaker and quote) into events by
    date. Grouping is local to a key, so a build only has to regroup the keys whose
    mentions changed: a mention that is new, gone, rewritten (its file's stamp) or moved
    to another key (the actor merge changed). `keyed` holds every first-copy mention with
    its current `group_hash` (a hash of the grouping columns) and `group_stamp` (its
    file's load stamp); each stored row keeps both, and `code_stamp` (the model's own
    code: an edited model regroups everything), so the touched keys are the two
    anti-joins below, on short columns. Emits the CTEs `scope` (the mentions to regroup) and `vanished` (keys
    with no mention left: their old rows must go).

    Rows are written by delete+insert on `group_hash`; a vanished key is written as one
    tombstone row (every column null but `group_hash`), which deletes its old rows and is
    itself deleted by the post-hook `delete_tombstones()`. The result equals a
    --full-refresh build (tests/integration/test_incremental.py). -#}
{% macro touched_groups(keyed) -%}
{%- if is_incremental() and has_columns(this, ['group_hash', 'group_stamp', 'code_stamp', 'mention_id', 'source_file']) %}
stored as (
    select built.mention_id, built.source_file, built.group_stamp, built.group_hash
    from {{ this }} as built
),

-- rows grouped by another version of this model: regroup everything
recoded as (
    select 1 from {{ this }} as built where built.code_stamp is distinct from '{{ code_stamp() }}' limit 1
),

touched as (
    select keyed.group_hash
    from {{ keyed }} as keyed
    anti join stored
        on stored.mention_id = keyed.mention_id and stored.source_file = keyed.source_file
        and stored.group_stamp = keyed.group_stamp and stored.group_hash = keyed.group_hash
    union
    select stored.group_hash
    from stored
    anti join {{ keyed }} as keyed
        on stored.mention_id = keyed.mention_id and stored.source_file = keyed.source_file
        and stored.group_stamp = keyed.group_stamp and stored.group_hash = keyed.group_hash
    union
    select keyed.group_hash from {{ keyed }} as keyed where exists (select 1 from recoded)
    union
    select stored.group_hash from stored where exists (select 1 from recoded)
),

scope as (
    select keyed.* from {{ keyed }} as keyed semi join touched on touched.group_hash = keyed.group_hash
),

vanished as (
    select touched.group_hash from touched anti join {{ keyed }} as keyed on keyed.group_hash = touched.group_hash
),
{%- else %}
scope as (
    select * from {{ keyed }}
),

vanished as (
    select null::ubigint as group_hash where false
),
{%- endif %}
{%- endmacro %}

{#- The key a grouped row is stored under: a 64-bit hash of the grouping columns
    (short, so the anti-joins stay cheap). Two keys that collide are regrouped together,
    each within its own columns' partition: more work, never a wrong group. -#}
{% macro group_hash(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}

{#- Post-hook of a grouping model: drop the tombstones of vanished keys, and rows of a
    table built before it had `group_hash`. -#}
{% macro delete_tombstones() -%}
    delete from {{ this }} where mention_id is null or group_hash is null
{%- endmacro %}
