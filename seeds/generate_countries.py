"""Regenerate ``seeds/countries.csv`` (the country dimension of the gazetteer).

How to run (from the repository root, with the project's own environment)::

    .venv/bin/python seeds/generate_countries.py            # rewrite seeds/countries.csv
    .venv/bin/python seeds/generate_countries.py --check    # exit 1 if the file is stale
    .venv/bin/python seeds/generate_countries.py -o OUT.csv # write somewhere else

What it does:

* one row per ISO 3166-1 country in ``pycountry`` (249 today), sorted by ``iso3``;
* ``name`` is the short English name used in news ("South Korea", not pycountry's
  "Korea, Republic of"): ``NAME_OVERRIDES`` below, else pycountry's ``common_name``,
  else its ``name``;
* ``official_name`` is pycountry's ``official_name`` (a leading "the " dropped), else
  the ``name``; ``OFFICIAL_OVERRIDES`` fills the few it lacks for sovereign states;
* ``region`` / ``subregion`` are the UN M49 region and sub-region, written out in
  ``M49`` below so the script needs nothing beyond pycountry. Where M49 defines an
  intermediate region (Sub-Saharan Africa -> Western/Eastern/Middle/Southern Africa;
  Latin America and the Caribbean -> Caribbean/Central America/South America) the
  subregion is that intermediate region, since it is the one analysts group by.
  Antarctica, which M49 leaves without a region, gets "Antarctica" for both.
  If the optional ``country_converter`` package happens to be importable, the mapping
  is cross-checked against its ``UNregion`` column and differences are reported on
  stderr (country_converter puts Nauru in Polynesia; M49 says Micronesia).

The output is UTF-8 (no BOM), LF line endings, a header row, minimal quoting (fields
containing commas or quotes are quoted), no trailing spaces: dbt loads it as a seed and
the extractor reads it as its gazetteer.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "countries.csv"
COLUMNS = ["iso3", "iso2", "name", "official_name", "region", "subregion"]

# Short names as English-language news writes them.
NAME_OVERRIDES: dict[str, str] = {
    "BES": "Caribbean Netherlands",
    "BRN": "Brunei",
    "CCK": "Cocos (Keeling) Islands",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cape Verde",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "GBR": "United Kingdom",
    "HMD": "Heard Island and McDonald Islands",
    "LAO": "Laos",
    "MAC": "Macau",
    "MAF": "Saint Martin",
    "PCN": "Pitcairn Islands",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SHN": "Saint Helena",
    "SXM": "Sint Maarten",
    "TUR": "Türkiye",
    "UMI": "US Minor Outlying Islands",
    "USA": "United States",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
}

# Official names pycountry lacks (or words differently) for sovereign states.
OFFICIAL_OVERRIDES: dict[str, str] = {
    "ATG": "Antigua and Barbuda",
    "AUS": "Commonwealth of Australia",
    "BFA": "Burkina Faso",
    "BLZ": "Belize",
    "BRB": "Barbados",
    "BRN": "Brunei Darussalam",
    "CAF": "Central African Republic",
    "CAN": "Canada",
    "COD": "Democratic Republic of the Congo",
    "DOM": "Dominican Republic",
    "GEO": "Georgia",
    "GRD": "Grenada",
    "IRL": "Ireland",
    "JAM": "Jamaica",
    "JPN": "Japan",
    "KNA": "Federation of Saint Kitts and Nevis",
    "KOR": "Republic of Korea",
    "LAO": "Lao People's Democratic Republic",
    "LCA": "Saint Lucia",
    "MMR": "Republic of the Union of Myanmar",
    "MNG": "Mongolia",
    "MYS": "Malaysia",
    "NZL": "New Zealand",
    "ROU": "Romania",
    "RUS": "Russian Federation",
    "SLB": "Solomon Islands",
    "SYR": "Syrian Arab Republic",
    "TKM": "Turkmenistan",
    "TUV": "Tuvalu",
    # ISO's "Taiwan, Province of China" takes a side; news and this project say "Taiwan".
    "TWN": "Taiwan",
    "UKR": "Ukraine",
    "VAT": "Holy See",
    "VCT": "Saint Vincent and the Grenadines",
}

# UN M49: subregion (or intermediate region) -> (region, ISO3 codes).
M49: dict[str, tuple[str, str]] = {
    "Northern Africa": ("Africa", "DZA EGY ESH LBY MAR SDN TUN"),
    "Eastern Africa": (
        "Africa",
        "ATF BDI COM DJI ERI ETH IOT KEN MDG MOZ MUS MWI MYT REU RWA SOM SSD SYC TZA UGA ZMB ZWE",
    ),
    "Middle Africa": ("Africa", "AGO CAF CMR COD COG GAB GNQ STP TCD"),
    "Southern Africa": ("Africa", "BWA LSO NAM SWZ ZAF"),
    "Western Africa": (
        "Africa",
        "BEN BFA CIV CPV GHA GIN GMB GNB LBR MLI MRT NER NGA SEN SHN SLE TGO",
    ),
    "Caribbean": (
        "Americas",
        "ABW AIA ATG BES BHS BLM BRB CUB CUW CYM DMA DOM GLP GRD HTI JAM KNA LCA MAF "
        "MSR MTQ PRI SXM TCA TTO VCT VGB VIR",
    ),
    "Central America": ("Americas", "BLZ CRI GTM HND MEX NIC PAN SLV"),
    "South America": (
        "Americas",
        "ARG BOL BRA BVT CHL COL ECU FLK GUF GUY PER PRY SGS SUR URY VEN",
    ),
    "Northern America": ("Americas", "BMU CAN GRL SPM USA"),
    "Central Asia": ("Asia", "KAZ KGZ TJK TKM UZB"),
    "Eastern Asia": ("Asia", "CHN HKG JPN KOR MAC MNG PRK TWN"),
    "South-eastern Asia": ("Asia", "BRN IDN KHM LAO MMR MYS PHL SGP THA TLS VNM"),
    "Southern Asia": ("Asia", "AFG BGD BTN IND IRN LKA MDV NPL PAK"),
    "Western Asia": (
        "Asia",
        "ARE ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR YEM",
    ),
    "Eastern Europe": ("Europe", "BGR BLR CZE HUN MDA POL ROU RUS SVK UKR"),
    "Northern Europe": (
        "Europe",
        "ALA DNK EST FIN FRO GBR GGY IMN IRL ISL JEY LTU LVA NOR SJM SWE",
    ),
    "Southern Europe": (
        "Europe",
        "ALB AND BIH ESP GIB GRC HRV ITA MKD MLT MNE PRT SMR SRB SVN VAT",
    ),
    "Western Europe": ("Europe", "AUT BEL CHE DEU FRA LIE LUX MCO NLD"),
    "Australia and New Zealand": ("Oceania", "AUS CCK CXR HMD NFK NZL"),
    "Melanesia": ("Oceania", "FJI NCL PNG SLB VUT"),
    "Micronesia": ("Oceania", "FSM GUM KIR MHL MNP NRU PLW UMI"),
    "Polynesia": ("Oceania", "ASM COK NIU PCN PYF TKL TON TUV WLF WSM"),
    "Antarctica": ("Antarctica", "ATA"),
}


def region_map() -> dict[str, tuple[str, str]]:
    """ISO3 -> (region, subregion); raises if a code is listed twice."""
    out: dict[str, tuple[str, str]] = {}
    for subregion, (region, codes) in M49.items():
        for iso3 in codes.split():
            if iso3 in out:
                raise ValueError(f"{iso3} listed in two M49 subregions")
            out[iso3] = (region, subregion)
    return out


def cross_check(regions: dict[str, tuple[str, str]]) -> None:
    """Compare with country_converter when it is installed (optional)."""
    try:
        import country_converter as coco  # type: ignore[import-not-found]
    except Exception:  # not a project dependency: nothing to compare with
        return
    try:
        data = coco.CountryConverter().data
    except Exception as exc:  # e.g. an incompatible pandas
        print(f"country_converter present but unusable: {exc}", file=sys.stderr)
        return
    theirs = dict(zip(data["ISO3"], data["UNregion"], strict=True))
    for iso3, (_, subregion) in sorted(regions.items()):
        other = theirs.get(iso3)
        if other is not None and other != subregion:
            print(
                f"note: {iso3}: M49 here {subregion!r}, country_converter {other!r}",
                file=sys.stderr,
            )


def build_rows() -> list[dict[str, str]]:
    regions = region_map()
    rows = []
    for c in pycountry.countries:
        iso3 = c.alpha_3
        name = NAME_OVERRIDES.get(iso3) or getattr(c, "common_name", None) or c.name
        official = OFFICIAL_OVERRIDES.get(iso3) or getattr(c, "official_name", None) or name
        if official.lower().startswith("the "):
            official = official[4:]
        if iso3 not in regions:
            raise KeyError(f"{iso3} ({name}) has no M49 region: add it to M49")
        region, subregion = regions[iso3]
        rows.append(
            {
                "iso3": iso3,
                "iso2": c.alpha_2,
                "name": name.strip(),
                "official_name": official.strip(),
                "region": region,
                "subregion": subregion,
            }
        )
    extra = set(regions) - {r["iso3"] for r in rows}
    if extra:
        raise KeyError(f"M49 lists codes pycountry does not know: {sorted(extra)}")
    rows.sort(key=lambda r: r["iso3"])
    names = [r["name"] for r in rows]
    if len(set(names)) != len(names):
        raise ValueError("two countries share a short name")
    return rows


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help="output CSV path")
    ap.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 when the file differs from a fresh build",
    )
    args = ap.parse_args(argv)

    rows = build_rows()
    cross_check(region_map())
    text = render(rows)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run seeds/generate_countries.py", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date ({len(rows)} countries)")
        return 0
    args.out.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(rows)} countries to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
