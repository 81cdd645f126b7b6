"""The gold chapter's analysis: production by year, who produces it, where, what it pays the state,
and the dated story of the 2023 mining code and the Barrick dispute.

Pure functions on the figures/events/sources tables (no file paths). Every number they return is a value
of a figure row or is computed from such values here (and said to be computed where it is shown).
Figure ids below are references to rows; the values always come from the data.
"""

from __future__ import annotations

import re

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _
from widgets.analysis.register import (QUALIFIER_RANK, decimals, is_forward_looking, parse_as_of, pct_change,
                                       qualifier, row, rows_table, value_with_unit)
from widgets.register_text import metric_label  # what a figure measures, in the page's language
from widgets.vocabulary import ATTACK_TYPES, split_ids

# ---------------------------------------------------------------- production by year

INDUSTRIAL = "Industrial (mines ministry)"  # the series of the mines ministry's industrial output
PART_YEAR = ("h1", "q1", "q2", "q3", "q4", "ytd", " to ")  # as_of words of a part-year figure

PRODUCTION_SERIES = {  # English keys of the analysis; shown translated (gold_page)
    "industrial_gold_production": N_("Industrial (mines ministry)"),
    "total_gold_production": N_("Total incl. artisanal"),
    "total_gold_production_estimate": N_("Total incl. artisanal"),
    "industrial_gold_production_forecast": N_("Ministry forecast for the year"),
}
# How final a figure is (production_status, mine_output_status): English in the analysis, translated where shown.
STATUS_WORDS = (N_("forecast"), N_("provisional"), N_("revised"), N_("partial"), N_("estimate"), N_("reported"),
                N_("guidance or target"), N_("part of a year"), N_("typical range"), N_("full year"))


def production_status(as_of: str, metric: str, notes: str) -> str:
    """How final a production figure is: forecast, provisional, revised, partial, estimate or reported."""
    text = f"{as_of} {metric}".lower()
    if "forecast" in text:
        return "forecast"
    if "provisional" in text:
        return "provisional"
    if "revised" in text:
        return "revised"
    if "excl" in text:
        return "partial"
    if "estimate" in text or "probably" in str(notes).lower():
        return "estimate"
    return "reported"


def production_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Annual national production in tonnes, one row per figure (conflicting figures for a year all kept)."""
    rows = figures[figures["metric"].isin(PRODUCTION_SERIES) & figures["unit"].eq("tonnes")].copy()
    rows["year"] = [parse_as_of(a).first.year for a in rows["as_of"]]
    rows["series"] = rows["metric"].map(PRODUCTION_SERIES)
    rows["status"] = [production_status(a, m, n) for a, m, n in zip(rows["as_of"], rows["metric"], rows["notes"])]
    rows = rows.rename(columns={"value_num": "tonnes", "value": "value_text"})
    cols = ["year", "series", "tonnes", "value_text", "status", "as_of", "figure_id", "source_id", "confidence", "notes"]
    return rows[cols].sort_values(["series", "year", "tonnes"]).reset_index(drop=True)


def values_for(prod: pd.DataFrame, series: str, year: int, exclude: tuple[str, ...] = ("forecast",)) -> pd.DataFrame:
    """The figures of one series and year, excluding the given statuses."""
    sel = prod[(prod["series"] == series) & (prod["year"] == year) & ~prod["status"].isin(exclude)]
    return sel.sort_values("tonnes")


def missing_years(prod: pd.DataFrame, series: str, first: int, last: int) -> list[int]:
    """Years in first..last with no (non-forecast) figure in the series."""
    have = set(prod[(prod["series"] == series) & (prod["status"] != "forecast")]["year"])
    return [y for y in range(first, last + 1) if y not in have]


def span_text(values: pd.Series) -> str:
    """'66.48–66.5' for differing values, '42.2' for one value; each with the decimals its text has."""
    texts = sorted({str(v) for v in values}, key=float)
    lo, hi = texts[0], texts[-1]
    shown = [fmt.number(float(t), decimals(t)) for t in (lo, hi)]
    return shown[0] if float(lo) == float(hi) else f"{shown[0]}–{shown[1]}"


# ---------------------------------------------------------------- producers and mines

# Producer label → figure ids of one period, with the national industrial total of the same source.
SHARE_SNAPSHOTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (N_("H1 2024"), "G003", (("Loulo-Gounkoto (Barrick)", "G004"), ("Fekola (B2Gold)", "G005"),
                         ("Sadiola (Allied Gold)", "G006"))),
    (N_("2025, provisional"), "G039", (("Loulo-Gounkoto (Barrick)", "G042"), ("Fekola (B2Gold)", "G049"),
                                    ("Sadiola (Allied Gold)", "G050"))),
)
OTHER_PRODUCERS = N_("Other industrial mines (remainder)")


def operator_shares(figures: pd.DataFrame, snapshots=SHARE_SNAPSHOTS) -> pd.DataFrame:
    """Each producer's tonnes and share of national industrial output per period; the remainder is computed."""
    out = []
    for period, total_id, parts in snapshots:
        total = float(row(figures, total_id)["value_num"])
        named = 0.0
        for label, fid in parts:
            t = float(row(figures, fid)["value_num"])
            named += t
            out.append({"period": period, "producer": label, "tonnes": t, "national_tonnes": total,
                        "share_pct": t / total * 100, "figure_id": fid, "national_figure_id": total_id})
        rest = round(total - named, 2)  # the inputs have at most two decimals
        if rest < -1e-9:
            raise ValueError(f"{period}: named producers exceed the national total")
        out.append({"period": period, "producer": OTHER_PRODUCERS, "tonnes": rest, "national_tonnes": total,
                    "share_pct": rest / total * 100, "figure_id": "computed", "national_figure_id": total_id})
    return pd.DataFrame(out)


