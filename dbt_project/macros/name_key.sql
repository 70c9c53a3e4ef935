{#- A comparison key for names: lower case, accents and punctuation removed.
    "Mr. O'Brien" and "mr obrien" differ, "Wang Yi" and "wang yi" do not. -#}
{% macro name_key(expr) -%}
    trim(regexp_replace(lower(strip_accents({{ expr }})), '[^a-z0-9]+', ' ', 'g'))
{%- endmacro %}

{#- A comparison key for quotes: words only, so curly/straight quotes and spacing
    differences between syndicated copies do not split one statement in two. -#}
{% macro quote_key(expr) -%}
    trim(regexp_replace(lower(strip_accents({{ expr }})), '[^a-z0-9]+', ' ', 'g'))
{%- endmacro %}

{#- Rank of a date precision: lower is better known. -#}
{% macro precision_rank(expr) -%}
    case {{ expr }} when 'day' then 1 when 'month' then 2 when 'year' then 3 else 4 end
{%- endmacro %}
