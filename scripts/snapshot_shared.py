"""Take an immutable snapshot of ../shared into data/raw (run by hand when the evidence is re-issued).

Facts CSVs lose their `evidence` column (a verification excerpt that stays in shared/); geodata files are
copied byte for byte. Prints the sha256 of every written file for data/catalogue.toml.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FACTS = ["events.csv", "figures.csv", "sources_events.csv", "sources_figures.csv"]
GEODATA = ["countries.geojson", "admin1.geojson", "places.csv", "roads.geojson", "rivers.geojson"]


def main(shared: Path = SHARED) -> None:
    out_facts, out_geo = ROOT / "data/raw/facts", ROOT / "data/raw/geodata"
    out_facts.mkdir(parents=True, exist_ok=True)
    out_geo.mkdir(parents=True, exist_ok=True)
    for name in FACTS:
        table = pd.read_csv(shared / "facts" / name, dtype=str, keep_default_na=False)
        table.drop(columns=["evidence"], errors="ignore").to_csv(out_facts / name, index=False, lineterminator="\n")
    for name in GEODATA:
        shutil.copyfile(shared / "geodata" / name, out_geo / name)
    for path in sorted([*out_facts.iterdir(), *out_geo.iterdir()]):
        print(hashlib.sha256(path.read_bytes()).hexdigest(), path.relative_to(ROOT))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED)
