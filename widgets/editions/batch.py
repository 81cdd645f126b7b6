"""An analyst's update batch: read it, merge it into the register in memory, and list every problem.

A batch is a folder holding `batch.toml` (analyst, summary), `changelog.csv` (action, table, row_id, qualifies,
reason) and any of the register's files (events.csv, figures.csv, sources_events.csv, sources_figures.csv,
event_places.csv, seed_claims.csv, gaps.csv, judgements.csv) in the register's own columns. A row whose id is new is added; a row
whose id exists replaces it (a revision, which needs its reason); a changelog line `withdrawn` removes a row from
the current edition (earlier editions keep it). Nothing here writes a file.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from widgets import contracts
from widgets.editions.register import CHANGELOG_COLUMNS

# The register's tables: file name in a batch, id column, pandera schema (None: columns only).
TABLES = {
    "events": ("events.csv", "event_id", contracts.EVENTS),
    "figures": ("figures.csv", "figure_id", contracts.FIGURES),
    "sources_events": ("sources_events.csv", "source_id", None),
    "sources_figures": ("sources_figures.csv", "source_id", None),
    "event_places": ("event_places.csv", "event_id", contracts.EVENT_PLACES),
    "seed_claims": ("seed_claims.csv", "claim_id", contracts.SEED_CLAIMS),
    "gaps": ("gaps.csv", "gap_id", None),
    "judgements": ("judgements.csv", "item_id", contracts.JUDGEMENTS),
}
DROPPED_COLUMNS = ("evidence",)  # verification excerpts stay with the research desk, never in the project
BATCH_ACTIONS = ("added", "revised", "withdrawn", "corrected")
_BATCH_CHANGELOG_COLUMNS = [c for c in CHANGELOG_COLUMNS if c not in ("edition", "analyst")]


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # the line in the file (the header is line 1), None for the whole file
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "") + (
            f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Batch:
    folder: Path
    analyst: str
    summary: str
    changelog: pd.DataFrame
    tables: dict[str, pd.DataFrame]  # register key → the batch's rows (only the files it holds)
    sha256: str
    problems: list[Problem] = field(default_factory=list)


def _line(index: int) -> int:
    return int(index) + 2  # row 0 of a frame is line 2 of its file


def batch_sha256(folder: Path) -> str:
    """A checksum of the batch's content (file names and bytes), to recognise a batch applied twice."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".csv", ".toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def read(folder: Path, columns: dict[str, list[str]]) -> Batch:
    """Read a batch; structural problems (missing files, wrong columns) are collected, not raised."""
    problems: list[Problem] = []
    analyst = summary = ""
    meta = folder / "batch.toml"
    if not folder.is_dir():
        problems.append(Problem(str(folder), None, "", "no such folder"))
        return Batch(folder, "", "", pd.DataFrame(columns=_BATCH_CHANGELOG_COLUMNS), {}, "", problems)
    if not meta.exists():
        problems.append(Problem("batch.toml", None, "", "missing: it names the analyst and summarises the batch"))
    else:
        try:
            info = tomllib.loads(meta.read_text(encoding="utf-8"))
            analyst, summary = str(info.get("analyst", "")).strip(), str(info.get("summary", "")).strip()
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            problems.append(Problem("batch.toml", None, "", f"cannot be read ({err})"))
        for name, value in (("analyst", analyst), ("summary", summary)):
            if meta.exists() and not value:
                problems.append(Problem("batch.toml", None, name, "empty: say who prepared the batch and what it holds"))
    changelog = _read_table(folder / "changelog.csv", _BATCH_CHANGELOG_COLUMNS, problems)
    if changelog is None:
        changelog = pd.DataFrame(columns=_BATCH_CHANGELOG_COLUMNS)
        if not (folder / "changelog.csv").exists():
            problems.append(Problem("changelog.csv", None, "", "missing: every added, revised or withdrawn row needs "
                                                               "a line with its reason"))
    tables = {}
    for key, (name, _, _) in TABLES.items():
        if (folder / name).exists():
            frame = _read_table(folder / name, columns[key], problems)
            if frame is not None:
                tables[key] = frame
    known = {name for name, _, _ in TABLES.values()} | {"changelog.csv", "batch.toml"}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name not in known and not path.name.lower().startswith("readme"):
            problems.append(Problem(path.name, None, "", "not a file of the register: expected one of "
                                    + ", ".join(sorted(known))))
    return Batch(folder, analyst, summary, changelog, tables, batch_sha256(folder), problems)


