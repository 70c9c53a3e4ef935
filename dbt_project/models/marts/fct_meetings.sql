{{
    config(
        materialized='incremental',
        unique_key='meeting_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where meeting_id not in (select meeting_id from {{ ref('int_meetings_clustered') }})"
    )
}}
-- One row per real-world meeting (see int_meetings_clustered). `participants` and
-- `participant_countries` are sorted lists; `track` is the most common track among
-- the mentions (1 officials only, 1.5 mixed, 2 non-government only).
-- Incremental: every row carries `source_signature`, a hash of what it is computed
-- from (its mentions and their file versions, its actors' dimension rows). A nightly
-- build recomputes only the events whose signature changed (a new report of a known
-- event, a mention that moved to another event, a renamed actor), writes those whose
-- `row_hash` (a hash of all values) changed, and the post-hook deletes events that no
-- longer exist. The result equals a --full-refresh build (tests/integration/test_incremental.py).
with grouped as (
    select * from {{ ref('int_meetings_clustered') }}
),

participant_hashes as (
    select meetings.meeting_id, bit_xor(hash(actors.actor_hash)) as actors_hash
    from (select meeting_id, any_value(actor_ids) as actor_ids from grouped group by meeting_id) as meetings
    cross join unnest(meetings.actor_ids) as u(actor_id)
    inner join ({{ actor_row_hashes() }}) as actors on actors.actor_id = u.actor_id
    group by meetings.meeting_id
),

signatures as (
    select
        grouped.meeting_id,
        {{ inputs_signature('grouped', 'any_value(participant_hashes.actors_hash)') }} as source_signature
    from grouped
    inner join participant_hashes on participant_hashes.meeting_id = grouped.meeting_id
    group by grouped.meeting_id
),

to_build as (
    {{ events_to_build('signatures', 'meeting_id') }}
),

mentions as (
    {{ mentions_to_build('meeting_id', ['actor_ids'], 'int_meeting_mentions', 'meeting_date') }}
),

per_article as (
    select meeting_id, canonical_article_id, max(confidence) as confidence
    from mentions
    group by meeting_id, canonical_article_id
),

confidence as (
    select meeting_id, {{ noisy_or('confidence') }} as confidence
    from per_article
    group by meeting_id
),

most_common as (
    select
        meeting_id,
        first(mode order by n_mode desc, mode) as mode,
        first(track order by n_track desc, track) as track
    from (
        select
            meeting_id, mode, track,
            count(*) over (partition by meeting_id, mode) as n_mode,
            count(*) over (partition by meeting_id, track) as n_track
        from mentions
    )
    group by meeting_id
),

places as (
    select
        meeting_id,
        first(country order by country is null, country) as country,
        first(city order by city is null, city) as city
    from mentions
    group by meeting_id
),

meetings as (
    select
        meeting_id,
        any_value(actor_ids) as actor_ids,
        first(meeting_date order by after_first_report, {{ precision_rank('date_precision') }}, meeting_date) as meeting_date,
        first(date_precision order by after_first_report, {{ precision_rank('date_precision') }}, meeting_date) as date_precision,
        bool_or(is_planned) as is_planned,
        count(distinct canonical_article_id)::integer as article_count,
        min(published_date) as first_reported_date
    from mentions
    group by meeting_id
),

participants as (
    select
        meetings.meeting_id,
        list_sort(list(actors.name)) as participants,
        list_sort(list_distinct(list(actors.country))) as participant_countries
    from meetings
    cross join unnest(meetings.actor_ids) as u(actor_id)
    inner join {{ ref('dim_actors') }} as actors on actors.actor_id = u.actor_id
    group by meetings.meeting_id
),

final as (
    select
        meetings.meeting_id,
        participants.participants,
        participants.participant_countries,
        places.country,
        places.city,
        meetings.meeting_date,
        meetings.date_precision,
        most_common.mode,
        most_common.track,
        meetings.is_planned,
        meetings.article_count,
        round(confidence.confidence, 4) as confidence,
        meetings.first_reported_date,
        meetings.actor_ids as participant_actor_ids,
        to_build.source_signature
    from meetings
    inner join to_build on to_build.meeting_id = meetings.meeting_id
    inner join participants on participants.meeting_id = meetings.meeting_id
    inner join most_common on most_common.meeting_id = meetings.meeting_id
    inner join places on places.meeting_id = meetings.meeting_id
    inner join confidence on confidence.meeting_id = meetings.meeting_id
)

{{ select_new_or_changed('final') }}
