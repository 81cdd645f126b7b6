"""Data contracts: schemas (pandera) and cross-table checks that stop a bad build with a clear message."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from widgets.vocabulary import CAPITAL, CHAPTERS, CONFIDENCE_LEVELS, DAKAR_CORRIDOR, EVENT_TYPES, split_ids

# The evidence window opens at the catalogue's `window_start` (events entry) and closes today (widgets.clock):
# an event or source dated in the future is refused. Sources may be older than the window (background studies).
SOURCE_DATE_MIN = date(1990, 1, 1)
# Town points are rounded (NE: 0.01°) and borders generalised, so a point may sit a few km outside its polygon.
BORDER_TOLERANCE_KM = 10.0

CONFIDENCE = ["high", "medium", "low"]
PRECISION = ["town", "near_town", "multi_town", "unresolved"]
PARTIAL_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


class ContractError(ValueError):
    """A data contract failed; the message says which file, which rows and what to do."""


def _str(**kw) -> pa.Column:
    return pa.Column(str, **kw)


EVENTS = pa.DataFrameSchema({
    "event_id": _str(unique=True, checks=pa.Check.str_matches(r"^E\d{3}$")),
    "date_start": _str(checks=pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
    "date_precision": _str(checks=pa.Check.isin(["day", "week", "month"])),
    "event_type": _str(checks=pa.Check.isin(EVENT_TYPES)),
    "source_ids": _str(checks=pa.Check.str_length(min_value=1)),
    "confidence": _str(checks=pa.Check.isin(CONFIDENCE)),
}, name="events.csv")

FIGURES = pa.DataFrameSchema({
    "figure_id": _str(unique=True, checks=pa.Check.str_matches(r"^[GCHTU]\d{3}$")),
    "topic": _str(checks=pa.Check.isin(["corridor", "displacement", "economy", "fuel", "gold", "humanitarian", "threat"])),
    "source_id": _str(checks=pa.Check.str_length(min_value=1)),
    "confidence": _str(checks=pa.Check.isin(CONFIDENCE)),
}, name="figures.csv")

SOURCES = pa.DataFrameSchema({
    "source_id": _str(unique=True, checks=pa.Check.str_matches(r"^(S|F-S)\d{3}$")),
    "title": _str(checks=pa.Check.str_length(min_value=1)),
    "publisher": _str(checks=pa.Check.str_length(min_value=1)),
    "url": _str(checks=pa.Check.str_startswith("http")),
    "published": _str(checks=pa.Check.str_matches(PARTIAL_DATE)),
}, name="sources")

EVENT_PLACES = pa.DataFrameSchema({
    "event_id": _str(unique=True),
    "location_precision": _str(checks=pa.Check.isin(PRECISION)),
    "reason": _str(),
}, name="event_places.csv")

CORRIDORS = pa.DataFrameSchema({
    "corridor_id": _str(unique=True),
    "corridor": _str(unique=True),
    "origin": _str(),
    # every corridor ends at the capital, and the corridor the blockade was declared on is named as the code names it
    "destination": _str(checks=pa.Check.eq(CAPITAL)),
}, checks=pa.Check(lambda df: (df["corridor"] == DAKAR_CORRIDOR).any(), error=f"no corridor named {DAKAR_CORRIDOR}"),
    name="corridors.csv")


SEED_CLAIMS = pa.DataFrameSchema({
    "claim_id": _str(unique=True),
    "claim": _str(checks=pa.Check.str_length(min_value=1)),
    "verdict": _str(checks=pa.Check.isin(["corroborates", "qualifies", "contradicts", "cannot test"])),
    "source_ids": _str(checks=pa.Check.str_length(min_value=1)),
    "explanation": _str(checks=pa.Check.str_length(min_value=1)),
}, name="seed_claims.csv")


def check_seed_claims(claims: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame,
                      sources: pd.DataFrame) -> None:
    """Every id a seed-claim verdict rests on exists (sources, figures, events)."""
    known = set(sources["source_id"]) | set(figures["figure_id"])
    problems = [f"claim {c}: unknown source or figure {i}" for c, ids in zip(claims["claim_id"], claims["source_ids"])
                for i in split_ids(ids) if i not in known]
    problems += [f"claim {c}: unknown event {i}" for c, ids in zip(claims["claim_id"], claims["event_ids"])
                 for i in split_ids(ids) if i not in set(events["event_id"])]
    fail("seed claims", problems)


JUDGEMENTS = pa.DataFrameSchema({
    "item_id": _str(unique=True, checks=pa.Check.str_matches(r"^\d{2}-[JW]\d+$")),
    "chapter": _str(checks=pa.Check.isin([name.removesuffix(".ipynb") for name, _title in CHAPTERS])),
    "kind": _str(checks=pa.Check.isin(["judgement", "watch"])),
    "confidence": _str(checks=pa.Check.isin(["", *CONFIDENCE_LEVELS])),
    "text": _str(checks=pa.Check.str_length(min_value=1)),
    "cited_ids": _str(),
}, name="judgements.csv")
# An id as the texts write it: a source (S001, F-S001), an event (E001) or a figure (G001, C001, H001, T001).
CITED_ID = re.compile(r"\b(?:F-S\d{3}|[SEGCHT]\d{3})\b")


def check_judgements(items: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame,
                     sources: pd.DataFrame) -> None:
    """Every id an editorial item cites exists, every id its text names is cited, and a judgement carries a
    confidence and uses the estimative term it is filed under (a watch item has neither)."""
    known = set(sources["source_id"]) | set(figures["figure_id"]) | set(events["event_id"])
    problems = []
    for r in items.itertuples():
        cited = split_ids(r.cited_ids)
        named = CITED_ID.findall(f"{r.text} {r.evidence}")
        problems += [f"{r.item_id}: cites unknown id {i}" for i in cited if i not in known]
        problems += [f"{r.item_id}: names {i} without citing it in cited_ids" for i in named if i not in cited]
        if r.kind == "judgement":
            if not r.confidence:
                problems.append(f"{r.item_id}: a judgement without a confidence")
            if not r.estimative_term or r.estimative_term.lower() not in r.text.lower():
                problems.append(f"{r.item_id}: estimative term {r.estimative_term!r} is not in its text")
        elif r.confidence or r.estimative_term:
            problems.append(f"{r.item_id}: a watch item carries a confidence or an estimative term")
    fail("judgements", problems)


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Validate with pandera, collecting every failure into one readable ContractError."""
    try:
        return schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases[["column", "check", "index", "failure_case"]].head(20)
        lines = [f"  row {r.index}, column {r.column!r}: {r.failure_case!r} fails {r.check}" for r in cases.itertuples()]
        raise ContractError(f"{schema.name}: {len(err.failure_cases)} contract failure(s)\n" + "\n".join(lines)) from None


