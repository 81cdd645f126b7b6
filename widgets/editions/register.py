"""Read and check the editions table, the changelog and the per-edition snapshots of the register."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

EDITION_COLUMNS = ["edition", "published", "cutoff", "cutoff_fact", "analyst", "summary", "batch", "batch_sha256",
                   "register_sha256"]
# `qualifies`: ids of earlier rows a new row revises or qualifies (shown side by side, neither preferred).
CHANGELOG_COLUMNS = ["edition", "action", "table", "row_id", "qualifies", "reason", "analyst"]
ACTIONS = ("first", "added", "revised", "withdrawn", "corrected")


class EditionError(ValueError):
    """The editions table, the changelog or a snapshot is inconsistent."""


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def files_sha256(root: Path, relative: dict[str, str]) -> str:
    """One checksum over the register files under `root` (data/raw, or data/editions/<n>): names and contents."""
    digest = hashlib.sha256()
    for key in sorted(relative):
        digest.update(f"{key}:{relative[key]}\n".encode())
        digest.update(hashlib.sha256((root / relative[key]).read_bytes()).hexdigest().encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Editions:
    table: pd.DataFrame  # one row per edition, `edition` as int
    changelog: pd.DataFrame

    @property
    def latest(self) -> int:
        return int(self.table["edition"].max())

    def numbers(self) -> list[int]:
        return sorted(int(n) for n in self.table["edition"])

    def row(self, number: int) -> pd.Series:
        rows = self.table[self.table["edition"] == number]
        if rows.empty:
            raise EditionError(f"there is no edition {number}")
        return rows.iloc[0]


def read_editions(table_path: Path, changelog_path: Path) -> Editions:
    table = read_csv(table_path)
    changelog = read_csv(changelog_path)
    missing = [c for c in EDITION_COLUMNS if c not in table.columns]
    missing += [c for c in CHANGELOG_COLUMNS if c not in changelog.columns]
    if missing:
        raise EditionError(f"editions files lack columns: {', '.join(missing)}")
    table = table.assign(edition=table["edition"].astype(int))
    changelog = changelog.assign(edition=changelog["edition"].astype(int))
    return Editions(table=table, changelog=changelog)


def check(editions: Editions, edition_root, current_root: Path, relative: dict[str, str]) -> list[str]:
    """Problems: numbering, changelog actions and editions, snapshot checksums, the current register vs the newest.

    `edition_root(n)` is edition n's folder; `current_root` the register's folder (data/raw); `relative` the register
    files' paths under either.
    """
    problems = []
    numbers = editions.numbers()
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"editions.csv: editions must be numbered 1, 2, 3 … without gaps (found {numbers})")
    bad = editions.changelog[~editions.changelog["action"].isin(ACTIONS)]
    problems += [f"changelog.csv row {i + 2}: action {a!r} is not one of {', '.join(ACTIONS)}"
                 for i, a in zip(bad.index, bad["action"])]
    unknown = sorted(set(editions.changelog["edition"]) - set(numbers))
    problems += [f"changelog.csv: lines for edition {n}, which editions.csv does not list" for n in unknown]
    blank = editions.changelog[editions.changelog["reason"].str.strip() == ""]
    problems += [f"changelog.csv row {i + 2}: no reason given" for i in blank.index]
    for number in numbers:
        root = edition_root(number)
        absent = [f"{root.name}/{r}" for r in relative.values() if not (root / r).exists()]
        if absent:
            problems.append(f"edition {number}: snapshot files missing: {', '.join(absent)}")
        elif files_sha256(root, relative) != editions.row(number)["register_sha256"]:
            problems.append(f"edition {number}: the snapshot in data/editions/{number}/ differs from the checksum "
                            "editions.csv records — an edition is never edited after publication")
    if numbers and not problems:
        newest = edition_root(editions.latest)
        differ = [r for r in relative.values() if (current_root / r).read_bytes() != (newest / r).read_bytes()]
        if differ:
            problems.append(f"data/raw/{', data/raw/'.join(differ)} differ(s) from edition {editions.latest} as "
                            "published: change the register only through `make update FROM=<folder>` (README)")
    return problems
