-- Statement mentions grouped into statements.
-- Rule: the same speaker (merged actor) and the same quote once normalised (case,
-- punctuation, quote marks and spacing ignored) is one statement, however many
-- articles carry it.
-- Rebuilt whole every night, but slim (ids and keys only; see int_visits_clustered).
with mentions as (
    {{ first_copy(ref('int_statement_mentions')) }}
)

select
    md5(concat_ws('|', 'statement', actors.actor_id, mentions.quote_key)) as statement_id,
    mentions.mention_id,
    mentions.source_file,
    mentions.file_stamp,
    actors.actor_id as speaker_actor_id
from mentions
inner join {{ ref('int_actors_merged') }} as actors
    on actors.kind = mentions.speaker_kind and actors.name_key = mentions.speaker_key