MINES = {"Loulo-Gounkoto": "Loulo", "Fekola": "Fekola", "Sadiola": "Sadiola", "Syama": "Syama",
         "Yanfolila": "Yanfolila"}
OPERATORS = ("Barrick", "B2Gold", "Allied Gold", "Resolute", "Hummingbird")


def _mine_rows(figures: pd.DataFrame, pattern: str) -> pd.DataFrame:
    return figures[figures["geography"].str.contains(pattern, case=False, regex=False)]


def mine_output_status(as_of: str, metric: str) -> str:
    text = f"{as_of} {metric}".lower()
    if is_forward_looking(as_of, metric):
        return "guidance or target"
    if any(k in text for k in PART_YEAR) or re.search(r"_(h1|q1)\b", metric):
        return "part of a year"
    if "range" in metric or "pre-" in text:
        return "typical range"
    return "full year"


def mine_outputs(figures: pd.DataFrame, mines: dict[str, str] = MINES) -> pd.DataFrame:
    """Every output figure (tonnes or ounces) per mine, with how final it is."""
    out = []
    for mine, pattern in mines.items():
        rows = _mine_rows(figures, pattern)
        rows = rows[rows["unit"].str.startswith(("tonnes", "oz")) & rows["metric"].str.contains("production|output")]
        for _, r in rows.iterrows():
            parsed = parse_as_of(r["as_of"])
            out.append({"Mine": mine, "What": metric_label(r["metric"]), "Value (as given)": value_with_unit(r),
                        "As of": r["as_of"], "Year": parsed.first.year if parsed else pd.NA,
                        "Status": mine_output_status(r["as_of"], r["metric"]), "Confidence": r["confidence"],
                        "Notes": r["notes"], "Figure": r["figure_id"]})
    return pd.DataFrame(out)


def mine_summary(figures: pd.DataFrame, region_names: list[str], mines: dict[str, str] = MINES) -> pd.DataFrame:
    """Per mine: operator and region as our sources name them, and the latest full-year output figures."""
    outputs = mine_outputs(figures, mines)
    out = []
    for mine, pattern in mines.items():
        rows = _mine_rows(figures, pattern)
        text = " ".join(rows["geography"] + " " + rows["metric"].str.replace("_", " ") + " " + rows["notes"])
        operators = [o for o in OPERATORS if o.lower() in text.lower()]
        geo = " ".join(rows["geography"])
        regions = [r for r in region_names if re.search(rf"\b{re.escape(r)}\b", geo)]
        if not regions:
            hint = re.search(r"\b(north|south|east|west)\w*", geo, re.I)
            regions = [_("not named (sources say '{hint}')").format(hint=hint.group(0)) if hint
                       else _("not stated in our sources")]
        full = outputs[(outputs["Mine"] == mine) & (outputs["Status"] == "full year")]
        if full.empty:
            latest, year = _("not found in our sources"), pd.NA
        else:
            year = int(full["Year"].max())
            sel = full[full["Year"] == year]
            latest = "; ".join(f"{v} [{f}]" for v, f in zip(sel["Value (as given)"], sel["Figure"]))
        out.append({"Mine": mine, "Operator (as named in our sources)": ", ".join(operators) or _("not stated"),
                    "Region (as the sources give it)": ", ".join(regions), "Latest full year": year,
                    "Output that year (as given)": latest, "Map coordinates": _("not in our sources")})
    return pd.DataFrame(out)


