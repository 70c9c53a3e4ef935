{#- Schemas are named exactly as configured (`marts`, not `main_marts`): the
    published contract promises `marts.fct_visits`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