def fail(title: str, problems: list[str]) -> None:
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise ContractError(f"{title}: {len(problems)} problem(s)\n{shown}{more}")


def check_checksums(entries: dict[str, dict], root: Path) -> None:
    """Every catalogued file exists and has the sha256 the catalogue records."""
    problems = []
    for key, entry in entries.items():
        path = root / entry["path"]
        if not path.exists():
            problems.append(f"{key}: {entry['path']} is missing")
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry["sha256"]:
            problems.append(f"{key}: {entry['path']} has sha256 {digest[:12]}…, the catalogue records "
                            f"{entry['sha256'][:12]}… — re-catalogue the file if the change is intended")
    fail("catalogue checksums", problems)


def check_citations(events: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Every event and figure cites at least one source that exists."""
    known = set(sources["source_id"])
    problems = [f"event {e}: cites unknown source {s}" for e, ids in zip(events["event_id"], events["source_ids"])
                for s in split_ids(ids) if s not in known]
    problems += [f"event {e}: cites no source" for e, ids in zip(events["event_id"], events["source_ids"])
                 if not split_ids(ids)]
    problems += [f"figure {f}: cites unknown source {s}" for f, s in zip(figures["figure_id"], figures["source_id"])
                 if s not in known]
    fail("citations", problems)


def evidence_window(events_entry: dict, today: date) -> tuple[date, date]:
    """(first, last) day an event may carry: the catalogue's `window_start` for the events, and today."""
    try:
        return date.fromisoformat(events_entry["window_start"]), today
    except (KeyError, ValueError):
        raise ContractError("catalogue: the events entry needs window_start = \"YYYY-MM-DD\" (the evidence window's "
                            "first day)") from None


def check_dates(events: pd.DataFrame, sources: pd.DataFrame, window: tuple[date, date]) -> None:
    """Event dates parse and fall inside the evidence window; source dates are not in the future."""
    EVENT_DATE_MIN, EVENT_DATE_MAX = window
    problems = []
    for event_id, start, end in zip(events["event_id"], events["date_start"], events["date_end"]):
        for label, text in (("date_start", start), ("date_end", end)):
            if label == "date_end" and not text:
                continue
            try:
                day = date.fromisoformat(text)
            except ValueError:
                problems.append(f"event {event_id}: {label} {text!r} is not a date")
                continue
            if not EVENT_DATE_MIN <= day <= EVENT_DATE_MAX:
                problems.append(f"event {event_id}: {label} {text} outside {EVENT_DATE_MIN}…{EVENT_DATE_MAX}")
    for source_id, text in zip(sources["source_id"], sources["published"]):
        if text:
            padded = (text + "-01-01")[:10] if len(text) == 4 else (text + "-01")[:10] if len(text) == 7 else text
            try:
                day = date.fromisoformat(padded)
            except ValueError:
                problems.append(f"source {source_id}: published {text!r} is not a date")
                continue
            if not SOURCE_DATE_MIN <= day <= EVENT_DATE_MAX:
                problems.append(f"source {source_id}: published {text} outside {SOURCE_DATE_MIN}…{EVENT_DATE_MAX}")
    fail("dates", problems)


def check_event_places(events: pd.DataFrame, event_places: pd.DataFrame, gazetteer: set[str]) -> None:
    """Every event resolves to gazetteer points or is listed as unresolved with a reason."""
    problems = [f"event {e}: no row in event_places.csv" for e in set(events["event_id"]) - set(event_places["event_id"])]
    problems += [f"event_places row {e}: no such event" for e in set(event_places["event_id"]) - set(events["event_id"])]
    for row in event_places.itertuples():
        names = split_ids(row.place_names)
        if row.location_precision == "unresolved":
            if names:
                problems.append(f"event {row.event_id}: unresolved but lists places {names}")
            if not row.reason.strip():
                problems.append(f"event {row.event_id}: unresolved without a reason")
        elif not names:
            problems.append(f"event {row.event_id}: {row.location_precision} but no place named")
        problems += [f"event {row.event_id}: place {n!r} is not in the gazetteer" for n in names if n not in gazetteer]
    fail("event places", sorted(problems))


def check_inside_countries(points: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, iso_column: str,
                           label: str) -> None:
    """Each point lies inside (or within the border tolerance of) the country its row names."""
    from widgets.geo import to_metric

    shapes = to_metric(countries.set_index("ADM0_A3").geometry)
    metric = to_metric(points)
    problems = []
    for name, iso, pt in zip(points["name"], points[iso_column], metric.geometry):
        if iso not in shapes.index:
            problems.append(f"{label} {name}: country {iso} not in countries.geojson")
        elif shapes[iso].distance(pt) > BORDER_TOLERANCE_KM * 1000:
            problems.append(f"{label} {name}: {shapes[iso].distance(pt) / 1000:.0f} km outside {iso}")
    fail(f"{label} coordinates", problems)
