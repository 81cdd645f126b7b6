"""Read an analyst's uploaded ACLED or UCDP GED CSV export into the briefing's event schema.

Pure: takes bytes, returns an `UploadResult`; never writes to disk, never raises, never executes anything.
Every failure ends as a `Problem` in plain words saying what is wrong and where; every value read otherwise than
written (a thousands separator, a decimal comma) is named in a note. Text cells are kept as plain strings (markup
included); the UI escapes them when it shows them. Reading the bytes into rows is `reading.py`'s job.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from widgets import fmt
from widgets.byod import schema as S
from widgets.byod.problems import Problem, Stop, rows_list, show, where
from widgets.byod.reading import Rows, clean, clean_name, decode, norm, sniff_delimiter
from widgets.byod.schema import MAX_BYTES, MAX_ROWS
from widgets.i18n import _, ngettext

__all__ = ["Problem", "UploadResult", "load_upload", "show"]


@dataclass(frozen=True)
class UploadResult:
    events: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)  # the first MAX_LISTED_PROBLEMS, then one summing up
    layout: str | None = None
    citation: str = ""
    total_problems: int = 0  # all of them, listed or not
    rows_left_out: int = 0  # data rows with at least one error, all of them (left out if the valid rows are used)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]


def _pick_layout(columns: list[str], problems: list[Problem]) -> S.Layout:
    present = set(columns)
    for layout in S.LAYOUTS:
        if set(layout.required) <= present:
            return layout
    closest = max(S.LAYOUTS, key=lambda lay: (len(set(lay.required) & present), len(set(lay.known) & present)))
    if not set(closest.known) & present:
        shown = ", ".join(show(c, 20) for c in columns[:5]) or _("nothing")
        problems.append(Problem(None, None, _("The header row has none of the ACLED or UCDP GED column names (it "
                                              "starts: {shown}). Upload an unmodified ACLED or UCDP GED CSV "
                                              "export.").format(shown=shown)))
        raise Stop
    missing = [c for c in closest.required if c not in present]
    problems.append(Problem(None, None, _("Required columns are missing: {missing}. The file is closest to the "
                                          "{layout} layout, which needs {required}.").format(
        missing=", ".join(missing), layout=closest.name, required=", ".join(closest.required))))
    raise Stop


# ---- the main entry point ------------------------------------------------------------------------------

def load_upload(content: bytes, filename: str, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS,
                keep_valid_rows: bool = False) -> UploadResult:
    """Check and map an uploaded ACLED / UCDP GED CSV export. Never raises; see `UploadResult.problems`."""
    problems: list[Problem] = []
    layout: S.Layout | None = None
    if clean_name(filename) != str(filename):
        problems.append(Problem(None, None, _("The file name held control or direction control characters; they "
                                              "were removed: {name}.").format(name=show(clean_name(filename), 80)),
                                "note"))
    try:
        events = _load(content, max_bytes, max_rows, keep_valid_rows, problems, holder := [])
        layout = holder[0] if holder else None
    except Stop:
        events = None
        layout = None
    except Exception as err:  # a last resort: the loader promises never to raise
        events = None
        layout = None
        problems.append(Problem(None, None, _("The file could not be read ({error}). Check that it is an "
                                              "unmodified ACLED or UCDP GED CSV export.").format(
            error=type(err).__name__)))
    name = layout.name if layout else None
    left_out = len({p.row for p in problems if p.row is not None and p.severity == "error"})
    return UploadResult(events=events, problems=_cap(problems), layout=name,
                        citation=S.citation(name, clean_name(filename)) if name else "",
                        total_problems=len(problems), rows_left_out=left_out)


def _cap(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= S.MAX_LISTED_PROBLEMS:
        return problems
    rest = problems[S.MAX_LISTED_PROBLEMS:]
    kinds = Counter(p.severity for p in rest)
    more = {"error": lambda n: ngettext("{n} more error", "{n} more errors", n),
            "note": lambda n: ngettext("{n} more note", "{n} more notes", n)}
    summary = _(" and ").join(more[k](n).format(n=fmt.number(n)) for k, n in sorted(kinds.items()))
    severity = "error" if kinds.get("error") else "note"
    return problems[:S.MAX_LISTED_PROBLEMS] + [Problem(None, None, _("…and {summary}, not listed one by one.")
                                                       .format(summary=summary), severity)]


def _load(content: bytes, max_bytes: int, max_rows: int, keep_valid_rows: bool, problems: list[Problem],
          holder: list) -> pd.DataFrame | None:
    if not isinstance(content, (bytes, bytearray, memoryview)):
        problems.append(Problem(None, None, _("The upload did not contain file data.")))
        raise Stop
    if len(content) > max_bytes:
        problems.append(Problem(None, None, _("The file is {size} MB, larger than the {limit} MB limit for uploads "
                                              "(far more than any country-year export). Export a smaller date range "
                                              "or area.").format(size=fmt.number(len(content) / 1024 / 1024, 1),
                                                                 limit=fmt.number(max_bytes / 1024 / 1024))))
        raise Stop
    content = bytes(content)
    if not content.strip():
        problems.append(Problem(None, None, _("The file is empty.")))
        raise Stop
    text = clean(decode(content, problems), problems)
    del content  # the caller keeps its own copy; this one is not needed past decoding
    if not text.strip():
        problems.append(Problem(None, None, _("The file is empty.")))
        raise Stop
    delim = sniff_delimiter(text, problems)
    rows = Rows(text, delim, problems)
    columns = [norm(c) for c in rows.header()]

    counts = Counter(columns)
    layout = _pick_layout(columns, problems)
    holder.append(layout)
    twice = [c for c in layout.known if counts[c] > 1]
    if twice:
        problems.append(Problem(None, twice[0], _("These columns appear more than once in the header: {columns}. "
                                                  "Remove the extra copies so each appears once.").format(
            columns=", ".join(twice))))
        raise Stop

    # Only the columns the briefing uses are kept, one list per column, as the rows stream past.
    use = [c for c in layout.known if c in counts]
    positions = [columns.index(c) for c in use]
    cells: list[list[str]] = [[] for _ in use]
    numbers: list[int] = []
    for number, fields in rows.data(len(columns)):
        if len(numbers) == max_rows:
            problems.append(Problem(None, None, _("The file has more than {rows} rows of events, the limit for "
                                                  "uploads (far more than any country-year export). Export a "
                                                  "smaller date range or area.").format(rows=fmt.number(max_rows))))
            raise Stop
        numbers.append(number)
        for column, position in zip(cells, positions):
            column.append(fields[position])
    del text, rows
    if not numbers and not any(p.row is not None for p in problems):
        problems.append(Problem(None, None, _("The file has a header row but no data rows.")))
        raise Stop
    raw = pd.DataFrame(dict(zip(use, cells)), index=numbers, dtype=object)
    del cells
    bad_rows = {p.row for p in problems if p.row is not None and p.severity == "error"}
    bad_rows |= _validate(raw, layout, problems)
    _flag_markup(raw, layout, problems)
    _name_reinterpreted(raw, layout, bad_rows, problems)

    if bad_rows or any(p.row is None and p.severity == "error" for p in problems):
        if not keep_valid_rows:
            return None
        raw = raw.loc[[n for n in raw.index if n not in bad_rows]]
        if raw.empty:
            problems.append(Problem(None, None, _("No row could be used: every row has at least one error.")))
            return None
    return _map(raw, layout)


def _validate(raw: pd.DataFrame, layout: S.Layout, problems: list[Problem]) -> set[int]:
    """Row checks (pandera): one problem per failing cell; returns the rows that cannot be used.

    Ids are compared as `S.id_key` makes them (no surrounding spaces, any case): 'SAME', 'same' and ' SAME' are
    one id written three ways, so the second and third are duplicates, and the message says why."""
    if raw.empty:
        return set()
    ids = raw[layout.id_column]
    keys = ids.map(S.id_key)
    try:
        S.ROW_SCHEMAS[layout.name].validate(raw.assign(**{layout.id_column: keys}), lazy=True)
        return set()
    except SchemaErrors as err:
        cases = err.failure_cases
    except SchemaError as err:  # pragma: no cover - lazy validation collects instead
        cases = err.failure_cases if isinstance(err.failure_cases, pd.DataFrame) else pd.DataFrame()
    bad: set[int] = set()
    seen: set[tuple] = set()
    said = S.messages()
    first_row: dict[str, int] = {}
    for number, key in keys.items():
        first_row.setdefault(key, number)
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
            first = first_row.get(keys[row])
            same = (_("it already appears on row {row}").format(row=first) if ids[first] == value else
                    _("row {row} has {id}; ids are compared without surrounding spaces and regardless of case")
                    .format(row=first, id=show(ids[first])))
            message = _("{where}: the id {id} is duplicated ({same}); each event needs its own id.").format(
                where=where(row, column), id=show(value), same=same)
        elif check == "date_order":
            message = _("{where}: the event {problem}.").format(where=where(row, None), problem=said["date_order"])
        elif check == "not_blank":
            message = _("{where}: the value {problem}.").format(where=where(row, column), problem=said[check])
        elif check in said:
            message = _("{where}: the value {value} {problem}{hint}.").format(
                where=where(row, column), value=show(value), problem=said[check], hint=_comma_hint(check, value))
        else:
            message = _("{where}: the value {value} failed the check {check}.").format(
                where=where(row, column), value=show(value), check=show(check))
        problems.append(Problem(row, column, message))
    problems.sort(key=lambda p: (p.row is not None, p.row or 0))
    return bad


def _comma_hint(check: str, value: object) -> str:
    """For a coordinate written with a comma, how it was read: '1,445' is 1.445, perhaps not what was meant."""
    coordinate_checks = {"lat_range", "lon_range", "lat_region", "lon_region"}
    if check in coordinate_checks and S.DECIMAL_COMMA.fullmatch(str(value).strip()):
        return " " + _("(read as {number}, taking the comma for a decimal comma; if it separates thousands or two "
                       "numbers, correct the cell)").format(number=f"{S.parse_coordinate(value):g}")
    return ""


def _name_reinterpreted(raw: pd.DataFrame, layout: S.Layout, bad_rows: set[int], problems: list[Problem]) -> None:
    """A note for each column whose values were read otherwise than written, listing the rows (usable ones)."""
    rules = [(c, S.DECIMAL_COMMA, _("with a decimal comma"), _("the comma taken for a decimal point"),
              S.parse_coordinate) for c in layout.coordinate_columns]
    rules += [(c, S.THOUSANDS, _("with commas between thousands"), _("the commas taken for thousands separators"),
               S.parse_count) for c in layout.count_columns]
    for column, pattern, how, why, parse in rules:
        if column not in raw.columns:
            continue
        cells = raw[column].astype(str).str.strip()
        hits = cells[cells.str.fullmatch(pattern.pattern) & ~cells.index.isin(bad_rows)]
        if hits.empty:
            continue
        row, value = int(hits.index[0]), hits.iloc[0]
        example = _("{value} on row {row} was read as {number}").format(value=show(value), row=fmt.number(row),
                                                                         number=f"{parse(value):g}")
        many = (_("{n} values written {how}: {rows}; e.g. ").format(
            n=fmt.number(len(hits)), how=how, rows=rows_list([int(r) for r in hits.index])) if len(hits) > 1 else "")
        problems.append(Problem(None, column, _("Column {column}: {many}{example} ({why}).").format(
            column=show(column), many=many, example=example, why=why), "note"))


def _flag_markup(raw: pd.DataFrame, layout: S.Layout, problems: list[Problem]) -> None:
    for column in (c for c in layout.text_columns if c in raw.columns):
        cells = raw[column].astype(str)
        for number, value in cells[cells.str.contains(S.MARKUP, regex=True)].items():  # vectorised first pass
            found = S.MARKUP.search(value)
            if found:
                problems.append(Problem(int(number), column, _(
                    "{where}: contains HTML or script markup ({markup}). It is kept as plain text and will be "
                    "shown, never run.").format(where=where(int(number), column), markup=show(found.group(0), 30)),
                                        "note"))


def _map(raw: pd.DataFrame, layout: S.Layout) -> pd.DataFrame:
    def col(name: str) -> pd.Series:
        return raw[name].astype(str).str.strip() if name in raw.columns else pd.Series("", index=raw.index)

    def text(name: str) -> list[str]:
        return list(raw[name].astype(str)) if name in raw.columns else [""] * len(raw)

    def dates(name: str) -> pd.Series:
        return pd.to_datetime(col(name).map(S.parse_date), errors="coerce")

    def coordinates(name: str) -> pd.Series:
        return col(name).map(S.parse_coordinate).astype(float)

    def counts(name: str) -> pd.Series:
        return col(name).map(S.parse_count).astype(float)

    if layout.name == "ACLED":
        frame = {"event_id": [s.strip() for s in text("event_id_cnty")], "date_start": dates("event_date"),
                 "date_end": dates("event_date"),
                 "event_type": text("event_type"), "actor": text("actor1"), "target": text("actor2"),
                 "place": text("location"), "admin1": text("admin1"), "country": text("country"),
                 "lat": coordinates("latitude"), "lon": coordinates("longitude"),
                 "fatalities": counts("fatalities"),
                 "summary": text("notes"), "source": text("source")}
    else:
        frame = {"event_id": [s.strip() for s in text("id")], "date_start": dates("date_start"),
                 "date_end": dates("date_end"),
                 "event_type": [S.UCDP_VIOLENCE.get(v.strip(), v) for v in text("type_of_violence")],
                 "actor": text("side_a"), "target": text("side_b"), "place": text("where_coordinates"),
                 "admin1": text("adm_1"), "country": text("country"), "lat": coordinates("latitude"),
                 "lon": coordinates("longitude"), "fatalities": counts("best"), "summary": text("source_headline"),
                 "source": text("source_original")}
    events = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in frame.items()})
    events["fatalities"] = events["fatalities"].round().astype("int64")
    events["origin"] = S.ORIGIN
    events["producer"] = layout.name
    return events[S.EVENT_COLUMNS].reset_index(drop=True)
