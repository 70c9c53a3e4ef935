-- Statement mentions grouped into statements.
-- Rule: the same speaker (merged actor) and the same quote once normalised (case,
-- punctuation, quote marks and spacing ignored) is one statement, however many
-- articles carry it.
with mentions as (
    select distinct on (mention_id) *
    from {{ ref('stg_extracted__statements') }}
    order by mention_id
)

select
    md5(concat_ws('|', 'statement', actors.actor_id, {{ quote_key('mentions.quote') }})) as statement_id,
    actors.actor_id as speaker_actor_id,
    mentions.*
from mentions
inner join {{ ref('int_actors_merged') }} as actors
    on actors.kind = mentions.speaker_kind and actors.name_key = {{ name_key('mentions.speaker_name') }}
