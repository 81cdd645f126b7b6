"""Chapter 2 (the corridors): corridor lengths, incidents by corridor, pressure on road links, corridor shares,
fuel flows and what the Kayes/Nioro blockade cuts.

Pure functions: DataFrames in, DataFrames or numbers out. No file paths, no plotting.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _, ngettext
from widgets.analysis.network_notes import network_note
from widgets.analysis.register import as_of_words, decimals, rows_by_id
from widgets.geo import STORAGE_CRS, point_distance_km, points_frame, to_metric
from widgets.vocabulary import ATTACK_TYPES, CAPITAL, DAKAR_CORRIDOR, split_ids

# The incidents counted as pressure on the roads are the attacks every page counts (widgets.vocabulary.ATTACK_TYPES):
# state operations, economic effects, statements and releases are not "pressure on a road".
INCIDENT_TYPES = ATTACK_TYPES
# Town points sit up to ~1 km off the network's nodes, so a point at a junction town touches every link within this
# margin of its nearest link (a Ségou point is 0.45 km from San–Ségou and 1.2 km from Ségou–Bamako).
TIE_KM = 2.0
# An event placed at the capital itself sits where every corridor ends: it cannot be given to one corridor.
HUB = CAPITAL
HUB_KM = 5.0
# Figures this chapter uses, with the metric each id must carry (a rebuilt register that renumbers rows fails loudly).
FIGURE_METRICS = {
    "C012": "share_mali_import_goods_traffic_dakar_bamako", "C018": "dakar_share_traffic_to_mali",
    "C067": "dakar_share_mali_import_volume", "C046": "share_mali_imports_by_road_via_dakar",
    "C019": "dakar_port_share_mali_imports", "C034": "share_overland_imports_via_rn1_kayes",
    "C062": "mali_cargo_unloaded_dakar", "C063": "mali_cargo_unloaded_abidjan",
    "C068": "dakar_corridor_share_mali_trade", "C069": "abidjan_corridor_share_mali_trade",
    "C070": "tema_lome_conakry_share_mali_trade", "C094": "dakar_axis_share_mali_hydrocarbon_needs",
    "C031": "tanker_trucks_per_month_before_attacks", "C025": "tanker_trucks_per_month_before_attacks",
    "C002": "fuel_trucks_per_day_senegal_mali_normal", "C020": "tanker_trucks_mobilised_jan2026",
    "C021": "fuel_imported_ten_days_jan2026", "C022": "fuel_delivered_first_wave_jan2026",
    "C023": "fuel_delivered_second_wave_jan2026", "C026": "tanker_trucks_entered_jan2026",
    "C100": "tanker_trucks_received_week", "C101": "tanker_trucks_received_week",
    "C102": "fuel_imported_two_weeks", "U001": "tanker_trucks_received_week",
}
NOT_FOUND = N_("not found in our sources")
NEITHER = N_("neither Kayes nor Nioro du Sahel")
# Rows of incidents whose sources name no routed corridor (labels of the chart's rows, in the reader's language).
OTHER_ROAD, NO_CORRIDOR_NAMED = N_("Another road (sources: 'other')"), N_("No corridor named ('none')")
# Values of the share table's status column, shown through _() (the chart reads the English value).
STATUS_WORDS = {w: w for w in (N_("given"), N_("sources differ"), N_("inside the combined figure"), N_("unknown"))}
PORTS = ["Dakar", "Abidjan", "Conakry", "Nouakchott", "Lomé", "Tema", "Cotonou"]
# Which figure gives which port's share, per measure. A port absent from a measure is unknown in our sources.
SHARE_MEASURES = {
    "Share of goods to Mali, 2020–25": {"Dakar": ["C012", "C018", "C067"]},
    "Share of Mali's trade, 2010": {"Dakar": ["C068"], "Abidjan": ["C069"], "Tema + Lomé + Conakry": ["C070"]},
    "Share of fuel (hydrocarbons), 2006": {"Dakar": ["C094"]},
}
# Other Dakar estimates that conflict with the ~70 % (all low confidence or a different measure): shown, not dropped.
DAKAR_OTHER_ESTIMATES = ["C046", "C019", "C034"]
TONNAGE_IDS = {"Dakar": "C062", "Abidjan": "C063"}
NORMAL_FLOW_IDS = ["C031", "C025", "C002"]
RECOVERY_IDS = ["C020", "C021", "C022", "C023", "C026", "C100", "C101", "C102", "U001"]


def checked_figures(figures: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The figure rows for `ids`, indexed by id, after checking each id still carries this chapter's metric."""
    return rows_by_id(figures, ids, FIGURE_METRICS)


