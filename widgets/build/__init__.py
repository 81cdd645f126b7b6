"""`make data`: build data/processed from data/raw, deterministically and only when an input changed."""

from __future__ import annotations

import hashlib
import json
import time
import tomllib
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd

from widgets import clock, contracts, paths
from widgets.build import catalogues, pages, steps
from widgets.editions import register
from widgets.vocabulary import SNAP_KM

BUILD_VERSION = "2"  # bump when a build step changes its output without an input changing


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code_files() -> list[Path]:
    # All of widgets/: the stored page parts (build/pages.py) come from the analysis, figure and text code.
    return sorted((paths.ROOT / "widgets").rglob("*.py"))


def _edition_files() -> list[Path]:
    return sorted(p for p in paths.EDITIONS.rglob("*") if p.is_file())


def input_fingerprint() -> str:
    """One hash over the catalogue, every raw file, every edition, the translators' .po files and the build code:
    equal hash, equal outputs."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for path in [paths.CATALOGUE, *sorted(paths.RAW_FILES.values()), *_edition_files(),
                 *catalogues.po_files(paths.LOCALE_SOURCES), *_code_files()]:
        digest.update(str(path.relative_to(paths.ROOT)).encode())
        digest.update(_sha(path).encode() if path.exists() else b"missing")
    return digest.hexdigest()


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    # 12 significant digits: exact for every count we hold (3,288,294 must not become 3288290), stable across runs.
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.12g")


def _write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    path.unlink(missing_ok=True)
    frame.to_file(path, driver="GeoJSON", engine="pyogrio", RFC7946="YES", COORDINATE_PRECISION=6, WRITE_BBOX="NO")


def check_editions() -> register.Editions:
    """The editions table, changelog and snapshots agree, and data/raw is the newest edition as published."""
    editions = register.read_editions(paths.EDITIONS_TABLE, paths.CHANGELOG)
    relative = {k: p.relative_to(paths.RAW).as_posix() for k, p in paths.register_files().items()}
    problems = register.check(editions, lambda n: paths.EDITIONS / str(n), paths.RAW, relative)
    contracts.fail("editions", problems)
    return editions


def build_register(raw: dict[str, Path], window, places: gpd.GeoDataFrame, segments: gpd.GeoDataFrame,
                   countries: gpd.GeoDataFrame) -> dict[str, pd.DataFrame]:
    """The register's processed tables from its raw files (the current edition's or an earlier one's)."""
    events = contracts.validate(_read_csv(raw["events"]), contracts.EVENTS)
    sources = steps.build_sources(_read_csv(raw["sources_events"]), _read_csv(raw["sources_figures"]))
    figures = steps.build_figures(_read_csv(raw["figures"]))
    contracts.check_citations(events, figures, sources)
    contracts.check_dates(events, sources, window)
    seed_claims = contracts.validate(_read_csv(raw["seed_claims"]), contracts.SEED_CLAIMS)
    contracts.check_seed_claims(seed_claims, events, figures, sources)
    judgements = contracts.validate(_read_csv(raw["judgements"]), contracts.JUDGEMENTS)
    contracts.check_judgements(judgements, events, figures, sources)
    events_out, event_points, unresolved = steps.build_events(events, _read_csv(raw["event_places"]), places,
                                                              segments, countries)
    return {"sources": sources, "figures": figures, "seed_claims": seed_claims, "gaps": _read_csv(raw["gaps"]),
            "judgements": judgements,
            "events": events_out, "event_points": event_points, "events_unresolved": unresolved}


class Geodata(NamedTuple):
    countries: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    segments: gpd.GeoDataFrame
    summary: pd.DataFrame
    lengths: pd.DataFrame


def geodata(raw: dict[str, Path]) -> Geodata:
    """Gazetteer, countries and the corridors routed on the road network (lengths checked against cited ones)."""
    countries = gpd.read_file(raw["countries"])
    places = steps.build_geodata(countries, pd.read_csv(raw["places"], keep_default_na=False,
                                                        dtype={"population": "Int64"}))
    figures = steps.build_figures(_read_csv(raw["figures"]))
    segments, summary, lengths = steps.build_corridors(gpd.read_file(raw["roads"]), places,
                                                       _read_csv(raw["corridors"]), figures)
    return Geodata(countries, places, segments, summary, lengths)