def mines_in_gazetteer(places: pd.DataFrame, mines: dict[str, str] = MINES) -> pd.DataFrame:
    """Gazetteer towns whose name is exactly a mine's name (the only way a mine may be placed on the map)."""
    names = {m.casefold(): m for m in mines}
    hit = places[places["name"].str.casefold().isin(names)].copy()
    hit["mine"] = hit["name"].str.casefold().map(names)
    return hit


# ---------------------------------------------------------------- Kayes

def kayes_estimates(figures: pd.DataFrame) -> pd.DataFrame:
    """Every estimate of the Kayes region's share of Mali's gold output."""
    rows = figures[figures["metric"] == "kayes_share_mali_gold_production"].copy()
    rows["shown"] = [value_with_unit(r) for _, r in rows.iterrows()]
    rows["qualifier"] = [qualifier(u, n) for u, n in zip(rows["unit"], rows["notes"])]
    return rows.sort_values("as_of").reset_index(drop=True)


def independent_estimates(estimates: pd.DataFrame) -> pd.DataFrame:
    """The estimates from primary pages (medium/high confidence); the low rows repeat them second-hand."""
    return estimates[estimates["confidence"].isin(["high", "medium"])]


def region_incidents(events: pd.DataFrame, region: str) -> pd.DataFrame:
    """Dated incidents in a region (pre-2023 scheme); monthly aggregate rows are left out (they overlap)."""
    in_region = events["admin1"].map(lambda names: region in split_ids(names))
    return events[in_region & events["date_precision"].ne("month")].sort_values("date_start")


# ---------------------------------------------------------------- what gold pays

WEIGHT_MEASURES = {
    "gold_share_of_exports": N_("Share of exports"),
    "gold_share_export_revenues": "Share of exports",
    "extractive_share_public_revenue": N_("Share of public revenue or budget"),
    "gold_share_budget": "Share of public revenue or budget",
    "gold_share_of_gdp": N_("Share of GDP"),
    "gold_share_gdp": "Share of GDP",
    "extractive_sector_share_gdp": "Share of GDP",
}


def weight_table(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Gold's (or all extractives') weight in exports, public revenue and GDP: every estimate, as given."""
    rows = figures[figures["metric"].isin(WEIGHT_MEASURES)].copy()
    publisher = sources.set_index("source_id")["publisher"]
    rows["measure"] = rows["metric"].map(WEIGHT_MEASURES)
    rows["what"] = ["all extractives" if m.startswith("extractive") else "gold" for m in rows["metric"]]
    rows["qualifier"] = [qualifier(u, n) for u, n in zip(rows["unit"], rows["notes"])]
    rows["shown"] = [value_with_unit(r) for _, r in rows.iterrows()]
    rows["publisher"] = rows["source_id"].map(publisher)
    rows = rows.rename(columns={"value": "value_text"})
    cols = ["measure", "what", "value_num", "value_text", "qualifier", "shown", "as_of", "publisher", "confidence", "notes",
            "figure_id", "source_id"]
    return rows[cols].sort_values(["measure", "value_num"]).reset_index(drop=True)


def measure_span(weights: pd.DataFrame, measure: str) -> str:
    """'75 % to more than 80 %' — the lowest and highest estimate of a measure, with the source's qualifier."""
    sel = weights[weights["measure"] == measure].assign(rank=lambda d: d["qualifier"].map(QUALIFIER_RANK))
    sel = sel.sort_values(["value_num", "rank"])
    lo, hi = sel.iloc[0], sel.iloc[-1]
    if lo["shown"] == hi["shown"]:
        return lo["shown"]
    return _("{low} to {high}").format(low=lo["shown"], high=hi["shown"])


