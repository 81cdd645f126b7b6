"""Every file path the project uses, in one place (nothing else builds a path)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
CATALOGUE = DATA / "catalogue.toml"
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = ROOT / "share" / "jupyter"
TEMPLATE_STATIC = TEMPLATES / "voila" / "templates" / "briefing" / "static"
EXPORT = ROOT / "build" / "export"  # `make export` writes the static HTML and PDF here (git-ignored)

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
}