# ---------------------------------------------------------------- dates


def _dates_in(text: str) -> list[pd.Timestamp]:
    """Full ISO dates in a text, plus 'YYYY-MM (D-D Month)' day ranges (as the register writes some periods)."""
    found = [pd.Timestamp(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", text)]
    ranged = re.match(r"^(\d{4})-(\d{2}) \((\d{1,2})-(\d{1,2}) [A-Za-z]+\)", text)
    if ranged:
        year, month, first, last = (int(g) for g in ranged.groups())
        found += [pd.Timestamp(year, month, first), pd.Timestamp(year, month, last)]
    return found


def parse_period(as_of: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(first day, last day) of a figure's period when its `as_of` states both ends; otherwise None."""
    dates = _dates_in(str(as_of))
    if len(dates) < 2:
        return None
    return min(dates), max(dates)


def cutoff(events: pd.DataFrame, figures: pd.DataFrame) -> pd.Timestamp:
    """The latest date in the events and figures used: event start/end dates and full dates in figures' as_of."""
    dates = list(events["date_start"].dropna()) + list(events["date_end"].dropna())
    for text in figures["as_of"].astype(str):
        dates += _dates_in(text)
    if not dates:
        raise ValueError("no dates to take a cut-off from")
    return max(dates)


# ---------------------------------------------------------------- corridors and lengths


def cited_lengths_text(corridor_id: str, lengths: pd.DataFrame, summary: pd.DataFrame,
                       figures: pd.DataFrame) -> str:
    """'1,350 km (C090, 2021); …' for a corridor, or 'not found in our sources'."""
    name = summary.set_index("corridor_id").at[corridor_id, "corridor"]
    rows = lengths[lengths["corridor"] == name]
    if rows.empty:
        return _(NOT_FOUND)
    as_of = figures.set_index("figure_id")["as_of"]
    return _("; ").join(f"{fmt.km(r.cited_km)} ({r.figure_id}, {as_of_words(as_of.get(r.figure_id, ''))})"
                     for r in rows.itertuples())


def _cited_notes(corridor_id: str, lengths: pd.DataFrame, summary: pd.DataFrame, figures: pd.DataFrame) -> str:
    """The register's notes on a corridor's cited lengths (caveats such as a likely typo)."""
    name = summary.set_index("corridor_id").at[corridor_id, "corridor"]
    notes = figures.set_index("figure_id")["notes"]
    return " | ".join(f"{fid}: {notes.get(fid, '')}" for fid in lengths.loc[lengths["corridor"] == name, "figure_id"]
                      if notes.get(fid, ""))


def corridors_near_towns(segments: gpd.GeoDataFrame, summary: pd.DataFrame, places: gpd.GeoDataFrame,
                         towns: tuple[str, ...] = ("Kayes", "Nioro du Sahel"), km: float = 10.0) -> pd.DataFrame:
    """Corridors whose routed line passes within `km` of any of `towns` (one row per corridor and town)."""
    columns = ["corridor_id", "corridor", "road_km", "town", "distance_km"]
    pts = places[places["name"].isin(towns)].drop_duplicates("name")
    unknown = set(towns) - set(pts["name"])
    if unknown:
        raise KeyError(f"towns not in the gazetteer: {sorted(unknown)}")
    lines = to_metric(segments)
    metric_pts = to_metric(pts)
    rows = []
    for name, pt in zip(pts["name"], metric_pts.geometry):
        dist = lines.distance(pt) / 1000.0
        nearest = dist.groupby(segments["corridor_id"]).min()
        for cid, d in nearest[nearest <= km].items():
            rows.append({"corridor_id": cid, "town": name, "distance_km": round(float(d), 1)})
    if not rows:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(rows).merge(summary[["corridor_id", "corridor", "road_km"]], on="corridor_id")
    return out[columns].sort_values(["town", "corridor"]).reset_index(drop=True)


def corridor_table(summary: pd.DataFrame, lengths: pd.DataFrame, figures: pd.DataFrame,
                   near: pd.DataFrame) -> pd.DataFrame:
    """One row per corridor: route, computed road and line km, cited lengths, and the blockaded towns it passes."""
    passes = near.groupby("corridor_id")["town"].agg(lambda s: ", ".join(sorted(set(s))))
    out = pd.DataFrame({
        "corridor": summary["corridor"],
        "route": summary["waypoints"],
        "start": summary["origin_kind"].map({"port": _("sea port"), "inland": _("inland")}).fillna(_("unknown")),
        "road_km_computed": summary["road_km"],
        "line_km_geodesic": summary["geodesic_km"],
        "cited_length": [cited_lengths_text(c, lengths, summary, figures) for c in summary["corridor_id"]],
        "passes_within_10_km_of": summary["corridor_id"].map(passes).fillna(_(NEITHER)),
        "network_note": summary["message"].fillna("").map(network_note),
        "cited_length_notes": [_cited_notes(c, lengths, summary, figures) for c in summary["corridor_id"]],
    })
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- events


def is_aggregate(events: pd.DataFrame) -> pd.Series:
    """Period statements that overlap dated incidents: month precision, or marked 'aggregate' in the summary."""
    return events["date_precision"].eq("month") | events["summary"].str.contains("aggregate", case=False)


def road_incidents(events: pd.DataFrame) -> pd.DataFrame:
    """Dated (non-aggregate) attacks, abductions, sieges and tanker burnings: the events counted as incidents."""
    keep = events["event_type"].isin(INCIDENT_TYPES) & ~is_aggregate(events)
    return events[keep].reset_index(drop=True)


def road_links(segments: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each road link of the network used by at least one corridor, once, with the corridors that share it."""
    seg = segments.copy()
    seg["link"] = [f"{min(a, b)}-{max(a, b)}" for a, b in zip(seg["from_node"], seg["to_node"])]
    rows = []
    for link, group in seg.groupby("link", sort=False):
        towns = sorted({t for ts in group["towns"] for t in split_ids(ts)})
        rows.append({"link": link, "corridor_ids": ";".join(sorted(set(group["corridor_id"]))),
                     "corridors": "; ".join(sorted(set(group["corridor"]))), "road_km": float(group["road_km"].iloc[0]),
                     "towns": ", ".join(towns), "geometry": group.geometry.iloc[0]})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=segments.crs or STORAGE_CRS)


def at_hub(events: pd.DataFrame, places: gpd.GeoDataFrame, hub: str = HUB, km: float = HUB_KM) -> pd.Series:
    """True for events whose map point is the capital itself (within `km` of its gazetteer point)."""
    spot = places[places["name"] == hub]
    if spot.empty:
        raise KeyError(f"{hub} not in the gazetteer")
    x, y = spot.geometry.iloc[0].x, spot.geometry.iloc[0].y
    dist = [point_distance_km(lon, lat, x, y) if pd.notna(lon) and pd.notna(lat) else np.nan
            for lon, lat in zip(events["lon"], events["lat"])]
    return pd.Series(dist, index=events.index).le(km)


def assign_links(incidents: pd.DataFrame, links: gpd.GeoDataFrame, hub: pd.Series,
                 tie_km: float = TIE_KM) -> pd.DataFrame:
    """Each snapped incident (not at the hub) with the link(s) nearest its town point and the corridors using them.

    Uses the build's snapping (`snapped`: point within 30 km of a corridor) and re-derives which links are nearest,
    keeping every link within `tie_km` of the nearest (a junction town touches the links on both sides).
    """
    columns = ["event_id", "date_start", "snap_km", "links", "corridor_ids"]
    usable = incidents[incidents["snapped"] & ~hub.reindex(incidents.index, fill_value=False)]
    if usable.empty or links.empty:
        return pd.DataFrame(columns=columns)
    lines = to_metric(links)
    pts = to_metric(points_frame(usable))
    rows = []
    for (_index, event), pt in zip(usable.iterrows(), pts.geometry):
        d = lines.distance(pt).to_numpy() / 1000.0
        near = links[d <= d.min() + tie_km]
        ids = sorted({c for cs in near["corridor_ids"] for c in split_ids(cs)})
        rows.append({"event_id": event["event_id"], "date_start": event["date_start"],
                     "snap_km": round(float(d.min()), 2), "links": ";".join(near["link"]),
                     "corridor_ids": ";".join(ids)})
    return pd.DataFrame(rows, columns=columns)


def link_pressure(links: gpd.GeoDataFrame, assigned: pd.DataFrame) -> gpd.GeoDataFrame:
    """Links with the number of incidents assigned to them and their event ids (0 where none)."""
    pairs = [(link, eid) for eid, ls in zip(assigned["event_id"], assigned["links"]) for link in split_ids(ls)]
    per = pd.DataFrame(pairs, columns=["link", "event_id"])
    counts = per.groupby("link")["event_id"].agg(incidents="count", event_ids=lambda s: ", ".join(sorted(s)))
    out = links.merge(counts, left_on="link", right_index=True, how="left")
    out["incidents"] = out["incidents"].fillna(0).astype(int)
    out["event_ids"] = out["event_ids"].fillna("")
    return out


def events_by_corridor(incidents: pd.DataFrame, assigned: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """Per corridor: incidents the sources place on it (`corridor` field) vs incidents snapped to it by town point.

    Extra rows count incidents whose sources name another road or no corridor (no snapping count for those).
    """
    named = incidents["corridor"]
    snapped = {c: set() for c in summary["corridor_id"]}
    for eid, cids in zip(assigned["event_id"], assigned["corridor_ids"]):
        for c in split_ids(cids):
            if c in snapped:
                snapped[c].add(eid)
    rows = []
    for cid, name in zip(summary["corridor_id"], summary["corridor"]):
        by_source = set(incidents.loc[named == name, "event_id"])
        rows.append({"corridor": name, "named_by_sources": len(by_source), "snapped_by_town_point": len(snapped[cid]),
                     "both": len(by_source & snapped[cid]), "named_ids": ", ".join(sorted(by_source)),
                     "snapped_ids": ", ".join(sorted(snapped[cid]))})
    for label, value in ((OTHER_ROAD, "other"), (NO_CORRIDOR_NAMED, "none")):
        ids = set(incidents.loc[named == value, "event_id"])
        rows.append({"corridor": _(label), "named_by_sources": len(ids), "snapped_by_town_point": np.nan,
                     "both": np.nan, "named_ids": ", ".join(sorted(ids)), "snapped_ids": ""})
    return pd.DataFrame(rows)


def incident_location_counts(incidents: pd.DataFrame, hub: pd.Series) -> dict[str, int]:
    """How many incidents: in all; with a map point; snapped; placed only at the capital; with no map point."""
    located = incidents["lon"].notna() & incidents["lat"].notna()
    at_capital = hub.reindex(incidents.index, fill_value=False)
    return {"incidents": len(incidents), "located": int(located.sum()), "snapped": int(incidents["snapped"].sum()),
            "at_capital": int(at_capital.sum()), "unlocated": int((~located).sum())}


# ---------------------------------------------------------------- shares and flows


def share_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Every port × share measure: the sourced value, or 'unknown' (never 0) where no source gives it."""
    rows = []
    for measure, given in SHARE_MEASURES.items():
        ports = PORTS + [p for p in given if p not in PORTS]
        for port in ports:
            ids = given.get(port, [])
            if ids:
                fig = checked_figures(figures, ids)
                values = sorted(set(fig["value_num"]))
                value = values[0] if len(values) == 1 else np.nan
                rows.append({"measure": measure, "port": port, "share_pct": value,
                             "status": "given" if len(values) == 1 else "sources differ",
                             "figure_ids": ", ".join(ids), "as_of": "; ".join(dict.fromkeys(fig["as_of"])),
                             "confidence": "; ".join(dict.fromkeys(fig["confidence"]))})
            else:
                combined = any("+" in p and port in p for p in given)
                rows.append({"measure": measure, "port": port, "share_pct": np.nan,
                             "status": "inside the combined figure" if combined else "unknown",
                             "figure_ids": "", "as_of": "", "confidence": ""})
    return pd.DataFrame(rows)


def other_dakar_estimates(figures: pd.DataFrame) -> pd.DataFrame:
    """Dakar share estimates that differ from the ~70 % (kept beside it, with their own measure and confidence)."""
    fig = checked_figures(figures, DAKAR_OTHER_ESTIMATES).reset_index()
    return fig[["figure_id", "metric", "value_num", "unit", "as_of", "confidence", "notes"]]


def tonnage_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Mali-bound cargo unloaded per port in 2025, in tonnes (unknown for ports no source gives)."""
    rows = []
    for port in PORTS:
        fid = TONNAGE_IDS.get(port)
        if fid:
            fig = checked_figures(figures, [fid]).iloc[0]
            scale = 1e6 if str(fig["unit"]).startswith("million") else 1.0
            shown = fmt.number(fig["value_num"], 0 if fig["value_num"] >= 1000 else decimals(fig["value"]))
            rows.append({"port": port, "tonnes": fig["value_num"] * scale, "as_given": f"{shown} {fig['unit']}",
                         "figure_id": fid, "as_of": fig["as_of"]})
        else:
            rows.append({"port": port, "tonnes": np.nan, "as_given": "unknown", "figure_id": "", "as_of": ""})
    return pd.DataFrame(rows)


def fuel_flow_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Normal fuel flow and the 2026 recovery figures, with tankers per day where the period is stated.

    Per-day rates are computed by the briefing: count ÷ days in the stated period (both ends counted); a monthly
    figure is divided by the mean month (365.25 / 12 days). Litre figures keep their value (no per-truck average).
    """
    fig = checked_figures(figures, NORMAL_FLOW_IDS + RECOVERY_IDS).reset_index()
    rows = []
    for r in fig.itertuples():
        unit = str(r.unit)
        period = parse_period(r.as_of)
        days = (period[1] - period[0]).days + 1 if period else np.nan
        per_day = np.nan
        if unit.startswith(("tanker trucks/month",)):
            per_day = r.value_num / (365.25 / 12)
        elif unit.startswith(("trucks/day",)):
            per_day = r.value_num
        elif unit.startswith("tanker trucks") and period:
            per_day = r.value_num / days
        rows.append({"figure_id": r.figure_id, "kind": "normal" if r.figure_id in NORMAL_FLOW_IDS else "recovery",
                     "metric": r.metric, "value": r.value_num, "unit": unit, "as_of": r.as_of,
                     "period_start": period[0] if period else pd.NaT, "period_end": period[1] if period else pd.NaT,
                     "days": days, "tankers_per_day": round(per_day, 1) if pd.notna(per_day) else np.nan,
                     "confidence": r.confidence, "notes": r.notes})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- sentences


def record_limits(events: pd.DataFrame, compiled: str) -> str:
    """The event record's span and its silence after the last event (dates computed)."""
    ends = pd.to_datetime(events["date_end"], errors="coerce").fillna(events["date_start"]) \
        if "date_end" in events else events["date_start"]
    first, last = events["date_start"].min(), max(events["date_start"].max(), ends.max())  # a span ends on its end date
    return _("The event record runs from {first} to {last}. It was compiled from news and analysis pages on "
             "{compiled}; searches found nothing on the blockade after the last event, so this chapter says nothing "
             "about whether it continued or ended. Reported-event lists compiled from news are incomplete: counts "
             "here are lower bounds of what was reported, not of what happened.").format(
        first=fmt.day(first), last=fmt.day(last), compiled=fmt.partial_date(compiled))


def takeaway_sentences(table: pd.DataFrame, near: pd.DataFrame, by_corridor: pd.DataFrame,
                       counts: dict[str, int], flows: pd.DataFrame, shares: pd.DataFrame) -> list[str]:
    """The chapter's key takeaways, every number computed from the tables passed in."""
    out = []
    dakar = table[table["corridor"] == DAKAR_CORRIDOR].iloc[0]
    uncited = int(table["cited_length"].eq(_(NOT_FOUND)).sum())
    out.append(_("On the road network the {corridor} corridor measures {km}; sources give {cited}. For {uncited} of "
                 "the {total} corridors no length was found in our sources.").format(
        corridor=DAKAR_CORRIDOR, km=fmt.km(dakar["road_km_computed"]), cited=dakar["cited_length"],
        uncited=fmt.number(uncited), total=fmt.number(len(table))))
    cut = near.drop_duplicates("corridor_id")
    if not cut.empty:
        names = ", ".join(f"{r.corridor} ({fmt.km(r.road_km)})" for r in cut.itertuples())
        out.append(_("{n} of {total} computed corridors pass within {km} of Kayes or Nioro du Sahel, the two towns "
                     "JNIM declared under blockade (E006): {names}.").format(
            n=fmt.number(len(cut)), total=fmt.number(len(table)), km=fmt.km(10), names=names))
    top = by_corridor.iloc[:-2].sort_values("named_by_sources", ascending=False).iloc[0]
    out.append(_("Of {n} dated incidents (attacks, abductions, sieges) in our incomplete, news-compiled record, the "
                 "sources place the most on {corridor} ({named}); {unlocated} cannot be put on a map and {at_capital} "
                 "are placed only at Bamako, where every corridor ends.").format(
        n=fmt.number(counts["incidents"]), corridor=top["corridor"], named=fmt.number(top["named_by_sources"]),
        unlocated=fmt.number(counts["unlocated"]), at_capital=fmt.number(counts["at_capital"])))
    dakar_goods = shares[(shares["port"] == "Dakar") & shares["measure"].str.startswith("Share of goods")]
    fuel = shares[shares["measure"].str.contains("fuel")]
    known_fuel = fuel[fuel["share_pct"].notna()]
    if not dakar_goods.empty and not known_fuel.empty:
        out.append(_("Dakar handles about {share} of goods bound for Mali; for fuel the only split by port in our "
                     "sources dates from {year} ({port} axis: {fuel_share}); every other port's fuel share is "
                     "unknown.").format(
            share=fmt.percent(dakar_goods["share_pct"].iloc[0]), year=known_fuel["as_of"].iloc[0],
            port=known_fuel["port"].iloc[0], fuel_share=fmt.percent(known_fuel["share_pct"].iloc[0])))
    normal = flows[(flows["kind"] == "normal") & flows["unit"].str.startswith("tanker trucks/month")]
    weeks = flows[(flows["kind"] == "recovery") & flows["tankers_per_day"].notna()]
    if not normal.empty and not weeks.empty:
        ceiling = normal["tankers_per_day"].max()
        out.append(_("Official tanker counts from {first} to {last} work out at {low}–{high} tankers a day, against up "
                     "to about {ceiling} a day before the attacks (from up to {monthly} a month).").format(
            first=fmt.day(weeks["period_start"].min()), last=fmt.day(weeks["period_end"].max()),
            low=fmt.number(weeks["tankers_per_day"].min()), high=fmt.number(weeks["tankers_per_day"].max()),
            ceiling=fmt.number(ceiling), monthly=fmt.number(normal["value"].max())))
    return out
