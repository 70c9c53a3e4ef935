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
