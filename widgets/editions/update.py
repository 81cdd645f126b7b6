"""`make update FROM=<folder>`: check an analyst's batch and, if it has no problem, publish it as the next edition.

On any problem nothing is written: the register, the catalogue, the editions and the analyst's folder stay
byte-identical, and every problem is printed with its file, row and column. Otherwise the register files the batch
changes are rewritten, their checksums re-catalogued, the edition's snapshot and changelog lines written, and the
data rebuilt. `--dry-run` prints what would change and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import sys
import tempfile
import tomllib
from pathlib import Path

import geopandas as gpd
import pandas as pd

from widgets import build, clock, contracts, currency, paths
from widgets.editions import batch as B
from widgets.editions import recatalogue, register


def _csv_text(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def current_register() -> dict[str, pd.DataFrame]:
    return {key: register.read_csv(path) for key, path in paths.register_files().items()}


def _context():
    """What the checks compare against: gazetteer, country names, evidence window, batches already applied."""
    catalogue = tomllib.loads(paths.CATALOGUE.read_text(encoding="utf-8"))["datasets"]
    gazetteer = pd.read_csv(paths.RAW_FILES["places"], dtype=str, keep_default_na=False)
    countries = gpd.read_file(paths.RAW_FILES["countries"], ignore_geometry=True)
    country_iso = {**dict(zip(countries["NAME_EN"], countries["ADM0_A3"])), **dict(zip(countries["NAME"], countries["ADM0_A3"]))}
    window = contracts.evidence_window(catalogue["events"], clock.today())
    editions = register.read_editions(paths.EDITIONS_TABLE, paths.CHANGELOG)
    applied = {sha: int(n) for sha, n in zip(editions.table["batch_sha256"], editions.table["edition"]) if sha}
    return catalogue, gazetteer, country_iso, window, editions, applied


def plan(folder: Path):
    """(batch, merged register, changes, problems, editions) — nothing written."""
    catalogue, gazetteer, country_iso, window, editions, applied = _context()
    now = current_register()
    columns = {key: list(frame.columns) for key, frame in now.items()}
    batch = B.read(folder, columns)
    problems = B.check(batch, now, gazetteer, country_iso, window, applied)
    merged, changes = B.merge(now, batch) if not problems else ({}, {})
    if not problems:
        problems += _full_contracts(merged, window)
    return batch, now, merged, changes, problems, editions


def _full_contracts(merged: dict[str, pd.DataFrame], window) -> list[B.Problem]:
    """The build's own contracts on the merged register (written to a temporary folder, never to data/)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for key, frame in merged.items():
            files[key] = Path(tmp) / paths.RAW_FILES[key].name
            files[key].write_text(_csv_text(frame), encoding="utf-8")
        try:
            geo = build.geodata(paths.RAW_FILES)
            build.build_register({**paths.RAW_FILES, **files}, window, geo.places, geo.segments, geo.countries)
        except contracts.ContractError as err:
            return [B.Problem("(merged register)", None, "", f"the build's contracts refuse it:\n{err}")]
    return []


def describe(now: dict[str, pd.DataFrame], merged: dict[str, pd.DataFrame], changes: dict[str, dict]) -> list[str]:
    """What the batch changes, table by table; a revision lists each changed field as old → new."""
    lines = []
    for key, change in changes.items():
        id_col = B.TABLES[key][1]
        for row_id in change["added"]:
            lines.append(f"+ {key} {row_id} added")
        for row_id in change["revised"]:
            old = now[key].set_index(id_col).loc[row_id]
            new = merged[key].set_index(id_col).loc[row_id]
            fields = [f"{c}: {old[c]!r} → {new[c]!r}" for c in old.index if old[c] != new[c]]
            lines.append(f"~ {key} {row_id} revised: " + ("; ".join(fields) if fields else "no field changed"))
        for row_id in change["withdrawn"]:
            lines.append(f"- {key} {row_id} withdrawn")
    return lines


