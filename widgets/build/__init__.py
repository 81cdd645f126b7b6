"""`make data`: build data/processed from data/raw, deterministically and only when an input changed."""

from __future__ import annotations

import hashlib
import json
import time
import tomllib
from pathlib import Path

import geopandas as gpd
import pandas as pd

from widgets import contracts, paths
from widgets.build import steps
from widgets.vocabulary import SNAP_KM

BUILD_VERSION = "1"  # bump when a build step changes its output without an input changing


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code_files() -> list[Path]:
    package = paths.ROOT / "widgets"
    return sorted([*package.glob("build/*.py"), package / "corridors.py", package / "contracts.py", package / "geo.py",
                   package / "vocabulary.py"])


def input_fingerprint() -> str:
    """One hash over the catalogue, every raw file and the build code: equal hash, equal outputs."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for path in [paths.CATALOGUE, *sorted(paths.RAW_FILES.values()), *_code_files()]:
        digest.update(str(path.relative_to(paths.ROOT)).encode())
        digest.update(_sha(path).encode() if path.exists() else b"missing")
    return digest.hexdigest()


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    # 12 significant digits: exact for every count we hold (3,288,294 must not become 3288290), stable across runs.
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.12g")


def _write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    path.unlink(missing_ok=True)
    frame.to_file(path, driver="GeoJSON", engine="pyogrio", RFC7946="YES", COORDINATE_PRECISION=6, WRITE_BBOX="NO")


def build(log=print) -> dict[str, str]:
    """Run every step and write data/processed. Raises ContractError on a bad input. Returns output checksums."""
    catalogue = tomllib.loads(paths.CATALOGUE.read_text(encoding="utf-8"))["datasets"]
    contracts.check_checksums(catalogue, paths.ROOT)
    raw = paths.RAW_FILES
    events = contracts.validate(_read_csv(raw["events"]), contracts.EVENTS)
    figures = _read_csv(raw["figures"])
    sources = steps.build_sources(_read_csv(raw["sources_events"]), _read_csv(raw["sources_figures"]))
    figures = steps.build_figures(figures)
    contracts.check_citations(events, figures, sources)
    contracts.check_dates(events, sources)
    seed_claims = contracts.validate(_read_csv(raw["seed_claims"]), contracts.SEED_CLAIMS)
    contracts.check_seed_claims(seed_claims, events, figures, sources)
    judgements = contracts.validate(_read_csv(raw["judgements"]), contracts.JUDGEMENTS)
    contracts.check_judgements(judgements, events, figures, sources)

    countries = gpd.read_file(raw["countries"])
    places = steps.build_geodata(countries, pd.read_csv(raw["places"], keep_default_na=False,
                                                        dtype={"population": "Int64"}))
    roads = gpd.read_file(raw["roads"])
    corridor_defs = _read_csv(raw["corridors"])
    segments, summary, lengths = steps.build_corridors(roads, places, corridor_defs, figures)
    events_out, event_points, unresolved = steps.build_events(events, _read_csv(raw["event_places"]), places,
                                                              segments, countries)

    out = paths.PROCESSED_FILES
    paths.PROCESSED.mkdir(parents=True, exist_ok=True)
    _write_csv(sources, out["sources"])
    _write_csv(figures, out["figures"])
    _write_csv(seed_claims, out["seed_claims"])
    _write_csv(_read_csv(raw["gaps"]), out["gaps"])
    _write_csv(judgements, out["judgements"])
    _write_csv(events_out, out["events"])
    _write_csv(event_points, out["event_points"])
    _write_csv(unresolved, out["events_unresolved"])
    _write_csv(summary, out["corridor_summary"])
    _write_csv(lengths, out["corridor_lengths"])
    _write_geojson(segments, out["corridor_segments"])
    _write_geojson(places, out["places"])
    for key in ("countries", "regions", "roads", "rivers"):
        _write_geojson(gpd.read_file(raw[key]), out[key])

    log(f"events: {len(events_out)} ({(events_out['location_precision'] != 'unresolved').sum()} located, "
        f"{len(unresolved)} unresolved, {int(events_out['snapped'].sum())} snapped to a corridor within "
        f"{SNAP_KM:.0f} km)")
    log(f"figures: {len(figures)}; sources: {len(sources)}")
    for row in summary.itertuples():
        state = f"{row.road_km:,.0f} road km, {row.geodesic_km:,.0f} km drawn" if row.connected else "NOT CONNECTED"
        log(f"corridor {row.corridor}: {state}; {row.message or 'ok'}")
    for row in lengths.itertuples():
        log(f"length check {row.corridor}: computed {row.computed_road_km:,.1f} km vs cited {row.cited_km:,.0f} km "
            f"({row.figure_id}, {row.source_id}): difference {row.diff_km:+,.1f} km ({row.diff_pct:+.1f} %)")
    return {key: _sha(path) for key, path in sorted(out.items()) if path.exists() and key not in ("manifest", "build_log")}


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
    except contracts.ContractError as err:
        print(f"DATA BUILD STOPPED — a data contract failed:\n{err}")
        return 1
    paths.PROCESSED_FILES["build_log"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = {paths.PROCESSED_FILES[k].name: v for k, v in outputs.items()}
    paths.PROCESSED_FILES["manifest"].write_text(json.dumps({"inputs": fingerprint, "output_files": names},
                                                            indent=1, sort_keys=True) + "\n")
    print(f"data build finished in {time.perf_counter() - started:.1f} s")
    return 0
