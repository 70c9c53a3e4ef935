{#- The last select of an incremental fact model: every row with a hash of all its
    values, and on incremental builds only the rows that are new or changed. -#}
{% macro select_new_or_changed(cte) -%}
select
    {{ cte }}.*,
    md5(cast({{ cte }} as varchar)) as row_hash
from {{ cte }}
{% if is_incremental() %}
where md5(cast({{ cte }} as varchar)) not in (select built.row_hash from {{ this }} as built)
{% endif %}
{%- endmacro %}

{#- Confidence of an event reported independently several times: noisy-or of the
    per-article confidences, 1 - prod(1 - c), capped so one sure report is not 1. -#}
{% macro noisy_or(expr) -%}
    1 - exp(sum(ln(1 - least({{ expr }}, 0.999))))
{%- endmacro %}

{#- The full mention rows of the events this build recomputes (`to_build`), from the
    slim grouping model `grouped`: the event key, the columns named in `carry`, every
    column of the mention, and `after_first_report`. A past event cannot have happened
    after its first report, so a mention dated later belongs to another event the
    grouping joined, and the facts choose its date last. -#}
{% macro mentions_to_build(key, carry, mentions_model, event_date, plannable=true) -%}
    select
        grouped.{{ key }},
        {% for column in carry %}grouped.{{ column }}, {% endfor %}mentions.*,
        coalesce(
            {% if plannable %}not mentions.is_planned and {% endif %}mentions.{{ event_date }}
                > min(mentions.published_date) over (partition by grouped.{{ key }}),
            false
        ) as after_first_report
    from grouped
    inner join to_build on to_build.{{ key }} = grouped.{{ key }}
    inner join {{ ref(mentions_model) }} as mentions
        on mentions.mention_id = grouped.mention_id and mentions.source_file = grouped.source_file
{%- endmacro %}

{#- The monthly marts, incremental by month. Each mart row carries its month's
    `source_signature`: a hash of the fact rows (their `row_hash`) dated in that month,
    over the three facts. A build recomputes only the months whose signature changed
    (written by delete+insert on `month`; a month recomputed to no rows is written as a
    tombstone, deleted by the post-hook). `event_month(fact, date)` is the month an
    event counts in: its date, else the month it was first reported. -#}
{% macro event_month(date_column) -%}
    date_trunc('month', coalesce({{ date_column }}, first_reported_date))::date
{%- endmacro %}

{% macro months_to_build() -%}
signatures as (
    select month, md5(concat_ws('|', '{{ code_stamp() }}', count(*), bit_xor(hash(row_hash)))) as source_signature
    from (
        select {{ event_month('visit_date') }} as month, row_hash from {{ ref('fct_visits') }}
        union all
        select {{ event_month('meeting_date') }}, row_hash from {{ ref('fct_meetings') }}
        union all
        select {{ event_month('statement_date') }}, row_hash from {{ ref('fct_statements') }}
    )
    group by month
),

stored as (
    {% if is_incremental() and has_columns(this, ['month', 'source_signature']) -%}
    select distinct built.month, built.source_signature from {{ this }} as built where built.source_signature is not null
    {%- else -%}
    select null::date as month, null::varchar as source_signature where false
    {%- endif %}
),

to_build as (
    select signatures.month, signatures.source_signature
    from signatures anti join stored using (month, source_signature)
    union all
    -- months with no event left: only their old rows to delete
    select stored.month, null from stored anti join signatures using (month)
)
{%- endmacro %}