def apply(folder: Path, log=print) -> int:
    """Check and publish; returns the new edition's number. Raises SystemExit(1) with the problems printed."""
    batch, now, merged, changes, problems, editions = plan(folder)
    if problems:
        raise Refused(problems)
    number = editions.latest + 1
    today = clock.today()
    changed = [k for k in merged if _csv_text(merged[k]) != paths.register_files()[k].read_text(encoding="utf-8")]
    events = merged["events"].assign(date_start=pd.to_datetime(merged["events"]["date_start"]),
                                     date_end=pd.to_datetime(merged["events"]["date_end"].replace("", None)))
    cutoff = currency.data_cutoff(events, merged["figures"], today)
    relative = {k: p.relative_to(paths.RAW).as_posix() for k, p in paths.register_files().items()}

    writes: dict[Path, bytes] = {}
    for key in changed:
        writes[paths.register_files()[key]] = _csv_text(merged[key]).encode("utf-8")
    snapshot = paths.EDITIONS / str(number)
    for key, rel in relative.items():
        writes[snapshot / rel] = writes.get(paths.register_files()[key], paths.register_files()[key].read_bytes())
    digest = hashlib.sha256()
    for key in sorted(relative):
        digest.update(f"{key}:{relative[key]}\n".encode())
        digest.update(hashlib.sha256(writes[snapshot / relative[key]]).hexdigest().encode())
    kept = kept_batch_folder(folder, number)
    for source in _batch_files(folder):
        writes.setdefault(kept / source.name, source.read_bytes())
    edition_row = [number, today.isoformat(), cutoff.day.isoformat(), cutoff.fact_id, batch.analyst, batch.summary,
                   kept.name, batch.sha256, digest.hexdigest()]
    writes[paths.EDITIONS_TABLE] = paths.EDITIONS_TABLE.read_bytes() + _row(edition_row)
    log_rows = b"".join(_row([number, r["action"], r["table"], r["row_id"], r["qualifies"], r["reason"], batch.analyst])
                        for _, r in batch.changelog.iterrows())
    writes[paths.CHANGELOG] = paths.CHANGELOG.read_bytes() + log_rows

    toml = paths.CATALOGUE.read_text(encoding="utf-8")
    for key in [*changed, "editions", "changelog"]:
        target = paths.RAW_FILES.get(key) if key in changed else (
            paths.EDITIONS_TABLE if key == "editions" else paths.CHANGELOG)
        toml = recatalogue.set_fields(toml, key, {"sha256": hashlib.sha256(writes[target]).hexdigest(),
                                                  "retrieved": today.isoformat()})
    writes[paths.CATALOGUE] = toml.encode("utf-8")
    _write_all(writes)
    for line in describe(now, merged, changes):
        log(line)
    log(f"edition {number} published ({today.isoformat()}): data cut-off {cutoff.day.isoformat()} "
        f"({cutoff.fact_id}); {len(batch.changelog)} changelog line(s); register files changed: "
        f"{', '.join(changed) or 'none'}")
    if build.main(force=True) != 0:
        raise RuntimeError("the data build failed after the update — see the message above")
    return number


def _batch_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".csv", ".toml"})


def kept_batch_folder(folder: Path, number: int) -> Path:
    """Where the batch is kept as it was applied: data/editions/batches/<its folder name>/, so the edition can be
    traced to the analyst's own rows even when they ran `make update` from a folder outside the repository. A folder
    already there is kept in place; a name taken by another batch gets the edition number appended."""
    batches = paths.EDITIONS / "batches"
    if folder.resolve().parent == batches.resolve():
        return folder
    target = batches / folder.name
    return target if not target.exists() else batches / f"{folder.name}-edition-{number}"


def _row(values: list) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue().encode("utf-8")


def _write_all(writes: dict[Path, bytes]) -> None:
    """Write every file through a temporary file and a rename; on any error restore what was there."""
    backups = {path: path.read_bytes() if path.exists() else None for path in writes}
    try:
        for path, content in writes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(content)
            os.replace(tmp, path)
    except BaseException:
        for path, content in backups.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content)
        raise


class Refused(Exception):
    def __init__(self, problems: list[B.Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make update FROM=<folder>", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the batch folder (see data/update_template/)")
    parser.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    args = parser.parse_args(argv)
    try:
        if args.dry_run:
            _, now, merged, changes, problems, editions = plan(args.folder)
            if problems:
                raise Refused(problems)
            print(f"dry run: the batch would publish edition {editions.latest + 1}; nothing was written")
            for line in describe(now, merged, changes):
                print(line)
            return 0
        apply(args.folder)
        return 0
    except Refused as refused:
        print(f"UPDATE REFUSED — nothing was changed. {len(refused.problems)} problem(s):")
        for problem in refused.problems:
            print(f"  {problem}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