def revenue_table(figures: pd.DataFrame) -> pd.DataFrame:
    """State revenue from gold companies by year (all conflicting figures kept)."""
    rows = figures[figures["metric"] == "state_revenue_from_gold_companies"].copy()
    rows["year"] = [parse_as_of(a).first.year for a in rows["as_of"]]
    rows = rows.rename(columns={"value": "value_text"})
    return rows[["year", "value_num", "value_text", "unit", "as_of", "confidence", "notes", "figure_id", "source_id"]] \
        .sort_values(["year", "value_num"]).reset_index(drop=True)


def revenue_change(revenue: pd.DataFrame, old_year: int, new_year: int) -> tuple[float, float]:
    """Smallest and largest % change between any figure of old_year and any of new_year (computed)."""
    old = revenue[revenue["year"] == old_year]["value_num"]
    new = revenue[revenue["year"] == new_year]["value_num"]
    if old.empty or new.empty:
        raise ValueError("no revenue figure for one of the years")
    changes = [pct_change(n, o) for n in new for o in old]
    return min(changes), max(changes)


_CLAIM_WORDS = re.compile(r"claim|expectation|finance minister", re.I)


def claims_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Money figures the government (or its ministers) claimed or expected: claims, not verified facts."""
    rows = figures[(figures["topic"] == "gold") & figures["notes"].str.contains(_CLAIM_WORDS)
                   & figures["unit"].str.contains("CFA|USD")]
    return rows_table(figures, list(rows["figure_id"]))


def code_provisions(figures: pd.DataFrame) -> pd.DataFrame:
    """What the 2023 mining code provides, as our sources state it (dates, stakes, royalty, fund, permits)."""
    rows = figures[figures["metric"].str.startswith("mining_code_2023") | figures["metric"].str.startswith("royalty")]
    return rows_table(figures, list(rows["figure_id"]))


# ---------------------------------------------------------------- dated timeline

# (figure id, lane, label in our words). Values and dates come from the rows.
TIMELINE: tuple[tuple[str, str, str], ...] = (
    ("G084", "2023 mining code", N_("Mining code adopted")),
    ("G088", "2023 mining code", N_("Code promulgated as law")),
    ("G089", "2023 mining code", N_("Finance minister claims an audit shortfall")),
    ("G026", "Barrick and Loulo-Gounkoto", N_("Barrick payment reported")),
    ("G107", "Barrick and Loulo-Gounkoto", N_("Barrick employees detained")),
    ("G019", "Barrick and Loulo-Gounkoto", N_("Seizure of gold stocks enforced")),
    ("G024", "Barrick and Loulo-Gounkoto", N_("Government tax claim against Barrick")),
    ("G058", "Barrick and Loulo-Gounkoto", N_("Tentative deal reported, never ratified")),
    ("G021", "Barrick and Loulo-Gounkoto", N_("Provisional administration ordered")),
    ("G031", "Barrick and Loulo-Gounkoto", N_("Restarted mine runs at a fraction of capacity")),
    ("G061", "Barrick and Loulo-Gounkoto", N_("Settlement signed")),
    ("G100", "Barrick and Loulo-Gounkoto", N_("Barrick regains control")),
    ("G127", "Barrick and Loulo-Gounkoto", N_("Loulo permit renewed")),
    ("G119", "2023 mining code", N_("Government claims arrears recovered")),
    ("T001", "Blockade", N_("JNIM blockade begins (date per one source)")),
    ("T002", "Blockade", N_("JNIM blockade announced (date per another)")),
    ("T048", "Blockade", N_("Convoy attack on the Diboli–Kayes road")),
)
EVENT_TIMELINE: tuple[tuple[str, str, str], ...] = (
    ("E031", "Blockade", N_("Army holds fuel trucks bound for the Sadiola mine")),
)


DATED_TO = {"day": N_("event dated to the day"), "week": N_("event dated to the week"),
            "month": N_("event dated to the month")}


def timeline(figures: pd.DataFrame, events: pd.DataFrame, spec=TIMELINE, event_spec=EVENT_TIMELINE) -> pd.DataFrame:
    """Dated steps, as the sources date them: date (first day of the period named), its precision, the lane,
    a label in our words, the value where it is not the date itself, and the row's id and source."""
    out = []
    for fid, lane, label in spec:
        r = row(figures, fid)
        parsed = parse_as_of(r["value"] if r["unit"] == "date" else r["as_of"])
        if parsed is None:
            continue
        value = "" if r["unit"] == "date" else value_with_unit(r)
        out.append({"date": parsed.first, "precision": parsed.first_precision, "lane": lane, "label": label,
                    "value": value, "as_of": r["as_of"], "confidence": r["confidence"], "notes": r["notes"],
                    "id": fid, "source_ids": r["source_id"]})
    for eid, lane, label in event_spec:
        hit = events[events["event_id"] == eid]
        if hit.empty:
            continue
        e = hit.iloc[0]
        out.append({"date": e["date_start"], "precision": e["date_precision"], "lane": lane, "label": label,
                    "value": "", "as_of": fmt.day(e["date_start"]), "confidence": e["confidence"],
                    "notes": _(DATED_TO.get(e["date_precision"], "{precision}")).format(precision=e["date_precision"]),
                    "id": eid, "source_ids": e["source_ids"]})
    return pd.DataFrame(out).sort_values("date").reset_index(drop=True)


