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
from widgets.i18n import N_, _, ngettext
from widgets.analysis.register import as_of_words, unit_words  # a figure's unit and basis in the page's language
from widgets.register_text import metric_label, translate  # the register's own French (gettext domain "register")
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
FLAG_WORDS = {"rising": N_("rising"), "falling": N_("falling"), "no flag": N_("no clear change"),
              "no baseline": N_("no baseline")}

NOT_STATED = N_("region not stated")  # a filter value: shown through _()
# The taxonomy is the vocabulary's; the old names stay for the figures and ui modules that read them from here.
CONVOY_TYPES, STRIKE_TYPES = CONVOY_ATTACK_TYPES, STATE_STRIKE_TYPES
# Series names in the tables' data; shown through _().
CONVOY_LABEL = N_("Attacks on convoys and tankers (reported)")
STRIKE_LABEL = N_("State air strikes (Malian army claims)")
# The register's types in lower case, for sentences and tables (an uploaded type is shown as written).
TYPE_WORDS = {
    "abduction": N_("abduction"), "attack_on_military": N_("attack on military"),
    "blockade_declared": N_("blockade declared"), "checkpoint_or_siege": N_("checkpoint or siege"),
    "convoy_attack": N_("convoy attack"), "economic_impact": N_("economic impact"),
    "fuel_shortage_measure": N_("fuel shortage measure"), "negotiation_or_release": N_("negotiation or release"),
    "other": N_("other"), "school_or_service_closure": N_("school or service closure"),
    "state_air_strike": N_("state air strike"), "state_escort_or_ops": N_("state escort or ops"),
    "tanker_destroyed": N_("tanker destroyed")}


def type_label(event_type: str) -> str:
    """'convoy_attack' → 'convoy attack' (French: 'attaque de convoi')."""
    return _(TYPE_WORDS[event_type]) if event_type in TYPE_WORDS else str(event_type).replace("_", " ")


def corridor_label(corridor: str) -> str:
    return _(CORRIDOR_LABELS[corridor]) if corridor in CORRIDOR_LABELS else corridor


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


TIMES = {2: N_("twice"), 3: N_("three times"), 4: N_("four times")}
PARTS = {2: N_("half"), 3: N_("a third"), 4: N_("a quarter")}


def flag_rule_text(min_count: int = MIN_COUNT, ratio: float = RATIO) -> str:
    """The thresholds in words, printed next to every flag table ('at least twice as many events as in the
    previous window, and at least 3'), never as code constants."""
    whole = float(ratio).is_integer()
    times = _(TIMES[int(ratio)]) if whole and int(ratio) in TIMES else None
    times = times or _("{n} times").format(n=fmt.number(ratio, 0 if whole else 1))
    part = _(PARTS[int(ratio)]) if whole and int(ratio) in PARTS else None
    part = part or _("{n} times").format(n=fmt.number(1 / ratio, 2).rstrip("0").rstrip(".,"))
    return _("A region or corridor is flagged rising when it had at least {times} as many reported events as in the "
             "previous window of equal length, and at least {min}; falling when it had at most {part} as many as in "
             "the previous window, and that window had at least {min}. Below {min} reported events no flag is "
             "raised, because so few news-reported events move with press coverage as much as with "
             "violence.").format(times=times, part=part, min=fmt.number(min_count))


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
    head = ngettext("{n} event in the selection ({start} – {end}).", "{n} events in the selection ({start} – {end}).",
                    n).format(n=fmt.number(n), start=fmt.day(start), end=fmt.day(end))
    types = _("; ").join(f"{t} {fmt.number(c)}" for t, c in count_by_type(selected).itertuples(index=False))
    agg = ngettext("{n} month-level statement matching this selection overlaps these incidents and is not counted.",
                   "{n} month-level statements matching this selection overlap these incidents and are not counted.",
                   n_aggregates).format(n=fmt.number(n_aggregates)) if n_aggregates else ""
    by_type = _("By type: {types}.").format(types=types) if n else ""
    return " ".join(part for part in (head, by_type, agg) if part)


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The selected events as a reader's table."""
    return pd.DataFrame({
        _("id"): events["event_id"], _("date"): events["date_start"].map(fmt.day),
        _("date precision"): events["date_precision"].map(_word), _("place (as the sources give it)"): events["place"].map(translate),
        _("region (pre-2023)"): events["admin1"].map(_regions_text),
        _("corridor"): events["corridor"].map(corridor_label), _("type"): events["event_type"].map(type_label),
        _("confidence"): events["confidence"].map(_word), _("sources"): events["source_ids"].str.replace(";", ", ")})


