{#- Groups mentions into events by date: within each partition, ordered by
    `anchor_date`, a mention more than `max_gap_days` after the previous one starts a new
    group. Emits the CTEs `flagged` and `numbered` (adding `group_no`) over `source`,
    which needs `anchor_date` and `mention_id` (the tie-break, so rebuilds agree). -#}
{% macro date_gap_groups(source, partition_by, max_gap_days) -%}
flagged as (
    select
        *,
        case
            when date_diff('day', lag(anchor_date) over w, anchor_date) > {{ max_gap_days }} then 1 else 0
        end as starts_group
    from {{ source }}
    window w as (partition by {{ partition_by | join(', ') }} order by anchor_date, mention_id)
),

numbered as (
    select
        *,
        sum(starts_group) over (
            partition by {{ partition_by | join(', ') }}
            order by anchor_date, mention_id rows between unbounded preceding and current row
        ) as group_no
    from flagged
)
{%- endmacro %}

{#- The first date of a mention's group, as text for an event id. -#}
{% macro group_first_date(partition_by) -%}
    (min(anchor_date) over (partition by {{ partition_by | join(', ') }}, group_no))::varchar
{%- endmacro %}