def _read_table(path: Path, expected: list[str], problems: list[Problem]) -> pd.DataFrame | None:
    if not path.exists():
        return None
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        problems.append(Problem(path.name, None, "", f"cannot be read as a UTF-8 CSV ({str(err).strip()[:160]})"))
        return None
    # The research desk's verification excerpts never enter the project (unless the table has such a column).
    frame = frame.drop(columns=[c for c in DROPPED_COLUMNS if c in frame.columns and c not in expected])
    missing = [c for c in expected if c not in frame.columns]
    extra = [c for c in frame.columns if c not in expected]
    if missing:
        problems.append(Problem(path.name, 1, ", ".join(missing), "column(s) missing (use the template's header)"))
    if extra:
        problems.append(Problem(path.name, 1, ", ".join(extra), "column(s) unknown to the register"))
    if missing or extra:
        return None
    return frame[expected].apply(lambda col: col.str.strip() if col.name != "summary" else col)


def merge(register: dict[str, pd.DataFrame], batch: Batch) -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """The register with the batch applied, and per table the ids added, revised and withdrawn."""
    merged, changes = {}, {}
    withdrawn = batch.changelog[batch.changelog["action"] == "withdrawn"]
    for key, frame in register.items():
        id_col = TABLES[key][1]
        rows = batch.tables.get(key, pd.DataFrame(columns=frame.columns))
        gone = set(withdrawn.loc[withdrawn["table"] == key, "row_id"])
        revised = [i for i in rows[id_col] if i in set(frame[id_col])]
        added = [i for i in rows[id_col] if i not in set(frame[id_col])]
        kept = frame[~frame[id_col].isin(gone)].set_index(id_col, drop=False)
        replacement = rows[rows[id_col].isin(revised)].drop_duplicates(id_col, keep="last").set_index(id_col, drop=False)
        kept.update(replacement)  # revisions in place, keeping the register's row order
        out = pd.concat([kept.reset_index(drop=True), rows[rows[id_col].isin(added)]], ignore_index=True)
        merged[key] = out[frame.columns]
        changes[key] = {"added": added, "revised": revised, "withdrawn": sorted(gone & set(frame[id_col]))}
    return merged, changes


def _ids(text: str) -> list[str]:
    return [i.strip() for i in str(text).split(";") if i.strip()]


def _base_unit(unit: str) -> str:
    """'tanker trucks (34,914,680 litres)' → 'tanker trucks': the unit without its qualifiers."""
    return re.sub(r"\s*\(.*", "", str(unit)).strip().lower()


