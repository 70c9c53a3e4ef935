-- Every occurrence of a resolved actor name, whichever table it came from.
with occurrences as (
    select article_id, published_date, actor_name, kind, country, title, aliases
    from {{ ref('stg_extracted__actor_mentions') }}
    union all
    select article_id, published_date, visitor_name, 'person', visitor_country, visitor_title, []::varchar[]
    from {{ ref('stg_extracted__visits') }}
    union all
    select article_id, published_date, participant_name, participant_kind, participant_country, participant_title, []::varchar[]
    from {{ ref('stg_extracted__meeting_participants') }}
    union all
    select article_id, published_date, speaker_name, speaker_kind, speaker_country, speaker_title, []::varchar[]
    from {{ ref('stg_extracted__statements') }}
)

select
    *,
    {{ name_key('actor_name') }} as name_key,
    len(string_split({{ name_key('actor_name') }}, ' ')) as name_tokens
from occurrences
where {{ name_key('actor_name') }} <> ''
