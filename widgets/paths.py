"""Every file path the project uses, in one place (nothing else builds a path)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
CATALOGUE = DATA / "catalogue.toml"
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = ROOT / "share" / "jupyter"
TEMPLATE_STATIC = TEMPLATES / "voila" / "templates" / "briefing" / "static"
EDITIONS = DATA / "editions"  # one folder per published edition: the register as it stood (see widgets/editions)
EDITIONS_TABLE = EDITIONS / "editions.csv"
CHANGELOG = EDITIONS / "changelog.csv"
BATCH_TEMPLATE = DATA / "update_template"  # empty CSVs in the register's columns, for an analyst's update batch
EXPORT = ROOT / "build" / "export"  # `make export` writes the static HTML and PDF here (git-ignored)
# <language>/<notebook stem>.json: each narrative cell's translation (widgets/narrative.py). BRIEFING_TRANSLATIONS
# names another folder: the browser tests serve a translation of their own without touching the notebooks' folder.
TRANSLATIONS = Path(os.environ.get("BRIEFING_TRANSLATIONS") or NOTEBOOKS / "i18n")
LOCALE_SOURCES = ROOT / "widgets" / "locale"  # gettext catalogues: briefing.pot and <lang>/LC_MESSAGES/briefing.po
LOCALE = PROCESSED / "locale"  # the compiled .mo files the pages read (built by `make data` from LOCALE_SOURCES)

RAW_FILES = {
    "events": RAW / "facts" / "events.csv",
    "figures": RAW / "facts" / "figures.csv",
    "sources_events": RAW / "facts" / "sources_events.csv",
    "sources_figures": RAW / "facts" / "sources_figures.csv",
    "event_places": RAW / "curated" / "event_places.csv",
    "corridors": RAW / "curated" / "corridors.csv",
    "seed_claims": RAW / "curated" / "seed_claims.csv",
    "gaps": RAW / "curated" / "gaps.csv",
    "judgements": RAW / "curated" / "judgements.csv",
    "countries": RAW / "geodata" / "countries.geojson",
    "regions": RAW / "geodata" / "admin1.geojson",
    "places": RAW / "geodata" / "places.csv",
    "roads": RAW / "geodata" / "roads.geojson",
    "rivers": RAW / "geodata" / "rivers.geojson",
}

# The files an edition changes (the register): a snapshot of each is kept per edition under data/editions/<n>/.
REGISTER_KEYS = ("events", "figures", "sources_events", "sources_figures", "event_places", "seed_claims", "gaps",
                 "judgements")


def register_files() -> dict[str, Path]:
    """The current register's files (in data/raw)."""
    return {key: RAW_FILES[key] for key in REGISTER_KEYS}

PROCESSED_FILES = {
    "events": PROCESSED / "events.csv",
    "event_points": PROCESSED / "event_points.csv",
    "events_unresolved": PROCESSED / "events_unresolved.csv",
    "figures": PROCESSED / "figures.csv",
    "sources": PROCESSED / "sources.csv",
    "seed_claims": PROCESSED / "seed_claims.csv",
    "gaps": PROCESSED / "gaps.csv",
    "judgements": PROCESSED / "judgements.csv",
    "places": PROCESSED / "places.geojson",
    "countries": PROCESSED / "countries.geojson",
    "regions": PROCESSED / "regions.geojson",
    "roads": PROCESSED / "roads.geojson",
    "rivers": PROCESSED / "rivers.geojson",
    "corridor_segments": PROCESSED / "corridor_segments.geojson",
    "corridor_summary": PROCESSED / "corridor_summary.csv",
    "corridor_lengths": PROCESSED / "corridor_lengths.csv",
    "manifest": PROCESSED / "manifest.json",
    "build_log": PROCESSED / "build_log.txt",
    "editions": PROCESSED / "editions.csv",
    "changelog": PROCESSED / "changelog.csv",
}
# Register tables of each earlier edition, built like the current ones, for "what changed since".
EDITION_KEYS = ("events", "event_points", "events_unresolved", "figures", "sources", "seed_claims", "gaps",
                "judgements")


def edition_snapshot(number: int) -> dict[str, Path]:
    """The register files of edition `number` as published (data/editions/<n>/facts/…, …/curated/…)."""
    return {key: EDITIONS / str(number) / path.relative_to(RAW) for key, path in register_files().items()}


def edition_processed(number: int) -> dict[str, Path]:
    """Where the build writes edition `number`'s register tables (data/processed/editions/<n>/)."""
    return {key: PROCESSED / "editions" / str(number) / PROCESSED_FILES[key].name for key in EDITION_KEYS}