def check(batch: Batch, register: dict[str, pd.DataFrame], gazetteer: pd.DataFrame, country_iso: dict[str, str],
          window: tuple[date, date], applied: dict[str, int]) -> list[Problem]:
    """Every problem of the batch against the current register (empty list: it can be applied).

    gazetteer: name, country_iso3; country_iso: country name → ISO3; applied: batch sha256 → edition number.
    """
    problems = list(batch.problems)
    if batch.sha256 in applied:
        problems.append(Problem(batch.folder.name, None, "", f"this batch was already applied as edition "
                                f"{applied[batch.sha256]}: nothing to do"))
    if batch.changelog.empty and not any(len(f) for f in batch.tables.values()) and not batch.problems:
        problems.append(Problem("changelog.csv", None, "", "the batch changes nothing: no row and no correction"))
    problems += _check_changelog(batch, register)
    for key, frame in batch.tables.items():
        name, id_col, schema = TABLES[key]
        duplicated = frame[frame[id_col].duplicated(keep=False)]
        problems += [Problem(name, _line(i), id_col, f"{v} appears more than once in the batch")
                     for i, v in zip(duplicated.index, duplicated[id_col])]
        if schema is not None:
            problems += _schema_problems(frame, schema, name)
    if any(p.column == "" and p.row is None for p in problems if p.file != "changelog.csv") or any(
            "more than once" in p.message for p in problems):
        return problems  # unreadable files or ambiguous ids: checks on a merge would only repeat them
    merged, _ = merge(register, batch)
    problems += _check_citations(batch, merged)
    problems += _check_dates(batch, window)
    problems += _check_places(batch, merged, gazetteer, country_iso)
    problems += _check_units(batch, register)
    return problems


def _schema_problems(frame: pd.DataFrame, schema: pa.DataFrameSchema, name: str) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        return [Problem(name, _line(r.index) if pd.notna(r.index) else None, str(r.column),
                        f"{r.failure_case!r} fails the register's rule {r.check}")
                for r in cases.itertuples() if str(r.check) != "field_uniqueness"]
    return []


