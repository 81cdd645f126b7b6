"""The threat chapter's arithmetic: which events count, selection filters, per-region counts, change flags
against a baseline, convoy attacks against state strikes, and the computed takeaway sentences.

Pure functions: DataFrames in, DataFrames / numbers / sentences out. No plotting, no widgets, no file paths.
Counting rules applied everywhere:
- rows with date_precision == "month" are period-wide statements that overlap the dated incidents; they are
  never added to incident counts (`incidents` drops them, `aggregates` lists them);
- an event naming several regions ('Koulikoro;Ségou;Sikasso') counts once in each region;
- an event is placed in time by its date_start (multi-day events are not spread over their span).
"""

from __future__ import annotations

import pandas as pd

from widgets import fmt
from widgets.vocabulary import (ATTACK_TYPES, CONVOY_ATTACK_TYPES, CORRIDOR_LABELS, STATE_STRIKE_TYPES, TYPE_FAMILIES,  # noqa: F401
                                 split_ids)

# --- change-vs-baseline flag -------------------------------------------------------------------------------
# The event list is compiled from news: small counts move with coverage as much as with violence. Below three
# reported events a change (1 → 2 is "doubling") says nothing, so no flag is raised under MIN_COUNT.
DEFAULT_WEEKS = 8  # the explorer's opening window: the last eight weeks of the record, against the eight before
MIN_COUNT = 3
# "Rising" needs at least twice the baseline, "falling" at most half of it: a factor of two is the smallest
# change we consider larger than the week-to-week noise of news coverage in this record.
RATIO = 2.0

# The flags in the reader's words (widgets/flags_html.py draws them with an arrow and a colour).
FLAG_WORDS = {"rising": "rising", "falling": "falling", "no flag": "no clear change", "no baseline": "no baseline"}

NOT_STATED = "region not stated"
# The taxonomy is the vocabulary's; the old names stay for the figures and ui modules that read them from here.
CONVOY_TYPES, STRIKE_TYPES = CONVOY_ATTACK_TYPES, STATE_STRIKE_TYPES
CONVOY_LABEL = "Attacks on convoys and tankers (reported)"
STRIKE_LABEL = "State air strikes (Malian army claims)"


def type_label(event_type: str) -> str:
    """'convoy_attack' → 'convoy attack'."""
    return str(event_type).replace("_", " ")


def corridor_label(corridor: str) -> str:
    return CORRIDOR_LABELS.get(corridor, corridor)


def family_of(event_type: str) -> str:
    for family, types in TYPE_FAMILIES.items():
        if event_type in types:
            return family
    return "Effects, responses and other"


def incidents(events: pd.DataFrame) -> pd.DataFrame:
    """Dated incidents only: drops month-level aggregate statements (they overlap the dated rows)."""
    return events[events["date_precision"] != "month"]


def aggregates(events: pd.DataFrame) -> pd.DataFrame:
    """Month-level aggregate statements (shown apart, never counted as incidents)."""
    return events[events["date_precision"] == "month"]


def cutoff(events: pd.DataFrame) -> pd.Timestamp:
    """The data cut-off of the chapter: the latest date_start in the events."""
    return pd.Timestamp(events["date_start"].max())


def regions_of(admin1: str) -> list[str]:
    """'Koulikoro;Ségou;Sikasso' → three regions; '' → ['region not stated']."""
    names = split_ids(admin1)
    return names or [NOT_STATED]


def by_region(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, region): events naming several regions appear once in each."""
    out = events.assign(region=events["admin1"].map(regions_of)).explode("region")
    return out.reset_index(drop=True)


def in_window(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Events whose date_start falls in [start, end], both days included."""
    day = events["date_start"].dt.normalize()
    return events[(day >= pd.Timestamp(start).normalize()) & (day <= pd.Timestamp(end).normalize())]


def select(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, *, corridor: str | None = None,
           region: str | None = None, event_type: str | None = None, aggregate: bool = False) -> pd.DataFrame:
    """Incidents in the window matching the filters (None = any). region may be NOT_STATED for admin1 ''.

    aggregate=True applies the same selection to the month-level statements instead (shown apart, not counted).
    """
    out = in_window(aggregates(events) if aggregate else incidents(events), start, end)
    if corridor is not None:
        out = out[out["corridor"] == corridor]
    if region is not None:
        out = out[out["admin1"].map(lambda a: region in regions_of(a))]
    if event_type is not None:
        out = out[out["event_type"] == event_type]
    return out


def count_by_type(events: pd.DataFrame) -> pd.DataFrame:
    """Events per type (labels in words), most frequent first; ties in type order."""
    counts = events["event_type"].map(type_label).value_counts()
    return counts.rename_axis("event type").reset_index(name="events").sort_values(
        ["events", "event type"], ascending=[False, True], ignore_index=True)


