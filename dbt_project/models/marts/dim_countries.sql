select
    iso3,
    iso2,
    name,
    region,
    subregion,
    official_name
from {{ ref('countries') }}