# The register's precision and confidence values, in the reader's words (an unknown value is shown as written).
WORDS = {w: w for w in (N_("day"), N_("week"), N_("month"), N_("high"), N_("medium"), N_("moderate"), N_("low"))}


def _word(value: object) -> str:
    return _(WORDS[value]) if value in WORDS else str(value)


def _regions_text(admin1: str) -> str:
    return ", ".join(_(r) if r == NOT_STATED else r for r in regions_of(admin1))


def unresolved_table(unresolved: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Events with no map point, with their type and the reason they could not be placed."""
    merged = unresolved.merge(events[["event_id", "event_type", "date_precision", "admin1"]], on="event_id",
                              how="left")
    return pd.DataFrame({
        _("id"): merged["event_id"], _("date"): merged["date_start"].map(fmt.day),
        _("type"): merged["event_type"].map(type_label),
        _("counted as incident"): merged["date_precision"].ne("month").map({True: _("yes"),
                                                                           False: _("no (aggregate)")}),
        _("region (pre-2023)"): merged["admin1"].map(_regions_text),
        _("place (as the sources give it)"): merged["place"].map(translate),
        _("why it has no point"): merged["reason"].map(translate)})


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
    out = [_("The news-compiled event record holds {n} dated incidents from {first} to {last}, plus {aggregates} "
             "month-level statements that overlap them and are not counted. The list is incomplete, and our sources "
             "hold nothing on the blockade after its last date.").format(
        n=fmt.number(len(dated)), first=fmt.day(dated["date_start"].min()), last=fmt.day(cutoff(events)),
        aggregates=fmt.number(n_agg))]
    monthly = convoy_vs_strikes(events)
    convoy = monthly[monthly["series"] == CONVOY_LABEL]
    strikes = monthly[monthly["series"] == STRIKE_LABEL]
    out.append(_("{convoy} attacks on fuel convoys or tankers were reported, against {strikes} dated state air "
                 "strikes, {claims} of which are Malian army claims that we could not verify.").format(
        convoy=fmt.number(convoy["events"].sum()), strikes=fmt.number(strikes["events"].sum()),
        claims=fmt.number(strikes["claims"].sum())))
    regions = count_by_region(dated)
    named = regions[regions["region"] != NOT_STATED].head(2)
    unnamed = regions.loc[regions["region"] == NOT_STATED, "events"].sum()
    has = _(" and ").join(_("{region} has {n}").format(region=r, n=fmt.number(c))
                          for r, c in named.itertuples(index=False))
    out.append(_("By pre-2023 region, {regions} reported incidents; {unnamed} incidents name no region.").format(
        regions=has, unnamed=fmt.number(unnamed)))
    weeks = week_starts(events)
    start = weeks[-recent_weeks] if len(weeks) >= recent_weeks else weeks[0]
    end = weeks[-1] + pd.Timedelta(days=6)
    base_start, base_end = baseline_window(start, end)
    attacks = dated[dated["event_type"].isin(ATTACK_TYPES)]
    now, before = len(in_window(attacks, start, end)), len(in_window(attacks, base_start, base_end))
    everything = len(in_window(dated, start, end))
    # The direction is stated, never assumed: a count of news reports moves with coverage as much as with violence.
    change = (_("more reports may reflect wider coverage as much as more attacks") if now > before else
              _("fewer reports may reflect thinner coverage as much as fewer attacks") if now < before else
              _("the same count says nothing about coverage"))
    out.append(ngettext(
        "In the last {weeks} weeks of the record (from {start}), {now} attack was reported against {before} in the "
        "{weeks} weeks before ({all} events of every kind in those last weeks); {change}.",
        "In the last {weeks} weeks of the record (from {start}), {now} attacks were reported against {before} in "
        "the {weeks} weeks before ({all} events of every kind in those last weeks); {change}.", now).format(
        weeks=fmt.number(recent_weeks), start=fmt.day(start), now=fmt.number(now), before=fmt.number(before),
        all=fmt.number(everything), change=change))
    sizes = size_estimates(figures)
    if sizes.empty:
        out.append(_("No estimate of JNIM's strength was found in our sources."))
    else:
        parts = [_("{range} {unit} ({where}; {id}, {confidence} confidence)").format(
                     range=fmt.number(r.low) + (f"–{fmt.number(r.high)}" if r.high != r.low else ""),
                     unit=_unit(r.unit), where=translate(r.geography), id=r.figure_id, confidence=_word(r.confidence))
                 for r in sizes.itertuples()]
        out.append(_("JNIM's strength is only estimated: {estimates}.").format(estimates=_("; ").join(parts)))
    return out


# Units of the strength estimates as the register writes them, in the reader's words.
UNITS = {u: u for u in (N_("fighters"), N_("members"), N_("combatants"))}


def _unit(unit: str) -> str:
    return _(UNITS[unit]) if unit in UNITS else str(unit)


def monthly_table(events: pd.DataFrame) -> pd.DataFrame:
    """convoy_vs_strikes as a reader's table (months in words)."""
    monthly = convoy_vs_strikes(events)
    return pd.DataFrame({_("month"): monthly["month"].map(lambda m: fmt.partial_date(f"{m:%Y-%m}")),
                         _("series"): monthly["series"].map(_), _("events"): monthly["events"],
                         _("of which army claims"): monthly["claims"], _("event ids"): monthly["event_ids"]})


def unresolved_note(unresolved: pd.DataFrame, events: pd.DataFrame) -> str:
    """The map caveat: how many events have no point, and why (aggregates; places missing from the gazetteer)."""
    n = len(unresolved)
    agg = int(unresolved["event_id"].isin(aggregates(events)["event_id"]).sum())
    missing = unresolved[unresolved["reason"].str.contains("not in gazetteer", case=False)]
    attacks = events[events["event_id"].isin(missing["event_id"]) & events["event_type"].isin(CONVOY_TYPES)]
    return _("{n} of {total} events have no map point ({aggregates} of them are month-level statements, not counted "
             "as incidents). For {missing} the sources name a small place our gazetteer does not hold, including "
             "{convoys} convoy attacks ({ids}); the others name a whole region, a road, the country or no place. "
             "Events without a point still count in the region the sources name, if any, so the shading is more "
             "complete than the points.").format(
        n=fmt.number(n), total=fmt.number(len(events)), aggregates=fmt.number(agg), missing=fmt.number(len(missing)),
        convoys=fmt.number(len(attacks)), ids=", ".join(attacks["event_id"]) or _("none"))


def context_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The other threat figures about Mali, as the sources give them, with party claims labelled."""
    rows = figures[(figures["topic"] == "threat") & figures["geography"].str.startswith("Mali")
                   & ~figures["metric"].str.endswith("fighters_estimate")]
    claim = (rows["metric"].str.contains("claim") | rows["notes"].str.contains("claim", case=False))
    value = rows["value"].where(rows["value"] != "", rows["value_low"] + "–" + rows["value_high"])
    return pd.DataFrame({
        _("id"): rows["figure_id"], _("what"): rows["metric"].map(metric_label), _("value"): value,
        _("unit"): rows["unit"].map(unit_words), _("as of"): rows["as_of"].map(as_of_words),
        _("where"): rows["geography"].map(translate),
        _("kind"): claim.map({True: _("party claim"), False: _("reported figure")}),
        _("confidence"): rows["confidence"].map(_word), _("notes"): rows["notes"].map(translate),
        _("source"): rows["source_id"]}).reset_index(drop=True)
