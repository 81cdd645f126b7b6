"""What changed between two editions of the register: new, revised and withdrawn rows, with the analysts' reasons.

Pure: two registers and the changelog in, tables out. Rows are compared field by field (the changelog gives the
reasons, the data gives the changes), so nothing changes silently even if a changelog line were missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from widgets.vocabulary import split_ids

ID_COLUMNS = {"events": "event_id", "figures": "figure_id", "sources": "source_id", "seed_claims": "claim_id",
              "gaps": "gap_id", "judgements": "item_id"}
# Columns that the build adds (map points, snapping): not part of what an analyst revises.
DERIVED = {"lon", "lat", "map_points", "snapped", "snap_corridor_ids", "snap_km", "value_num", "register",
           "place_names", "location_precision", "based_on", "reason", "point_order"}


@dataclass(frozen=True)
class Register:
    """One edition's register tables, as the build produced them."""

    number: int
    events: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    seed_claims: pd.DataFrame
    gaps: pd.DataFrame
    judgements: pd.DataFrame

    def table(self, key: str) -> pd.DataFrame:
        return getattr(self, key)


@dataclass(frozen=True)
class Changes:
    since: int
    until: int
    new_events: pd.DataFrame  # the new edition's rows of events added since, with the changelog's reason
    new_figures: pd.DataFrame  # figure rows added, each with the earlier rows it qualifies (side by side)
    revised: pd.DataFrame  # table, row_id, field, old, new, reason
    withdrawn: pd.DataFrame  # table, row_id, what, reason
    corrections: pd.DataFrame  # page, reason
    added_counts: dict[str, int]  # rows added per table (sources, gaps, claims too)

    @property
    def empty(self) -> bool:
        return not (len(self.new_events) or len(self.new_figures) or len(self.revised) or len(self.withdrawn)
                    or len(self.corrections))


def _lines(changelog: pd.DataFrame, since: int, until: int) -> pd.DataFrame:
    return changelog[(changelog["edition"] > since) & (changelog["edition"] <= until)]


def _reason(lines: pd.DataFrame, table: str, row_id: str) -> tuple[str, str]:
    """(reason, qualifies) of the newest changelog line about a row ('' when none)."""
    table_names = {"sources": ("sources_events", "sources_figures")}.get(table, (table,))
    hit = lines[lines["table"].isin(table_names) & (lines["row_id"] == row_id)]
    if hit.empty:
        return "", ""
    last = hit.iloc[-1]
    return str(last["reason"]), str(last["qualifies"])


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def compare(old: Register, new: Register, changelog: pd.DataFrame) -> Changes:
    """Changes from edition `old.number` to edition `new.number`."""
    if old.number >= new.number:
        raise ValueError(f"compare an earlier edition with a later one (got {old.number} and {new.number})")
    lines = _lines(changelog, old.number, new.number)
    revised, withdrawn, added_ids, counts = [], [], {}, {}
    for key, id_col in ID_COLUMNS.items():
        before, after = old.table(key).set_index(id_col), new.table(key).set_index(id_col)
        added_ids[key] = [i for i in after.index if i not in before.index]
        counts[key] = len(added_ids[key])
        for row_id in [i for i in before.index if i not in after.index]:
            reason, _ = _reason(lines, key, row_id)
            what = before.at[row_id, "summary"] if key == "events" else before.at[row_id, "metric"] if (
                key == "figures") else before.at[row_id, "title"] if key == "sources" else ""
            withdrawn.append({"table": key, "row_id": row_id, "what": _text(what), "reason": reason})
        shared = [c for c in after.columns if c in before.columns and c not in DERIVED]
        for row_id in [i for i in after.index if i in before.index]:
            for column in shared:
                a, b = _text(before.at[row_id, column]), _text(after.at[row_id, column])
                if a != b:
                    reason, _ = _reason(lines, key, row_id)
                    revised.append({"table": key, "row_id": row_id, "field": column, "old": a, "new": b,
                                    "reason": reason})
    events = new.events[new.events["event_id"].isin(added_ids["events"])].copy()
    events["reason"] = [_reason(lines, "events", e)[0] for e in events["event_id"]]
    events["qualifies"] = [_reason(lines, "events", e)[1] for e in events["event_id"]]
    figures = new.figures[new.figures["figure_id"].isin(added_ids["figures"])].copy()
    figures["reason"] = [_reason(lines, "figures", f)[0] for f in figures["figure_id"]]
    figures["qualifies"] = [_reason(lines, "figures", f)[1] for f in figures["figure_id"]]
    figures["earlier"] = [_earlier(old, q) for q in figures["qualifies"]]
    corrections = lines[lines["action"] == "corrected"][["table", "reason"]].rename(columns={"table": "page"})
    return Changes(since=old.number, until=new.number,
                   new_events=events.sort_values("date_start").reset_index(drop=True),
                   new_figures=figures.reset_index(drop=True),
                   revised=pd.DataFrame(revised, columns=["table", "row_id", "field", "old", "new", "reason"]),
                   withdrawn=pd.DataFrame(withdrawn, columns=["table", "row_id", "what", "reason"]),
                   corrections=corrections.reset_index(drop=True), added_counts=counts)


def _earlier(old: Register, qualifies: str) -> str:
    """'T049: 3 soldiers (and 4 attackers), 2026-01-29 [F-S134]' for each earlier row a new row qualifies."""
    parts = []
    figures, events = old.figures.set_index("figure_id"), old.events.set_index("event_id")
    for ref in split_ids(qualifies):
        if ref in figures.index:
            row = figures.loc[ref]
            value = row["value"] or "–".join(v for v in (row["value_low"], row["value_high"]) if v)
            parts.append(f"{ref}: {value} {row['unit']}, {row['as_of']} [{row['source_id']}]")
        elif ref in events.index:
            parts.append(f"{ref}: {events.at[ref, 'date_start'].date().isoformat()}, "
                         f"{str(events.at[ref, 'summary'])[:120]}")
    return "; ".join(parts)


def statement_changes(old: list[str], new: list[str]) -> pd.DataFrame:
    """Takeaways or judgements whose wording or numbers changed: position by position, then added and dropped."""
    rows = []
    for i in range(max(len(old), len(new))):
        before = old[i] if i < len(old) else ""
        after = new[i] if i < len(new) else ""
        if before != after:
            rows.append({"before": before or "(not in the earlier edition)",
                         "now": after or "(dropped in this edition)"})
    return pd.DataFrame(rows, columns=["before", "now"])