def count_by_region(events: pd.DataFrame) -> pd.DataFrame:
    """Events per region (an event in several regions counts in each), most first."""
    counts = by_region(events)["region"].value_counts()
    return counts.rename_axis("region").reset_index(name="events").sort_values(
        ["events", "region"], ascending=[False, True], ignore_index=True)


def baseline_window(start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window of equal length just before [start, end] (days inclusive)."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    length = end - start + pd.Timedelta(days=1)
    return start - length, start - pd.Timedelta(days=1)


def flag(count: int, baseline: int, min_count: int = MIN_COUNT, ratio: float = RATIO) -> str:
    """'rising' if count ≥ ratio × baseline and count ≥ min_count; 'falling' if count ≤ baseline / ratio and
    baseline ≥ min_count; otherwise 'no flag'."""
    if count >= min_count and count >= ratio * baseline:
        return "rising"
    if baseline >= min_count and count <= baseline / ratio:
        return "falling"
    return "no flag"


def change_flags(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, by: str,
                 min_count: int = MIN_COUNT, ratio: float = RATIO, *,
                 record_start: pd.Timestamp | None = None) -> pd.DataFrame:
    """Reported incidents per group in [start, end] against the preceding window of equal length.

    by: 'admin1' (regions; multi-region events count in each, '' → 'region not stated') or 'corridor'.
    Month-level aggregate rows are dropped. If the baseline window begins before `record_start` (the first day
    the event list covers), the baseline is incomplete and the flag reads 'no baseline' instead.
    Columns: group, events, baseline, flag. Groups with no event in either window are left out.
    """
    if by not in ("admin1", "corridor"):
        raise ValueError("by must be 'admin1' or 'corridor'")
    base_start, base_end = baseline_window(start, end)
    rows = incidents(events)
    key = (lambda f: by_region(f)["region"]) if by == "admin1" else (lambda f: f["corridor"].map(corridor_label))
    now = key(in_window(rows, start, end)).value_counts()
    before = key(in_window(rows, base_start, base_end)).value_counts()
    table = pd.DataFrame({"events": now, "baseline": before}).fillna(0).astype(int)
    uncovered = record_start is not None and base_start < pd.Timestamp(record_start).normalize()
    table["flag"] = ["no baseline" if uncovered else flag(c, b, min_count, ratio)
                     for c, b in zip(table["events"], table["baseline"])]
    table = table.rename_axis("group").reset_index()
    return table.sort_values(["events", "group"], ascending=[False, True], ignore_index=True)


TIMES = {2: "twice", 3: "three times", 4: "four times"}
PARTS = {2: "half", 3: "a third", 4: "a quarter"}


def flag_rule_text(min_count: int = MIN_COUNT, ratio: float = RATIO) -> str:
    """The thresholds in words, printed next to every flag table ('at least twice as many events as in the
    previous window, and at least 3'), never as code constants."""
    whole = float(ratio).is_integer()
    times = TIMES.get(int(ratio)) if whole else None
    times = times or f"{fmt.number(ratio, 0 if whole else 1)} times"
    part = PARTS.get(int(ratio)) if whole else None
    part = part or f"{fmt.number(1 / ratio, 2).rstrip('0').rstrip('.')} times"
    return (f"A region or corridor is flagged rising when it had at least {times} as many reported events as in the "
            f"previous window of equal length, and at least {min_count}; falling when it had at most {part} as "
            f"many as in the previous window, and that window had at least {min_count}. Below {min_count} reported "
            "events no flag is raised, because so few news-reported events move with press coverage as much as "
            "with violence.")


def week_starts(events: pd.DataFrame) -> list[pd.Timestamp]:
    """Mondays from the week of the first event to the week of the cut-off (the slider's stops)."""
    first = events["date_start"].min().normalize()
    last = events["date_start"].max().normalize()
    return list(pd.date_range(first - pd.Timedelta(days=first.weekday()), last, freq="W-MON"))


def convoy_vs_strikes(events: pd.DataFrame) -> pd.DataFrame:
    """Monthly counts of reported convoy/tanker attacks and of state air strikes, zeros included.

    Aggregates dropped. Columns: month (first day), series, events, claims (army claims among them), event_ids.
    A state strike is an army claim when its summary says so ("army claim"), as the event register notes.
    """
    rows = incidents(events)
    rows = rows[rows["event_type"].isin(CONVOY_TYPES + STRIKE_TYPES)]
    months = pd.date_range(events["date_start"].min().to_period("M").to_timestamp(),
                           events["date_start"].max().to_period("M").to_timestamp(), freq="MS")
    out = []
    for label, types in ((CONVOY_LABEL, CONVOY_TYPES), (STRIKE_LABEL, STRIKE_TYPES)):
        part = rows[rows["event_type"].isin(types)]
        month = part["date_start"].dt.to_period("M").dt.to_timestamp()
        for m in months:
            hit = part[month == m]
            out.append({"month": m, "series": label, "events": len(hit),
                        "claims": int(hit["summary"].str.contains("army claim", case=False).sum()),
                        "event_ids": ", ".join(hit["event_id"])})
    return pd.DataFrame(out)


def located_towns(points: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """Gazetteer towns of the selected events, one row per town: events there and their ids.

    `points` is one row per (event, named town). Columns: place, lon, lat, events, event_ids.
    """
    hits = points[points["event_id"].isin(selected["event_id"])]
    grouped = hits.groupby(["place", "lon", "lat"], as_index=False).agg(
        events=("event_id", "nunique"), event_ids=("event_id", lambda s: ", ".join(sorted(set(s)))))
    return grouped.sort_values(["events", "place"], ascending=[False, True], ignore_index=True)


def selection_sentence(selected: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, n_aggregates: int) -> str:
    """'N events in the selection (…)' with counts by type, for the panel."""
    n = len(selected)
    head = f"{fmt.number(n)} event{'s' if n != 1 else ''} in the selection ({fmt.day(start)} – {fmt.day(end)})"
    types = "; ".join(f"{t} {fmt.number(c)}" for t, c in count_by_type(selected).itertuples(index=False))
    plural = n_aggregates != 1
    agg = (f" {fmt.number(n_aggregates)} month-level statement{'s' if plural else ''} matching this "
           f"selection overlap{'' if plural else 's'} these incidents and {'are' if plural else 'is'} not counted."
           if n_aggregates else "")
    return " ".join(part for part in (f"{head}.", f"By type: {types}." if n else "", agg.strip()) if part)


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The selected events as a reader's table."""
    return pd.DataFrame({
        "id": events["event_id"], "date": events["date_start"].map(fmt.day),
        "date precision": events["date_precision"], "place (as the sources give it)": events["place"],
        "region (pre-2023)": events["admin1"].map(lambda a: ", ".join(regions_of(a))),
        "corridor": events["corridor"].map(corridor_label), "type": events["event_type"].map(type_label),
        "confidence": events["confidence"], "sources": events["source_ids"].str.replace(";", ", ")})


def unresolved_table(unresolved: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Events with no map point, with their type and the reason they could not be placed."""
    merged = unresolved.merge(events[["event_id", "event_type", "date_precision", "admin1"]], on="event_id",
                              how="left")
    return pd.DataFrame({
        "id": merged["event_id"], "date": merged["date_start"].map(fmt.day),
        "type": merged["event_type"].map(type_label),
        "counted as incident": merged["date_precision"].ne("month").map({True: "yes", False: "no (aggregate)"}),
        "region (pre-2023)": merged["admin1"].map(lambda a: ", ".join(regions_of(a))),
        "place (as the sources give it)": merged["place"], "why it has no point": merged["reason"]})


def size_estimates(figures: pd.DataFrame) -> pd.DataFrame:
    """JNIM strength estimates from the figures (metrics *fighters_estimate), low/high filled for point values."""
    rows = figures[figures["metric"].str.endswith("fighters_estimate")].copy()
    rows["low"] = pd.to_numeric(rows["value_low"], errors="coerce").fillna(rows["value_num"])
    rows["high"] = pd.to_numeric(rows["value_high"], errors="coerce").fillna(rows["value_num"])
    return rows[["figure_id", "metric", "value", "low", "high", "unit", "as_of", "geography", "source_id",
                 "confidence", "notes"]].reset_index(drop=True)


def takeaway_sentences(events: pd.DataFrame, figures: pd.DataFrame, recent_weeks: int = 8) -> list[str]:
    """The chapter's key takeaways, every number computed from the data passed in."""
    dated = incidents(events)
    n_agg = len(aggregates(events))
    out = [f"The news-compiled event record holds {fmt.number(len(dated))} dated incidents from "
           f"{fmt.day(dated['date_start'].min())} to {fmt.day(cutoff(events))}, plus {fmt.number(n_agg)} "
           "month-level statements that overlap them and are not counted. The list is incomplete, and our sources "
           "hold nothing on the blockade after its last date."]
    monthly = convoy_vs_strikes(events)
    convoy = monthly[monthly["series"] == CONVOY_LABEL]
    strikes = monthly[monthly["series"] == STRIKE_LABEL]
    out.append(f"{fmt.number(convoy['events'].sum())} attacks on fuel convoys or tankers were reported, against "
               f"{fmt.number(strikes['events'].sum())} dated state air strikes, "
               f"{fmt.number(strikes['claims'].sum())} of which are Malian army claims that we could not verify.")
    regions = count_by_region(dated)
    named = regions[regions["region"] != NOT_STATED].head(2)
    unnamed = regions.loc[regions["region"] == NOT_STATED, "events"].sum()
    out.append("By pre-2023 region, " + " and ".join(f"{r} has {fmt.number(c)}" for r, c in
                                                      named.itertuples(index=False))
               + f" reported incidents; {fmt.number(unnamed)} incidents name no region.")
    weeks = week_starts(events)
    start = weeks[-recent_weeks] if len(weeks) >= recent_weeks else weeks[0]
    end = weeks[-1] + pd.Timedelta(days=6)
    base_start, base_end = baseline_window(start, end)
    attacks = dated[dated["event_type"].isin(ATTACK_TYPES)]
    now, before = len(in_window(attacks, start, end)), len(in_window(attacks, base_start, base_end))
    everything = len(in_window(dated, start, end))
    # The direction is stated, never assumed: a count of news reports moves with coverage as much as with violence.
    change = ("more reports may reflect wider coverage as much as more attacks" if now > before else
              "fewer reports may reflect thinner coverage as much as fewer attacks" if now < before else
              "the same count says nothing about coverage")
    out.append(f"In the last {recent_weeks} weeks of the record (from {fmt.day(start)}), {fmt.number(now)} "
               f"attack{'s were' if now != 1 else ' was'} reported against {fmt.number(before)} in the "
               f"{recent_weeks} weeks before ({fmt.number(everything)} events of every kind in those last weeks); "
               f"{change}.")
    sizes = size_estimates(figures)
    if sizes.empty:
        out.append("No estimate of JNIM's strength was found in our sources.")
    else:
        parts = [f"{fmt.number(r.low)}" + (f"–{fmt.number(r.high)}" if r.high != r.low else "")
                 + f" {r.unit} ({r.geography}; {r.figure_id}, {r.confidence} confidence)"
                 for r in sizes.itertuples()]
        out.append("JNIM's strength is only estimated: " + "; ".join(parts) + ".")
    return out


def monthly_table(events: pd.DataFrame) -> pd.DataFrame:
    """convoy_vs_strikes as a reader's table (months in words)."""
    monthly = convoy_vs_strikes(events)
    return pd.DataFrame({"month": monthly["month"].map(lambda m: fmt.partial_date(f"{m:%Y-%m}")),
                         "series": monthly["series"], "events": monthly["events"],
                         "of which army claims": monthly["claims"], "event ids": monthly["event_ids"]})


def unresolved_note(unresolved: pd.DataFrame, events: pd.DataFrame) -> str:
    """The map caveat: how many events have no point, and why (aggregates; places missing from the gazetteer)."""
    n = len(unresolved)
    agg = int(unresolved["event_id"].isin(aggregates(events)["event_id"]).sum())
    missing = unresolved[unresolved["reason"].str.contains("not in gazetteer", case=False)]
    attacks = events[events["event_id"].isin(missing["event_id"]) & events["event_type"].isin(CONVOY_TYPES)]
    return (f"{fmt.number(n)} of {fmt.number(len(events))} events have no map point ({fmt.number(agg)} of them are "
            f"month-level statements, not counted as incidents). For {fmt.number(len(missing))} the sources name a "
            "small place our gazetteer does not hold, including "
            f"{fmt.number(len(attacks))} convoy attacks ({', '.join(attacks['event_id']) or 'none'}); the others "
            "name a whole region, a road, the country or no place. Events without a point still count in the "
            "region the sources name, if any, so the shading is more complete than the points.")


def context_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The other threat figures about Mali, as the sources give them, with party claims labelled."""
    rows = figures[(figures["topic"] == "threat") & figures["geography"].str.startswith("Mali")
                   & ~figures["metric"].str.endswith("fighters_estimate")]
    claim = (rows["metric"].str.contains("claim") | rows["notes"].str.contains("claim", case=False))
    value = rows["value"].where(rows["value"] != "", rows["value_low"] + "–" + rows["value_high"])
    return pd.DataFrame({
        "id": rows["figure_id"], "what": rows["metric"].str.replace("_", " "), "value": value, "unit": rows["unit"],
        "as of": rows["as_of"], "where": rows["geography"],
        "kind": claim.map({True: "party claim", False: "reported figure"}), "confidence": rows["confidence"],
        "notes": rows["notes"], "source": rows["source_id"]}).reset_index(drop=True)