def days_between(figures: pd.DataFrame, first_id: str, last_id: str) -> int:
    """Days between two date figures (both must be day-precise)."""
    a, b = (parse_as_of(row(figures, i)["value"]) for i in (first_id, last_id))
    if a is None or b is None or a.first_precision != "day" or b.first_precision != "day":
        raise ValueError("both figures must be exact dates")
    return int((b.first - a.first).days)


# ---------------------------------------------------------------- every figure the chapter uses

def chapter_ids(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """The figure ids the chapter shows (for the cut-off stamp)."""
    ids: list[str] = []
    ids += list(production_table(figures)["figure_id"])
    shares = operator_shares(figures)
    ids += list(shares["figure_id"]) + list(shares["national_figure_id"])
    ids += list(kayes_estimates(figures)["figure_id"])
    ids += list(mine_outputs(figures)["Figure"])
    ids += list(weight_table(figures, sources)["figure_id"])
    ids += list(revenue_table(figures)["figure_id"])
    ids += list(claims_table(figures)["Figure"]) + list(code_provisions(figures)["Figure"])
    ids += [i for i in timeline(figures, events)["id"] if i in set(figures["figure_id"])]
    return [i for i in dict.fromkeys(ids) if i in set(figures["figure_id"])]


# ---------------------------------------------------------------- the money in the Barrick dispute

DISPUTE_MONEY_IDS = ("G025", "G026", "G024", "G022", "G017", "G020", "G058", "G059", "G060", "G101", "G123",
                     "G063")


def dispute_money(figures: pd.DataFrame) -> pd.DataFrame:
    """Amounts in the Barrick dispute as each source gives them (claims and conflicting totals kept apart)."""
    return rows_table(figures, [i for i in DISPUTE_MONEY_IDS if i in set(figures["figure_id"])])


# ---------------------------------------------------------------- gold mines and the attacks

def mine_site_attacks(events: pd.DataFrame) -> int:
    """Attacks in our event list whose place or summary names a gold mine (a simple text match)."""
    names = "|".join(list(MINES.values()) + ["gold mine"])
    text = events["place"] + " " + events["summary"]
    return int((events["event_type"].isin(ATTACK_TYPES) & text.str.contains(names, case=False)).sum())


def kayes_mines_share(shares: pd.DataFrame, summary: pd.DataFrame, region: str = "Kayes") -> pd.DataFrame:
    """Per period: the tonnes and share of national industrial output of the named producers whose mine our
    sources place in `region` (computed from the ministry tonnages)."""
    in_region = set(summary[summary["Region (as the sources give it)"] == region]["Mine"])
    named = shares.assign(mine=shares["producer"].str.split(" (", regex=False).str[0])
    sel = named[named["mine"].isin(in_region)]
    out = sel.groupby("period", sort=False).agg(tonnes=("tonnes", "sum"), national=("national_tonnes", "first"),
                                                 mines=("mine", ", ".join), ids=("figure_id", ", ".join))
    out["share_pct"] = out["tonnes"] / out["national"] * 100
    return out.reset_index()