def build(log=print) -> dict[str, str]:
    """Run every step and write data/processed. Raises ContractError on a bad input. Returns output checksums."""
    catalogue = tomllib.loads(paths.CATALOGUE.read_text(encoding="utf-8"))["datasets"]
    contracts.check_checksums(catalogue, paths.ROOT)
    window = contracts.evidence_window(catalogue["events"], clock.today())
    raw = paths.RAW_FILES

    countries, places, segments, summary, lengths = geodata(raw)
    tables = build_register(raw, window, places, segments, countries)
    editions = check_editions()  # after the register's own contracts, whose messages are more precise

    out = paths.PROCESSED_FILES
    paths.PROCESSED.mkdir(parents=True, exist_ok=True)
    for key, frame in tables.items():
        _write_csv(frame, out[key])
    _write_csv(summary, out["corridor_summary"])
    _write_csv(lengths, out["corridor_lengths"])
    _write_csv(editions.table, out["editions"])
    _write_csv(editions.changelog, out["changelog"])
    _write_geojson(segments, out["corridor_segments"])
    _write_geojson(places, out["places"])
    for key in ("countries", "regions", "roads", "rivers"):
        _write_geojson(gpd.read_file(raw[key]), out[key])
    # Earlier editions: the same register steps on each snapshot, for "what changed since edition n".
    checksums = {}
    for number in editions.numbers()[:-1]:
        earlier = build_register({**raw, **paths.edition_snapshot(number)}, window, places, segments, countries)
        for key, target in paths.edition_processed(number).items():
            _write_csv(earlier[key], target)
            checksums[target.relative_to(paths.PROCESSED).as_posix()] = _sha(target)

    for compiled in catalogues.compile_all(paths.LOCALE_SOURCES, paths.LOCALE):
        checksums[compiled.mo.relative_to(paths.PROCESSED).as_posix()] = _sha(compiled.mo)
        log(f"catalogue {compiled.mo.relative_to(paths.PROCESSED).as_posix()}: {compiled.translated} of "
            f"{compiled.messages} messages translated")

    events_out, unresolved = tables["events"], tables["events_unresolved"]
    log(f"edition {editions.latest} ({len(editions.numbers())} edition(s) built)")
    log(f"events: {len(events_out)} ({(events_out['location_precision'] != 'unresolved').sum()} located, "
        f"{len(unresolved)} unresolved, {int(events_out['snapped'].sum())} snapped to a corridor within "
        f"{SNAP_KM:.0f} km)")
    log(f"figures: {len(tables['figures'])}; sources: {len(tables['sources'])}")
    for row in summary.itertuples():
        state = f"{row.road_km:,.0f} road km, {row.geodesic_km:,.0f} km drawn" if row.connected else "NOT CONNECTED"
        log(f"corridor {row.corridor}: {state}; {row.message or 'ok'}")
    for row in lengths.itertuples():
        log(f"length check {row.corridor}: computed {row.computed_road_km:,.1f} km vs cited {row.cited_km:,.0f} km "
            f"({row.figure_id}, {row.source_id}): difference {row.diff_km:+,.1f} km ({row.diff_pct:+.1f} %)")
    current = {path.name: _sha(path) for key, path in sorted(out.items())
               if path.exists() and key not in ("manifest", "build_log")}
    return {**current, **checksums}


def up_to_date(fingerprint: str) -> bool:
    manifest = paths.PROCESSED_FILES["manifest"]
    if not manifest.exists():
        return False
    recorded = json.loads(manifest.read_text())
    return recorded.get("inputs") == fingerprint and all(
        (paths.PROCESSED / name).exists() and _sha(paths.PROCESSED / name) == digest
        for name, digest in recorded.get("output_files", {}).items())


def main(force: bool = False) -> int:
    fingerprint = input_fingerprint()
    if not force and up_to_date(fingerprint):
        print("data/processed is up to date (inputs unchanged)")
        return 0
    started = time.perf_counter()
    lines: list[str] = []

    def log(line: str) -> None:
        lines.append(line)
        print(line)

    try:
        outputs = build(log)
        for path in pages.write(fingerprint, log):
            outputs[path.relative_to(paths.PROCESSED).as_posix()] = _sha(path)
    except contracts.ContractError as err:
        print(f"DATA BUILD STOPPED — a data contract failed:\n{err}")
        return 1
    paths.PROCESSED_FILES["build_log"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths.PROCESSED_FILES["manifest"].write_text(json.dumps({"inputs": fingerprint, "output_files": outputs},
                                                            indent=1, sort_keys=True) + "\n")
    print(f"data build finished in {time.perf_counter() - started:.1f} s")
    return 0
