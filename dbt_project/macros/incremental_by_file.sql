{#- Incremental loading by extraction file, for the per-mention intermediate models.

    Extraction writes one Parquet file per (table, landing part) and replaces it whole
    when the part is re-extracted (new articles, a changed syndication pointer, a new
    extractor version). So a model keyed on `source_file` (delete+insert) stays equal to a
    full rebuild if each build (1) loads the files whose (path, stamp) it has not seen
    (`files_to_load`), which deletes and reloads a rewritten file's rows, and (2) deletes
    the rows of files that were rewritten or removed since (`prune_stale_files`, a post-hook:
    it also covers a rewritten file that now has no rows, and rows of a table built
    before it had `source_file`). A night's cost is then the new files plus an
    anti-join on file paths, not the whole history. -#}

{% macro files_to_load(table_names) -%}
    select files.source_file, {{ load_stamp('files.file_stamp') }} as file_stamp
    from {{ ref('stg_extracted__files') }} as files
    {% if is_incremental() and has_columns(this, ['source_file', 'file_stamp']) -%}
    anti join (select distinct loaded.source_file, loaded.file_stamp from {{ this }} as loaded) as loaded
        on loaded.source_file = files.source_file and loaded.file_stamp = {{ load_stamp('files.file_stamp') }}
    {%- endif %}
    where files.table_name in ('{{ table_names | join("', '") }}')
{%- endmacro %}

{% macro prune_stale_files() -%}
    delete from {{ this }} as loaded
    where not exists (
        select 1 from {{ ref('stg_extracted__files') }} as files
        where files.source_file = loaded.source_file and {{ load_stamp('files.file_stamp') }} = loaded.file_stamp
    )
{%- endmacro %}

{#- The stamp a row is loaded under: its file's stamp and the model's own code, so an
    edited model (a new column, a new key) reloads every file on the next build instead
    of leaving old rows computed the old way. (Edits to macros it calls need
    `dipnews build --full-refresh`.) -#}
{% macro load_stamp(file_stamp) -%}
    md5({{ file_stamp }} || '|{{ code_stamp() }}')
{%- endmacro %}

{% macro code_stamp() -%}
    {{ local_md5(model.raw_code) }}
{%- endmacro %}

{#- The first copy of each mention: an article landed from two sources is extracted
    twice, into two files, with the same mention ids. -#}
{% macro first_copy(relation) -%}
    select mentions.*
    from {{ relation }} as mentions
    inner join (
        select mention_id, min(source_file) as source_file from {{ relation }} group by mention_id
    ) as firsts using (mention_id, source_file)
{%- endmacro %}

{#- What a fact row is computed from, as one hash: the fact model's own code, how many
    mentions the event has, which ones and from which file version (order-free, via
    xor), and `extra` (the dimension rows of its actors). A fact rebuilds an event only
    when this changes; its other inputs (the mention rows) are fixed by (mention_id,
    file_stamp). -#}
{% macro inputs_signature(mentions, extra) -%}
    md5(concat_ws('|',
        '{{ code_stamp() }}',
        count(*),
        bit_xor(hash({{ mentions }}.mention_id, {{ mentions }}.source_file, {{ mentions }}.file_stamp)),
        {{ extra }}
    ))
{%- endmacro %}

{#- The events (of `event_key`) whose signature is new since the last build: all of
    them on a full build. -#}
{% macro events_to_build(signatures, event_key) -%}
    select signatures.{{ event_key }}, signatures.source_signature
    from {{ signatures }} as signatures
    {% if is_incremental() and has_columns(this, [event_key, 'source_signature']) -%}
    anti join {{ this }} as built
        on built.{{ event_key }} = signatures.{{ event_key }} and built.source_signature = signatures.source_signature
    {%- endif %}
{%- endmacro %}

{#- One hash per dimension row, over the columns the facts copy (name, kind, country), so
    a fact notices when one of them changes, and not when only an actor's latest title or
    aliases do (which most nights bring for every actor they name). -#}
{% macro actor_row_hashes() -%}
    select
        actor_id,
        md5(cast(struct_pack(actor_id, name, kind, country) as varchar)) as actor_hash
    from {{ ref('dim_actors') }} as dim_actors
{%- endmacro %}

{#- Whether `relation` has all these columns. Incremental filters read columns of
    {{ this }} that a table built by an older version may lack; an unqualified name
    would then silently bind to the outer query (a correlated subquery), so the
    filters qualify every name and are skipped, as on a full build, when a column is
    missing (on_schema_change then adds it). -#}
{% macro has_columns(relation, names) -%}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set existing = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {%- for name in names -%}
        {%- if name | lower not in existing -%}{{ return(false) }}{%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}
