{#- A list column holds at least two elements (a meeting needs two parties). -#}
{% test at_least_two(model, column_name) %}
select * from {{ model }} where len({{ column_name }}) < 2
{% endtest %}
