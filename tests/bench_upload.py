"""A 100,000-row synthetic upload through the briefing's upload path, for the bench (`make bench`): load time,
memory, and the joins the threat and corridors chapters do on it. Also the reference it is compared with."""

from __future__ import annotations

import csv
import gc
import io
import json
import random
import resource
import time
import tracemalloc
from pathlib import Path

import psutil

from tests.browser.conftest import ROOT

BYOD_ROWS = 100_000
BYOD_FIXTURE = ROOT / "tests" / "fixtures" / "byod" / "acled_synthetic.csv"
# The upload's load time from a recorded quiet run (`python -m tests.bench --record-upload` rewrites it): the
# "no regression on the upload figures" target compares each run with it.
UPLOAD_REFERENCE = ROOT / "tests" / "bench_baseline" / "upload_reference.json"


def upload_reference() -> dict | None:
    """The recorded reference ({"seconds": ..., "rows": ..., "recorded": ...}), or None if none is recorded."""
    if not UPLOAD_REFERENCE.is_file():
        return None
    return json.loads(UPLOAD_REFERENCE.read_text(encoding="utf-8"))


def record_upload_reference(result: dict, note: str) -> Path:
    """Write this run's load time as the reference (with when and how it was measured)."""
    UPLOAD_REFERENCE.write_text(json.dumps({"seconds": round(result["seconds"], 3), "rows": result["rows"],
                                            "recorded": note}, indent=2) + "\n", encoding="utf-8")
    return UPLOAD_REFERENCE


def synthetic_acled(rows: int, seed: int = 20251125) -> bytes:
    """`rows` obviously synthetic ACLED rows (ids SYNBENCH…, 'Synthetic' actors and sources, a note saying so):
    the fuzz test's ACLED layout, its towns jittered by up to 0.2 degrees, dates spread over Sep 2025-Feb 2026."""
    with open(BYOD_FIXTURE, newline="", encoding="utf-8") as handle:
        template = list(csv.DictReader(handle))
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(template[0]), lineterminator="\n")
    writer.writeheader()
    for i in range(rows):
        row = dict(rng.choice(template))
        day = time.gmtime(time.mktime((2025, 9, 1, 12, 0, 0, 0, 0, -1)) + rng.randrange(180) * 86_400)
        row.update(event_id_cnty=f"SYNBENCH{i + 1}", event_date=time.strftime("%Y-%m-%d", day),
                   year=str(day.tm_year), latitude=f"{float(row['latitude']) + rng.uniform(-0.2, 0.2):.4f}",
                   longitude=f"{float(row['longitude']) + rng.uniform(-0.2, 0.2):.4f}",
                   fatalities=str(rng.randrange(6)), notes="synthetic bench row: not a real event")
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _join_seconds(events) -> tuple[float, float]:
    """Seconds to put loaded events into the explorer's schema (regions by point in polygon, corridor snapping),
    and then onto the corridors chapter's road links (widgets.byod.links)."""
    from widgets import loaders
    from widgets.analysis.corridors_chapter import HUB, road_links
    from widgets.byod.join import to_register
    from widgets.byod.links import assign_uploaded_links, at_point

    regions, segments = loaders.load_regions(), loaders.load_corridor_segments()
    links, places = road_links(segments), loaders.load_places()
    hub = places[places["name"] == HUB].geometry.iloc[0]
    start = time.perf_counter()
    yours, _ = to_register(events, regions, segments, "synthetic_acled_bench.csv")
    middle = time.perf_counter()
    assign_uploaded_links(yours, links, at_point(yours["lon"], yours["lat"], hub.x, hub.y))
    return middle - start, time.perf_counter() - middle


def byod_load(rows: int = BYOD_ROWS) -> dict[str, float]:
    """Load-and-validate a synthetic upload through widgets.byod: seconds (untraced run), tracemalloc peak, and
    how much the process's peak RSS grew during that run. Call it first, before the browsers start."""
    from widgets.byod import load_upload

    content = synthetic_acled(rows)
    load_upload(content[:20_000], "warm_up.csv")  # imports and first-call caches are not the upload's cost
    gc.collect()
    rss_before, peak_before = psutil.Process().memory_info().rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = load_upload(content, "synthetic_acled_bench.csv")
    seconds = time.perf_counter() - start
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    rss_after = psutil.Process().memory_info().rss
    del result
    gc.collect()
    tracemalloc.start()
    result = load_upload(content, "synthetic_acled_bench.csv")
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    join_seconds, links_seconds = _join_seconds(result.events)
    return {"rows": rows, "mb": len(content) / 2**20, "seconds": seconds, "traced_peak_mb": traced_peak / 2**20,
            "join_seconds": join_seconds, "links_seconds": links_seconds,
            "peak_rss_growth_mb": max(0, peak_after - peak_before) / 1024,
            "rss_delta_mb": (rss_after - rss_before) / 2**20,
            "events": 0 if result.events is None else len(result.events), "errors": len(result.errors)}


