"""Read an analyst's uploaded ACLED or UCDP GED CSV export into the briefing's event schema.

Pure: takes bytes, returns an `UploadResult`; never writes to disk, never raises, never executes anything.
Every failure ends as a `Problem` in plain words saying what is wrong and where. Text cells are kept as
plain strings (markup included); the UI escapes them when it shows them.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from widgets.byod import schema as S
from widgets.byod.schema import MAX_BYTES

DELIMITERS = {",": "commas", ";": "semicolons (;)", "\t": "tabs", "|": "vertical bars (|)"}
ONE_DELIMITER = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}

# Magic numbers of files people upload by mistake instead of a CSV export.
NOT_CSV = [
    (b"PK\x03\x04", "an Excel workbook or a zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel (.xls) or Word file"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the upload. `row` is the 1-based data row (None: the whole file)."""

    row: int | None
    column: str | None
    message: str
    severity: str = "error"  # "error" (the row or file cannot be used) or "note" (used, but worth knowing)


@dataclass(frozen=True)
class UploadResult:
    events: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    layout: str | None = None
    citation: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]


class _Stop(Exception):
    """Internal: the file cannot be read any further (its problem is already recorded)."""


def show(value: object, limit: int = 40) -> str:
    """A user's value quoted inside one of our messages: shortened, on one line, and with no markup characters,
    so a message never carries a tag (the cell itself is kept untouched)."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", str(value)).replace("<", "‹").replace(">", "›")
    return "'" + (text if len(text) <= limit else text[:limit] + "…") + "'"


def _where(row: int | None, column: str | None) -> str:
    if row is None:
        return f"Column {show(column)}" if column else "The file"
    return f"Row {row}" + (f", column {show(column)}" if column else "")


# ---- reading the bytes ----------------------------------------------------------------------------------

def _decode(content: bytes, problems: list[Problem]) -> str:
    for magic, what in NOT_CSV:
        if content.startswith(magic):
            problems.append(Problem(None, None, f"This is not a CSV file: it looks like {what}. Export the data "
                                                "from ACLED or UCDP GED as CSV and upload that file."))
            raise _Stop
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError:
            problems.append(Problem(None, None, "The file starts with a UTF-16 marker but is not valid UTF-16 "
                                                "text. Save it again as CSV (UTF-8) and upload that."))
            raise _Stop
        problems.append(Problem(None, None, "The file was read as UTF-16 text (as Excel's 'Unicode text' saves "
                                            "it).", "note"))
        return _binary_check(text, problems)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = content.decode("latin-1")
        problems.append(Problem(None, None, f"The file is not valid UTF-8 (first bad byte at position {err.start}); "
                                            "it was read as Latin-1 instead, so check that accented names "
                                            "(e.g. Ségou) look right.", "note"))
    return _binary_check(text, problems)


def _binary_check(text: str, problems: list[Problem]) -> str:
    sample = text[:100_000]
    control = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n") or ch == "\x7f")
    if "\x00" in sample or (sample and control / len(sample) > 0.01):
        problems.append(Problem(None, None, "This does not look like a CSV text file: it contains binary data "
                                            f"({control} control characters in the first {len(sample):,}). "
                                            "Upload the CSV export itself."))
        raise _Stop
    return text


def _sniff_delimiter(text: str, problems: list[Problem]) -> str:
    """Pick the delimiter by how many known column names it splits out of the header line."""
    header = (text.lstrip("\r\n").splitlines() or [""])[0]
    known = {c for layout in S.LAYOUTS for c in layout.known}
    scores = {}
    for delim in DELIMITERS:
        try:
            names = next(csv.reader([header], delimiter=delim))
        except (csv.Error, StopIteration):
            names = []
        scores[delim] = sum(_norm(n) in known for n in names)
    best = max(scores, key=lambda d: (scores[d], d == ","))
    if scores[best] == 0:
        try:
            best = csv.Sniffer().sniff(header, delimiters="".join(DELIMITERS)).delimiter
        except csv.Error:
            best = ","
    if best != ",":
        problems.append(Problem(None, None, f"The columns are separated by {DELIMITERS[best]}, not commas; the "
                                            "file was read that way.", "note"))
    return best


def _norm(name: str) -> str:
    return str(name).strip().strip('"').strip().lstrip("\ufeff").lower()


def _records(text: str, delim: str, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False)
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    number = 0
    try:
        for fields in reader:
            if header is None:
                if not any(f.strip() for f in fields):
                    continue  # blank lines before the header
                header = fields
                continue
            number += 1
            if any(f.strip() for f in fields):
                records.append((number, fields))
    except csv.Error as err:
        row = number + 1 if header is not None else None
        reason = (f"a cell is longer than {csv.field_size_limit():,} characters, often because a quote mark is "
                  "never closed" if "field limit" in str(err) else str(err))
        problems.append(Problem(row, None, f"{_where(row, None)} cannot be read as CSV ({reason}); reading stopped "
                                           "there."))
        if not records:
            raise _Stop
    if header is None:
        problems.append(Problem(None, None, "The file is empty: it has no header row and no data."))
        raise _Stop
    return header, records


def _pick_layout(columns: list[str], problems: list[Problem]) -> S.Layout:
    present = set(columns)
    for layout in S.LAYOUTS:
        if set(layout.required) <= present:
            return layout
    closest = max(S.LAYOUTS, key=lambda lay: (len(set(lay.required) & present), len(set(lay.known) & present)))
    if not set(closest.known) & present:
        shown = ", ".join(show(c, 20) for c in columns[:5]) or "nothing"
        problems.append(Problem(None, None, "The header row has none of the ACLED or UCDP GED column names (it "
                                            f"starts: {shown}). Upload an unmodified ACLED or UCDP GED CSV export."))
        raise _Stop
    missing = [c for c in closest.required if c not in present]
    problems.append(Problem(None, None, f"Required columns are missing: {', '.join(missing)}. The file is closest "
                                        f"to the {closest.name} layout, which needs "
                                        f"{', '.join(closest.required)}."))
    raise _Stop


# ---- the main entry point ------------------------------------------------------------------------------

def load_upload(content: bytes, filename: str, *, max_bytes: int = MAX_BYTES,
                keep_valid_rows: bool = False) -> UploadResult:
    """Check and map an uploaded ACLED / UCDP GED CSV export. Never raises; see `UploadResult.problems`."""
    problems: list[Problem] = []
    layout: S.Layout | None = None
    try:
        events = _load(content, filename, max_bytes, keep_valid_rows, problems, holder := [])
        layout = holder[0] if holder else None
    except _Stop:
        events = None
        layout = None
    except Exception as err:  # a last resort: the loader promises never to raise
        events = None
        layout = None
        problems.append(Problem(None, None, f"The file could not be read ({type(err).__name__}). Check that it is "
                                            "an unmodified ACLED or UCDP GED CSV export."))
    name = layout.name if layout else None
    return UploadResult(events=events, problems=_cap(problems), layout=name,
                        citation=S.citation(name, str(filename)) if name else "")


def _cap(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= S.MAX_LISTED_PROBLEMS:
        return problems
    rest = problems[S.MAX_LISTED_PROBLEMS:]
    kinds = Counter(p.severity for p in rest)
    summary = " and ".join(f"{n:,} more {k}{'s' if n > 1 else ''}" for k, n in sorted(kinds.items()))
    severity = "error" if kinds.get("error") else "note"
    return problems[:S.MAX_LISTED_PROBLEMS] + [Problem(None, None, f"…and {summary}, not listed one by one.",
                                                       severity)]


def _load(content: bytes, filename: str, max_bytes: int, keep_valid_rows: bool, problems: list[Problem],
          holder: list) -> pd.DataFrame | None:
    if not isinstance(content, (bytes, bytearray, memoryview)):
        problems.append(Problem(None, None, "The upload did not contain file data."))
        raise _Stop
    content = bytes(content)
    if len(content) > max_bytes:
        problems.append(Problem(None, None, f"The file is {len(content) / 1024 / 1024:,.1f} MB, larger than the "
                                            f"{max_bytes / 1024 / 1024:,.0f} MB limit for uploads (far more than "
                                            "any country-year export). Export a smaller date range or area."))
        raise _Stop
    if not content.strip():
        problems.append(Problem(None, None, "The file is empty."))
        raise _Stop
    text = _decode(content, problems)
    if not text.strip():
        problems.append(Problem(None, None, "The file is empty."))
        raise _Stop
    delim = _sniff_delimiter(text, problems)
    header, records = _records(text, delim, problems)
    columns = [_norm(c) for c in header]

    counts = Counter(columns)
    layout = _pick_layout(columns, problems)
    holder.append(layout)
    twice = [c for c in layout.known if counts[c] > 1]
    if twice:
        problems.append(Problem(None, twice[0], "These columns appear more than once in the header: "
                                                f"{', '.join(twice)}. Remove the extra copies so each appears "
                                                "once."))
        raise _Stop
    if not records:
        problems.append(Problem(None, None, "The file has a header row but no data rows."))
        raise _Stop

    # Rows whose field count does not match the header cannot be lined up with the columns.
    width = len(columns)
    good: list[tuple[int, list[str]]] = []
    for number, fields in records:
        if len(fields) == width:
            good.append((number, fields))
        elif len(fields) < width:
            problems.append(Problem(number, None, f"Row {number} has {len(fields)} values but the header has "
                                                  f"{width} columns (the row may be cut short)."))
        else:
            problems.append(Problem(number, None, f"Row {number} has {len(fields)} values but the header has "
                                                  f"{width} columns (perhaps a text contains an unquoted "
                                                  f"{ONE_DELIMITER[delim]})."))

    use = [c for c in layout.known if c in counts]
    positions = {c: columns.index(c) for c in use}
    raw = pd.DataFrame({c: [fields[positions[c]] for _, fields in good] for c in use},
                       index=[n for n, _ in good], dtype=object)
    bad_rows = {p.row for p in problems if p.row is not None and p.severity == "error"}
    bad_rows |= _validate(raw, layout, problems)
    _flag_markup(raw, layout, problems)

    if bad_rows or any(p.row is None and p.severity == "error" for p in problems):
        if not keep_valid_rows:
            return None
        raw = raw.loc[[n for n in raw.index if n not in bad_rows]]
        if raw.empty:
            problems.append(Problem(None, None, "No row could be used: every row has at least one error."))
            return None
    return _map(raw, layout)


def _validate(raw: pd.DataFrame, layout: S.Layout, problems: list[Problem]) -> set[int]:
    """Row checks (pandera): one problem per failing cell; returns the rows that cannot be used."""
    if raw.empty:
        return set()
    row_schema = S.ROW_SCHEMAS[layout.name]
    try:
        row_schema.validate(raw, lazy=True)
        return set()
    except SchemaErrors as err:
        cases = err.failure_cases
    except SchemaError as err:  # pragma: no cover - lazy validation collects instead
        cases = err.failure_cases if isinstance(err.failure_cases, pd.DataFrame) else pd.DataFrame()
    bad: set[int] = set()
    seen: set[tuple] = set()
    ids = raw[layout.id_column]
    first_row = {}
    for number, value in ids.items():
        first_row.setdefault(value, number)
    for case in cases.to_dict("records"):
        index, check, column = case.get("index"), str(case.get("check")), case.get("column")
        if index is None or pd.isna(index):
            continue
        row = int(index)
        if check == "date_order":
            column = None
        key = (row, column, check)
        if key in seen:
            continue
        seen.add(key)
        bad.add(row)
        value = raw.at[row, column] if column in raw.columns else None
        if check == "field_uniqueness":
            message = (f"{_where(row, column)}: the id {show(value)} is duplicated (it already appears on row "
                       f"{first_row.get(value, '?')}); each event needs its own id.")
        elif check == "date_order":
            message = f"{_where(row, None)}: the event {S.MESSAGES['date_order']}."
        elif check in S.MESSAGES:
            shown = "" if check == "not_blank" else f" {show(value)}"
            message = f"{_where(row, column)}: the value{shown} {S.MESSAGES[check]}."
        else:
            message = f"{_where(row, column)}: the value {show(value)} failed the check {show(check)}."
        problems.append(Problem(row, column, message))
    problems.sort(key=lambda p: (p.row is not None, p.row or 0))
    return bad


def _flag_markup(raw: pd.DataFrame, layout: S.Layout, problems: list[Problem]) -> None:
    for column in (c for c in layout.text_columns if c in raw.columns):
        cells = raw[column].astype(str)
        for number, value in cells[cells.str.contains(S.MARKUP, regex=True)].items():  # vectorised first pass
            found = S.MARKUP.search(value)
            if found:
                problems.append(Problem(int(number), column, f"{_where(int(number), column)}: contains HTML or "
                                                             f"script markup ({show(found.group(0), 30)}). It is "
                                                             "kept as plain text and will be shown, never run.",
                                        "note"))


def _map(raw: pd.DataFrame, layout: S.Layout) -> pd.DataFrame:
    def col(name: str) -> pd.Series:
        return raw[name].astype(str).str.strip() if name in raw.columns else pd.Series("", index=raw.index)

    def text(name: str) -> list[str]:
        return list(raw[name].astype(str)) if name in raw.columns else [""] * len(raw)

    def dates(name: str) -> pd.Series:
        return pd.to_datetime(col(name).map(S.parse_date), errors="coerce")

    def numbers(name: str) -> pd.Series:
        return col(name).map(S.parse_number).astype(float)

    if layout.name == "ACLED":
        frame = {"event_id": text("event_id_cnty"), "date_start": dates("event_date"), "date_end": dates("event_date"),
                 "event_type": text("event_type"), "actor": text("actor1"), "target": text("actor2"),
                 "place": text("location"), "admin1": text("admin1"), "country": text("country"),
                 "lat": numbers("latitude"), "lon": numbers("longitude"), "fatalities": numbers("fatalities"),
                 "summary": text("notes"), "source": text("source")}
    else:
        frame = {"event_id": [s.strip() for s in text("id")], "date_start": dates("date_start"),
                 "date_end": dates("date_end"),
                 "event_type": [S.UCDP_VIOLENCE.get(v.strip(), v) for v in text("type_of_violence")],
                 "actor": text("side_a"), "target": text("side_b"), "place": text("where_coordinates"),
                 "admin1": text("adm_1"), "country": text("country"), "lat": numbers("latitude"),
                 "lon": numbers("longitude"), "fatalities": numbers("best"), "summary": text("source_headline"),
                 "source": text("source_original")}
    events = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in frame.items()})
    events["fatalities"] = events["fatalities"].round().astype("int64")
    events["origin"] = S.ORIGIN
    events["producer"] = layout.name
    return events[S.EVENT_COLUMNS].reset_index(drop=True)
