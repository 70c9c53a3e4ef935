-- Visit mentions grouped into real-world visits.
-- Rule: mentions of the same visitor (merged actor) to the same host country, with the
-- same planned flag, whose dates (the event date, else the article date) lie within 7
-- days of the previous mention belong to one visit. Its id hashes the visitor, host,
-- planned flag and the first date of the group.
-- Rebuilt whole every night, but slim: ids and keys only (the mention's other columns
-- stay in int_visit_mentions, loaded once), so the rebuild is a join and a window over
-- short columns. A new mention or a changed actor merge can move any mention's group.
with mentions as (
    {{ first_copy(ref('int_visit_mentions')) }}
),

keyed as (
    select
        mentions.mention_id,
        mentions.source_file,
        mentions.file_stamp,
        mentions.host_country,
        mentions.is_planned,
        mentions.anchor_date,
        actors.actor_id as visitor_actor_id
    from mentions
    inner join {{ ref('int_actors_merged') }} as actors
        on actors.kind = 'person' and actors.name_key = mentions.visitor_key
),

{{ date_gap_groups('keyed', ['visitor_actor_id', 'host_country', 'is_planned'], 7) }}

select
    md5(concat_ws('|', 'visit', visitor_actor_id, host_country, is_planned::varchar,
        {{ group_first_date(['visitor_actor_id', 'host_country', 'is_planned']) }}
    )) as visit_id,
    mention_id,
    source_file,
    file_stamp,
    visitor_actor_id
from numbered
