-- Visit mentions grouped into real-world visits.
-- Rule: mentions of the same visitor (merged actor) to the same host country, with the
-- same planned flag, whose dates (the event date, else the article date) lie within 7
-- days of the previous mention belong to one visit. Its id hashes the visitor, host,
-- planned flag and the first date of the group.
with mentions as (
    select distinct on (mention_id) *
    from {{ ref('stg_extracted__visits') }}
    order by mention_id
),

keyed as (
    select
        mentions.*,
        actors.actor_id as visitor_actor_id,
        coalesce(mentions.visit_date, mentions.published_date) as anchor_date
    from mentions
    inner join {{ ref('int_actors_merged') }} as actors
        on actors.kind = 'person' and actors.name_key = {{ name_key('mentions.visitor_name') }}
),

flagged as (
    select
        *,
        case
            when date_diff('day', lag(anchor_date) over w, anchor_date) > 7 then 1 else 0
        end as starts_group
    from keyed
    window w as (partition by visitor_actor_id, host_country, is_planned order by anchor_date, mention_id)
),

numbered as (
    select
        *,
        sum(starts_group) over (
            partition by visitor_actor_id, host_country, is_planned
            order by anchor_date, mention_id rows between unbounded preceding and current row
        ) as group_no
    from flagged
)

select
    md5(concat_ws('|', 'visit', visitor_actor_id, host_country, is_planned::varchar,
        (min(anchor_date) over (partition by visitor_actor_id, host_country, is_planned, group_no))::varchar
    )) as visit_id,
    * exclude (starts_group, group_no)
from numbered
