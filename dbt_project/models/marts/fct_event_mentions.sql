{{
    config(
        materialized='incremental',
        unique_key=['event_type', 'event_id'],
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where event_id not in (select visit_id from {{ ref('fct_visits') }} union all select meeting_id from {{ ref('fct_meetings') }} union all select statement_id from {{ ref('fct_statements') }})"
    )
}}
-- Every event traced back to each article that reports it, with the evidence the
-- extractor used. One row per (event, article): the first mention in the article.
-- Incremental by event: an event's rows are rebuilt, all together, when its fact's
-- `source_signature` (or this model's code) differs from the one they were built from
-- (see fct_visits); the
-- post-hook deletes the rows of events that no longer exist.
with facts as (
    select 'visit' as event_type, visit_id as event_id, source_signature from {{ ref('fct_visits') }}
    union all
    select 'meeting', meeting_id, source_signature from {{ ref('fct_meetings') }}
    union all
    select 'statement', statement_id, source_signature from {{ ref('fct_statements') }}
),

-- The fact's signature and this model's own code: an edit here rebuilds every row.
events as (
    select event_type, event_id, md5(source_signature || '|{{ code_stamp() }}') as source_signature
    from facts
),

to_build as (
    select events.event_type, events.event_id, events.source_signature
    from events
    {% if is_incremental() and has_columns(this, ['event_type', 'event_id', 'source_signature']) -%}
    anti join (select distinct built.event_type, built.event_id, built.source_signature from {{ this }} as built) as built
        on built.event_type = events.event_type
        and built.event_id = events.event_id
        and built.source_signature = events.source_signature
    {%- endif %}
),

mentions as (
    {%- for event_type, grouped, mentions, key in [
        ('visit', 'int_visits_clustered', 'int_visit_mentions', 'visit_id'),
        ('meeting', 'int_meetings_clustered', 'int_meeting_mentions', 'meeting_id'),
        ('statement', 'int_statements_grouped', 'int_statement_mentions', 'statement_id'),
    ] %}
    {% if not loop.first %}union all{% endif %}
    select '{{ event_type }}' as event_type, grouped.{{ key }} as event_id, m.article_id, m.evidence,
        m.char_start, m.char_end, m.rule, m.confidence, m.extractor_version
    from {{ ref(grouped) }} as grouped
    inner join {{ ref(mentions) }} as m
        on m.mention_id = grouped.mention_id and m.source_file = grouped.source_file
    where grouped.{{ key }} in (select event_id from to_build where event_type = '{{ event_type }}')
    {%- endfor %}
),

final as (
    select distinct on (mentions.event_type, mentions.event_id, mentions.article_id)
        mentions.event_type,
        mentions.event_id,
        mentions.article_id,
        mentions.evidence,
        mentions.char_start,
        mentions.char_end,
        mentions.rule,
        mentions.confidence,
        mentions.extractor_version,
        to_build.source_signature
    from mentions
    inner join to_build on to_build.event_type = mentions.event_type and to_build.event_id = mentions.event_id
    order by mentions.event_type, mentions.event_id, mentions.article_id, mentions.char_start, mentions.rule
)

-- All rows of a rebuilt event are written (delete+insert on the event), so no
-- new-or-changed filter here; `row_hash` is kept for readers comparing rows.
select
    final.*,
    md5(cast(final as varchar)) as row_hash
from final