def _check_changelog(batch: Batch, register: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    log = batch.changelog
    existing = {key: set(frame[TABLES[key][1]]) for key, frame in register.items()}
    lines = {}
    for i, row in log.iterrows():
        line = _line(i)
        if row["action"] not in BATCH_ACTIONS:
            problems.append(Problem("changelog.csv", line, "action", f"{row['action']!r} is not one of "
                                    + ", ".join(BATCH_ACTIONS)))
            continue
        if not row["reason"].strip():
            problems.append(Problem("changelog.csv", line, "reason", f"{row['action']} {row['row_id'] or row['table']} "
                                    "without a reason: say in one line why"))
        if row["action"] == "corrected":
            continue  # a page correction: `table` names the page, no register row
        if row["table"] not in TABLES:
            problems.append(Problem("changelog.csv", line, "table", f"{row['table']!r} is not a register table ("
                                    + ", ".join(TABLES) + ")"))
            continue
        key, row_id = row["table"], row["row_id"]
        lines[(key, row_id)] = (line, row["action"])
        known = row_id in existing[key]
        if row["action"] == "added" and known:
            problems.append(Problem("changelog.csv", line, "row_id", f"{row_id} is already in the register: a "
                                    "duplicate id (to change that row, mark it `revised` with a reason)"))
        if row["action"] in ("revised", "withdrawn") and not known:
            problems.append(Problem("changelog.csv", line, "row_id", f"{row_id} is not in the register's {key}: "
                                    f"nothing to {row['action'][:-1] if row['action'].endswith('ed') else row['action']}"))
        incoming = {i for k, f in batch.tables.items() for i in f[TABLES[k][1]]}
        for ref in _ids(row["qualifies"]):
            if ref not in incoming and not any(ref in ids for ids in existing.values()):
                problems.append(Problem("changelog.csv", line, "qualifies", f"{ref} is not a row of the register "
                                        "nor of the batch"))
    if any(p.file == "changelog.csv" for p in batch.problems):
        return problems  # an unreadable changelog: every row would be reported as lacking its line
    for key, frame in batch.tables.items():
        name, id_col, _ = TABLES[key]
        for i, row_id in zip(frame.index, frame[id_col]):
            if (key, row_id) not in lines:
                what = "revised" if row_id in existing[key] else "added"
                problems.append(Problem(name, _line(i), id_col, f"{row_id} has no changelog line: add `{what},{key},"
                                        f"{row_id},…` with a one-line reason"
                                        + (" (a revision without a reason is refused)" if what == "revised" else "")))
            elif lines[(key, row_id)][1] == "withdrawn":
                problems.append(Problem(name, _line(i), id_col, f"{row_id} is withdrawn in the changelog but given "
                                        "as a row: withdraw it or revise it, not both"))
    for (key, row_id), (line, action) in lines.items():
        if action in ("added", "revised") and (key not in batch.tables or
                                               row_id not in set(batch.tables[key][TABLES[key][1]])):
            problems.append(Problem("changelog.csv", line, "row_id", f"{action} {row_id}: no such row in "
                                    f"{TABLES[key][0]} of the batch"))
    return problems


def _check_citations(batch: Batch, merged: dict[str, pd.DataFrame]) -> list[Problem]:
    """Unknown source ids in the batch's rows; the batch's new sources that nothing cites; withdrawn but cited."""
    problems = []
    sources = set(merged["sources_events"]["source_id"]) | set(merged["sources_figures"]["source_id"])
    figures, events = set(merged["figures"]["figure_id"]), set(merged["events"]["event_id"])
    citing = {"events": ("source_ids", sources), "figures": ("source_id", sources),
              "seed_claims": ("source_ids", sources | figures), "judgements": ("cited_ids", sources | figures | events)}
    for key, (column, known) in citing.items():
        frame = batch.tables.get(key)
        if frame is None:
            continue
        for i, text in zip(frame.index, frame[column]):
            unknown = [s for s in _ids(text) if s not in known]
            if unknown:
                problems.append(Problem(TABLES[key][0], _line(i), column, f"unknown source id(s) {', '.join(unknown)}"
                                        " — add them to sources_events.csv or sources_figures.csv"))
            if not _ids(text) and key != "judgements":
                problems.append(Problem(TABLES[key][0], _line(i), column, "cites no source"))
    if "seed_claims" in batch.tables:
        frame = batch.tables["seed_claims"]
        for i, text in zip(frame.index, frame["event_ids"]):
            unknown = [e for e in _ids(text) if e not in events]
            if unknown:
                problems.append(Problem("seed_claims.csv", _line(i), "event_ids", f"unknown event(s) {', '.join(unknown)}"))
    cited = {s for t in merged["events"]["source_ids"] for s in _ids(t)} | set(merged["figures"]["source_id"]) | {
        s for t in merged["seed_claims"]["source_ids"] for s in _ids(t)} | {
        s for t in merged["judgements"]["cited_ids"] for s in _ids(t)}
    for key in ("sources_events", "sources_figures"):
        frame = batch.tables.get(key)
        if frame is not None:
            problems += [Problem(TABLES[key][0], _line(i), "source_id", f"{s} is cited by no event, figure or claim "
                                 "(an unused source: remove it or cite it)")
                         for i, s in zip(frame.index, frame["source_id"]) if s not in cited]
    withdrawn = batch.changelog[batch.changelog["action"] == "withdrawn"]
    for i, key, row_id in zip(withdrawn.index, withdrawn["table"], withdrawn["row_id"]):
        if key in ("sources_events", "sources_figures") and row_id in cited:
            problems.append(Problem("changelog.csv", _line(i), "row_id", f"{row_id} is still cited: withdraw or "
                                    "revise the rows citing it first"))
    return problems


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _check_dates(batch: Batch, window: tuple[date, date]) -> list[Problem]:
    first, today = window
    problems = []
    frame = batch.tables.get("events")
    if frame is not None:
        for i, row in frame.iterrows():
            start = _parse_day(row["date_start"])
            for column in ("date_start", "date_end"):
                text = row[column]
                if not text:
                    continue
                day = _parse_day(text)
                if day is None:
                    problems.append(Problem("events.csv", _line(i), column, f"{text!r} is not a date (YYYY-MM-DD)"))
                elif day > today:
                    problems.append(Problem("events.csv", _line(i), column, f"{text} is in the future (today is "
                                            f"{today.isoformat()})"))
                elif day < first:
                    problems.append(Problem("events.csv", _line(i), column, f"{text} is before the evidence window "
                                            f"opens ({first.isoformat()}, the catalogue's window_start)"))
                elif column == "date_end" and start and day < start:
                    problems.append(Problem("events.csv", _line(i), column, f"{text} is before date_start"))
    for key in ("sources_events", "sources_figures"):
        frame = batch.tables.get(key)
        if frame is None:
            continue
        for i, text in zip(frame.index, frame["published"]):
            if not text:
                continue
            padded = text + "-01-01" if len(text) == 4 else text + "-01" if len(text) == 7 else text
            day = _parse_day(padded)
            if day is None:
                problems.append(Problem(TABLES[key][0], _line(i), "published", f"{text!r} is not a date (YYYY, "
                                        "YYYY-MM or YYYY-MM-DD)"))
            elif day > today:
                problems.append(Problem(TABLES[key][0], _line(i), "published", f"{text} is in the future (today is "
                                        f"{today.isoformat()})"))
    return problems


def _check_places(batch: Batch, merged: dict[str, pd.DataFrame], gazetteer: pd.DataFrame,
                  country_iso: dict[str, str]) -> list[Problem]:
    """Places must be gazetteer towns (nearest names suggested) in the event's own country; new events need a row."""
    problems = []
    names = list(dict.fromkeys(gazetteer["name"]))
    iso_of = gazetteer.drop_duplicates("name").set_index("name")["country_iso3"]
    country_of = merged["events"].drop_duplicates("event_id").set_index("event_id")["country"]
    places = batch.tables.get("event_places")
    if places is not None:
        for i, row in places.iterrows():
            for name in [n.strip() for n in row["place_names"].split(";") if n.strip()]:
                if name not in iso_of.index:
                    near = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
                    hint = f"; nearest gazetteer names: {', '.join(near)}" if near else "; no close gazetteer name"
                    problems.append(Problem("event_places.csv", _line(i), "place_names",
                                            f"{name!r} is not in the gazetteer{hint}"))
                    continue
                expected = country_iso.get(country_of.get(row["event_id"], ""), "")
                if expected and iso_of[name] != expected:
                    problems.append(Problem("event_places.csv", _line(i), "place_names",
                                            f"{name} lies in {iso_of[name]}, but event {row['event_id']} is in "
                                            f"{country_of[row['event_id']]} ({expected})"))
    mapped = set(merged["event_places"]["event_id"])
    events = batch.tables.get("events")
    if events is not None:
        problems += [Problem("events.csv", _line(i), "event_id", f"{e} has no row in event_places.csv: name its "
                             "gazetteer town(s), or mark it unresolved with a reason")
                     for i, e in zip(events.index, events["event_id"]) if e not in mapped]
        problems += [Problem("events.csv", _line(i), "country", f"{c!r} is not a country of countries.geojson")
                     for i, c in zip(events.index, events["country"]) if c and c not in country_iso]
    return problems


def _check_units(batch: Batch, register: dict[str, pd.DataFrame]) -> list[Problem]:
    """A figure's unit must match earlier rows of the same metric (qualifiers in brackets aside)."""
    frame = batch.tables.get("figures")
    if frame is None:
        return []
    earlier = register["figures"]
    problems = []
    for i, row in frame.iterrows():
        same = earlier[(earlier["metric"] == row["metric"]) & (earlier["figure_id"] != row["figure_id"])]
        units = sorted({_base_unit(u) for u in same["unit"]} - {_base_unit(row["unit"])})
        if units:
            ids = ", ".join(same["figure_id"].head(4))
            problems.append(Problem("figures.csv", _line(i), "unit", f"{row['unit']!r} differs from the unit of "
                                    f"earlier rows of metric {row['metric']} ({'; '.join(units)}: {ids}) — convert "
                                    "the value or use another metric name"))
    return problems
