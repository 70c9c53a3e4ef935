{{
    config(
        materialized='incremental',
        unique_key='group_hash',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="{{ delete_tombstones() }}"
    )
}}
-- Statement mentions grouped into statements.
-- Rule: the same speaker (merged actor) and the same quote once normalised (case,
-- punctuation, quote marks and spacing ignored), with dates (the statement's, else the
-- article's) within 7 days of the previous mention, is one statement, however many
-- articles carry it. The same line said again weeks later (officials repeat talking
-- points: "our partnership is not directed against any third country") is a new
-- statement. Its id hashes the speaker, the quote key and the first date of the group.
-- Slim and incremental by group key (speaker, quote): see int_visits_clustered.
with mentions as (
    {{ first_copy(ref('int_statement_mentions')) }}
),

keyed as (
    select
        mentions.mention_id,
        mentions.source_file,
        mentions.file_stamp,
        mentions.quote_key,
        mentions.anchor_date,
        actors.actor_id as speaker_actor_id,
        {{ group_hash(['actors.actor_id', 'mentions.quote_key']) }} as group_hash,
        mentions.file_stamp as group_stamp
    from mentions
    inner join {{ ref('int_actors_merged') }} as actors
        on actors.kind = mentions.speaker_kind and actors.name_key = mentions.speaker_key
),

{{ touched_groups('keyed') }}

{{ date_gap_groups('scope', ['speaker_actor_id', 'quote_key'], 7) }}

select
    md5(concat_ws('|', 'statement', speaker_actor_id, quote_key,
        {{ group_first_date(['speaker_actor_id', 'quote_key']) }}
    )) as statement_id,
    mention_id,
    source_file,
    file_stamp,
    speaker_actor_id,
    group_hash,
    group_stamp,
    '{{ code_stamp() }}' as code_stamp
from numbered
union all
select null, null, null, null, null, group_hash, null, null from vanished
