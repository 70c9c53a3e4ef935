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
