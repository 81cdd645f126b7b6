"""What a map's CSV download holds: the events and places it marks, never the vertices of its roads and borders.

The page's CSV builder (briefing-csv.js) leaves a map's lines and shaded areas out and writes one row per marked
point, with its hover text as `details`. A marker that stands for several events (attacks grouped at a town) lists
them in its trace's `meta["csv_events"]`, one list per point; the CSV then has one row per event with the fields
below. Pure functions: DataFrames in, plain lists out.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

FIELDS = ["event_id", "date", "event_type", "place"]  # the CSV's columns for each event (after series, lat, lon…)


def event_records(events: pd.DataFrame) -> list[list[str]]:
    """[[event_id, ISO start date, event type, place], …] for the events one marker stands for, oldest first."""
    if events.empty:
        return []
    rows = events.sort_values(["date_start", "event_id"])
    place = rows["place"] if "place" in rows else pd.Series("", index=rows.index)
    return [[str(i), pd.Timestamp(d).strftime("%Y-%m-%d") if pd.notna(d) else "", str(t).replace("_", " "),
             "" if pd.isna(p) else str(p)]
            for i, d, t, p in zip(rows["event_id"], rows["date_start"], rows["event_type"], place)]


def csv_events(groups: Iterable[pd.DataFrame], meta: dict | None = None) -> dict:
    """A trace's `meta` listing, per point, the events that point stands for (`groups`: one frame per point)."""
    return {**(meta or {}), "csv_events": [event_records(g) for g in groups]}


def events_of(events: pd.DataFrame, ids: Iterable[str]) -> pd.DataFrame:
    """The rows of `events` with the given ids, in the order given (ids not found are left out)."""
    wanted = [i for i in ids if i]
    rows = events.set_index("event_id", drop=False)
    return rows.loc[[i for i in wanted if i in rows.index]].reset_index(drop=True)
