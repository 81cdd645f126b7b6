"""The gold chapter's analysis: production by year, who produces it, where, what it pays the state,
and the dated story of the 2023 mining code and the Barrick dispute.

Pure functions on the figures/events/sources tables (no file paths). Every number they return is a value
of a figure row or is computed from such values here (and said to be computed where it is shown).
Figure ids below are references to rows; the values always come from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from widgets import fmt
from widgets.vocabulary import ATTACK_TYPES, split_ids

# ---------------------------------------------------------------- dates in `as_of` (free text, best effort)

_DATE = re.compile(r"(?<![\d,.])(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?![\d,])")
_FORWARD = ("forecast", "guidance", "projection", "expected", "target", "feasibility", "design capacity",
            "objective")
_PART_YEAR = ("h1", "q1", "q2", "q3", "q4", "ytd", " to ")


@dataclass(frozen=True)
class AsOf:
    """The earliest and latest dates an `as_of` text names, each with its precision (day, month or year)."""

    first: pd.Timestamp
    first_precision: str
    last: pd.Timestamp
    last_precision: str


def parse_as_of(text: str) -> AsOf | None:
    """'2025-11-24' → that day; '2026-02 (decree)' → Feb 2026 (month); 'circa 2020-2021' → 2020…2021 (year);
    'pre-2025' → 2024 (year). Dates are the first day of the period named. None when no year is found."""
    raw = str(text)
    found: list[tuple[pd.Timestamp, str]] = []
    for year, month, day in _DATE.findall(raw):
        y = int(year)
        if not 1990 <= y <= 2100:
            continue
        m = int(month) if month and 1 <= int(month) <= 12 else None
        if m and day and 1 <= int(day) <= 31:
            found.append((pd.Timestamp(y, m, int(day)), "day"))
        elif m:
            found.append((pd.Timestamp(y, m, 1), "month"))
        else:
            found.append((pd.Timestamp(y, 1, 1), "year"))
    if not found:
        return None
    if raw.strip().lower().startswith("pre-"):  # "pre-2025" describes the years before
        found = [(pd.Timestamp(d.year - 1, 1, 1), "year") for d, _ in found]
    first = min(found, key=lambda t: t[0])
    last = max(found, key=lambda t: t[0])
    return AsOf(first[0], first[1], last[0], last[1])


def is_forward_looking(as_of: str, metric: str = "") -> bool:
    """Forecasts, guidance, targets: their `as_of` is the period aimed at, not a date the data describes."""
    text = f"{as_of} {metric}".lower()
    return any(word in text for word in _FORWARD)


def period_end(start: pd.Timestamp, precision: str) -> pd.Timestamp:
    if precision == "day":
        return start
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return pd.Timestamp(start.year, 12, 31)


@dataclass(frozen=True)
class Cutoff:
    date: pd.Timestamp | None
    label: str


def cutoff(figures: pd.DataFrame, sources: pd.DataFrame, ids: list[str]) -> Cutoff:
    """The latest date described by the (non-forward-looking) figures `ids`.

    A figure dated only to a month or year takes its source's publication day when that day falls inside
    the period (the day the figure was known); otherwise the first day of the period, and the label says so.
    """
    rows = figures[figures["figure_id"].isin(ids)]
    best: tuple[pd.Timestamp, str, pd.Series] | None = None
    for _, row in rows.iterrows():
        if is_forward_looking(row["as_of"], row["metric"]):
            continue
        parsed = parse_as_of(row["as_of"])
        if parsed is not None and (best is None or parsed.last > best[0]):
            best = (parsed.last, parsed.last_precision, row)
    if best is None:
        return Cutoff(None, "figure")
    start, precision, row = best
    if precision == "day":
        return Cutoff(start, f"figure ({row['figure_id']})")
    published = sources.set_index("source_id")["published"].get(row["source_id"], "")
    pub = parse_as_of(published)
    period = fmt.partial_date(row["as_of"].split(" ")[0]) if precision == "month" else str(start.year)
    if pub is not None and pub.first_precision == "day" and start <= pub.first <= period_end(start, precision):
        return Cutoff(pub.first, f"figure ({row['figure_id']}, dated {period}; reported {fmt.day(pub.first)})")
    return Cutoff(start, f"figure ({row['figure_id']}, dated {period} only)")


# ---------------------------------------------------------------- values as text

_QUALIFIERS = (("more than", "more than"), ("over", "over"), ("at least", "at least"), ("nearly", "nearly"),
               ("près de", "nearly"), ("almost", "almost"), ("around", "about"), ("about", "about"),
               ("probably around", "about"))
# Order of qualified values at the same number: "nearly 80" < "80" = "about 80" < "more than 80".
QUALIFIER_RANK = {"nearly": -1, "almost": -1, "": 0, "about": 0, "at least": 0.5, "over": 1, "more than": 1}


def qualifier(unit: str, notes: str) -> str:
    """'more than', 'about', 'nearly'… when the source qualified the number (in the unit's brackets or a
    quoted word at the start of the notes); '' when the number was given plainly."""
    bracket = re.search(r"\(([^)]*)\)", str(unit))
    quoted = re.match(r'\s*"([^"]*)"', str(notes))
    for text in [bracket.group(1) if bracket else "", quoted.group(1) if quoted else ""]:
        low = text.lower().strip()
        for key, word in _QUALIFIERS:
            if low.startswith(key):
                return word
    return ""


def decimals(text: str, strip_zeros: bool = False) -> int:
    """Decimals written in a value as the source gave it ('66.48' → 2, '51.0' → 1); with strip_zeros, for
    numbers stored by the build as floats ('510000.0' → 0)."""
    part = str(text).split(".")
    if len(part) != 2:
        return 0
    return len(part[1].rstrip("0")) if strip_zeros else len(part[1])


def number_text(row: pd.Series) -> str:
    """The value as the source gave it: a number with its decimals, or a low–high range, with its qualifier."""
    if str(row["value"]).strip():
        try:
            body = fmt.number(float(row["value"]), decimals(row["value"]))
        except ValueError:
            body = str(row["value"])
    else:
        low, high = float(row["value_low"]), float(row["value_high"])
        body = (f"{fmt.number(low, decimals(row['value_low'], True))}–"
                f"{fmt.number(high, decimals(row['value_high'], True))}")
    word = qualifier(row["unit"], row["notes"])
    return f"{word} {body}" if word else body


def unit_short(unit: str) -> str:
    """The unit without its bracketed qualifier ('percent (around)' → '%')."""
    base = re.sub(r"\s*\([^)]*\)", "", str(unit)).strip()
    if base.startswith("percent"):
        return "%" + base[len("percent"):]
    return {"tonnes": "t"}.get(base, base)


def value_with_unit(row: pd.Series) -> str:
    """'76.5 %', 'about 80 %', '8 % of GDP', '22.5 t', '29 Aug 2023' (dates); a bracket in the unit that is
    not a qualifier (a basis such as 'Barrick attributable, 80%') is kept."""
    unit = unit_short(row["unit"])
    if unit == "date":
        return fmt.partial_date(row["value"])
    bracket = re.search(r"\(([^)]*)\)", str(row["unit"]))
    basis = f" ({bracket.group(1)})" if bracket and not qualifier(f"({bracket.group(1)})", "") else ""
    return f"{number_text(row)} {unit}{basis}"


def row(figures: pd.DataFrame, figure_id: str) -> pd.Series:
    """One figure row by id (KeyError naming the id when absent)."""
    hit = figures[figures["figure_id"] == figure_id]
    if hit.empty:
        raise KeyError(f"figure {figure_id} is not in the figures table")
    return hit.iloc[0]


def pct_change(new: float, old: float) -> float:
    """Percentage change from old to new."""
    if old == 0:
        raise ZeroDivisionError("percentage change from zero")
    return (new / old - 1.0) * 100.0


def rows_table(figures: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows for a reader's table: what, value as given, as of, confidence, notes, ids; in the order of `ids`."""
    out = []
    for fid in ids:
        r = row(figures, fid)
        out.append({"What": r["metric"].replace("_", " "), "Value (as given)": value_with_unit(r),
                    "As of": r["as_of"], "Confidence": r["confidence"], "Notes": r["notes"],
                    "Figure": fid, "Source": r["source_id"]})
    return pd.DataFrame(out)


# ---------------------------------------------------------------- production by year

PRODUCTION_SERIES = {
    "industrial_gold_production": "Industrial (mines ministry)",
    "total_gold_production": "Total incl. artisanal",
    "total_gold_production_estimate": "Total incl. artisanal",
    "industrial_gold_production_forecast": "Ministry forecast for the year",
}


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
    ("H1 2024", "G003", (("Loulo-Gounkoto (Barrick)", "G004"), ("Fekola (B2Gold)", "G005"),
                         ("Sadiola (Allied Gold)", "G006"))),
    ("2025, provisional", "G039", (("Loulo-Gounkoto (Barrick)", "G042"), ("Fekola (B2Gold)", "G049"),
                                    ("Sadiola (Allied Gold)", "G050"))),
)
OTHER_PRODUCERS = "Other industrial mines (remainder)"


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
    if any(k in text for k in _PART_YEAR) or re.search(r"_(h1|q1)\b", metric):
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
            out.append({"Mine": mine, "What": r["metric"].replace("_", " "), "Value (as given)": value_with_unit(r),
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
            regions = [f"not named (sources say '{hint.group(0)}')" if hint else "not stated in our sources"]
        full = outputs[(outputs["Mine"] == mine) & (outputs["Status"] == "full year")]
        if full.empty:
            latest, year = "not found in our sources", pd.NA
        else:
            year = int(full["Year"].max())
            sel = full[full["Year"] == year]
            latest = "; ".join(f"{v} [{f}]" for v, f in zip(sel["Value (as given)"], sel["Figure"]))
        out.append({"Mine": mine, "Operator (as named in our sources)": ", ".join(operators) or "not stated",
                    "Region (as the sources give it)": ", ".join(regions), "Latest full year": year,
                    "Output that year (as given)": latest, "Map coordinates": "not in our sources"})
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
    "gold_share_of_exports": "Share of exports",
    "gold_share_export_revenues": "Share of exports",
    "extractive_share_public_revenue": "Share of public revenue or budget",
    "gold_share_budget": "Share of public revenue or budget",
    "gold_share_of_gdp": "Share of GDP",
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
    return f"{lo['shown']} to {hi['shown']}"


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
    ("G084", "2023 mining code", "Mining code adopted"),
    ("G088", "2023 mining code", "Code promulgated as law"),
    ("G089", "2023 mining code", "Finance minister claims an audit shortfall"),
    ("G026", "Barrick and Loulo-Gounkoto", "Barrick payment reported"),
    ("G107", "Barrick and Loulo-Gounkoto", "Barrick employees detained"),
    ("G019", "Barrick and Loulo-Gounkoto", "Seizure of gold stocks enforced"),
    ("G024", "Barrick and Loulo-Gounkoto", "Government tax claim against Barrick"),
    ("G058", "Barrick and Loulo-Gounkoto", "Tentative deal reported, never ratified"),
    ("G021", "Barrick and Loulo-Gounkoto", "Provisional administration ordered"),
    ("G031", "Barrick and Loulo-Gounkoto", "Restarted mine runs at a fraction of capacity"),
    ("G061", "Barrick and Loulo-Gounkoto", "Settlement signed"),
    ("G100", "Barrick and Loulo-Gounkoto", "Barrick regains control"),
    ("G127", "Barrick and Loulo-Gounkoto", "Loulo permit renewed"),
    ("G119", "2023 mining code", "Government claims arrears recovered"),
    ("T001", "Blockade", "JNIM blockade begins (date per one source)"),
    ("T002", "Blockade", "JNIM blockade announced (date per another)"),
    ("T048", "Blockade", "Convoy attack on the Diboli–Kayes road"),
)
EVENT_TIMELINE: tuple[tuple[str, str, str], ...] = (
    ("E031", "Blockade", "Army holds fuel trucks bound for the Sadiola mine"),
)


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
                    "notes": f"event dated to the {e['date_precision']}", "id": eid, "source_ids": e["source_ids"]})
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


# ---------------------------------------------------------------- reader-facing tables

def production_view(prod: pd.DataFrame) -> pd.DataFrame:
    view = prod.rename(columns={"year": "Year", "series": "Series", "tonnes": "Tonnes", "status": "Status",
                                "as_of": "As of (as given)", "figure_id": "Figure", "source_id": "Source",
                                "confidence": "Confidence", "notes": "Notes"})
    return view.sort_values(["Year", "Series", "Tonnes"]).reset_index(drop=True)


def shares_view(shares: pd.DataFrame) -> pd.DataFrame:
    view = shares.assign(share=shares["share_pct"].map(lambda v: fmt.percent(v, 0)),
                         tonnes=shares["tonnes"].round(2))
    return view.rename(columns={"period": "Period", "producer": "Producer", "tonnes": "Tonnes",
                                "national_tonnes": "National industrial (t)", "share": "Share (computed)",
                                "figure_id": "Figure", "national_figure_id": "National figure"}) \
        [["Period", "Producer", "Tonnes", "National industrial (t)", "Share (computed)", "Figure", "National figure"]]


def kayes_view(estimates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    publisher = sources.set_index("source_id")["publisher"]
    return pd.DataFrame({"Kayes share (as given)": estimates["shown"], "As of": estimates["as_of"],
                         "Publisher": estimates["source_id"].map(publisher), "Confidence": estimates["confidence"],
                         "Notes": estimates["notes"], "Figure": estimates["figure_id"]})


def incidents_view(incidents: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Date": incidents["date_start"].map(fmt.day), "Dated to": incidents["date_precision"],
                         "Place": incidents["place"], "Type": incidents["event_type"].str.replace("_", " "),
                         "Event": incidents["event_id"], "Sources": incidents["source_ids"]})


def weights_view(weights: pd.DataFrame) -> pd.DataFrame:
    return weights.rename(columns={"measure": "Measure", "what": "Of", "shown": "Value (as given)",
                                   "as_of": "As of", "publisher": "Publisher", "confidence": "Confidence",
                                   "notes": "Notes", "figure_id": "Figure"}) \
        [["Measure", "Of", "Value (as given)", "As of", "Publisher", "Confidence", "Notes", "Figure"]]


def revenue_view(revenue: pd.DataFrame) -> pd.DataFrame:
    return revenue.drop(columns="value_text").rename(columns={"year": "Year", "value_num": "Value", "unit": "Unit", "as_of": "As of",
                                   "confidence": "Confidence", "notes": "Notes", "figure_id": "Figure",
                                   "source_id": "Source"})


def timeline_view(tl: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Date (as dated)": [fmt.day(d) if p == "day" else (f"{fmt.MONTHS[d.month - 1]} {d.year}"
                                             if p == "month" else f"week of {fmt.day(d)}")
                                             for d, p in zip(tl["date"], tl["precision"])],
                         "Strand": tl["lane"], "What happened (our words)": tl["label"], "Value": tl["value"],
                         "Confidence": tl["confidence"], "Notes": tl["notes"], "Id": tl["id"],
                         "Sources": tl["source_ids"]})


# ---------------------------------------------------------------- sentences for the page

INDUSTRIAL = "Industrial (mines ministry)"


def _ids(frame: pd.DataFrame, column: str = "figure_id") -> str:
    return ", ".join(frame[column])


def _described(r: pd.Series) -> str:
    t = fmt.number(r["tonnes"], decimals(r["value_text"]))
    if r["status"] == "partial":
        bracket = re.search(r"\(([^)]*)\)", r["as_of"])
        return f"{t} t ({bracket.group(1) if bracket else 'partial'}) [{r['figure_id']}]"
    if r["status"] in ("revised", "provisional"):
        return f"{t} t {r['status']} [{r['figure_id']}]"
    return f"{t} t [{r['figure_id']}]"


def _join(items: list[str]) -> str:
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def production_sentence(prod: pd.DataFrame, top_year: int = 2023, last_year: int = 2025) -> str:
    top, last = values_for(prod, INDUSTRIAL, top_year), values_for(prod, INDUSTRIAL, last_year)
    between = [values_for(prod, INDUSTRIAL, y) for y in range(top_year + 1, last_year)]
    drops = [-pct_change(n, o) for n in last["tonnes"] for o in top["tonnes"]]
    drop = {fmt.percent(d, 0) for d in drops}
    drop_text = drop.pop() if len(drop) == 1 else f"{fmt.percent(min(drops), 0)}–{fmt.percent(max(drops), 0)}"
    highest = prod[(prod["series"] == INDUSTRIAL) & (prod["status"] != "forecast")]["tonnes"].max()
    gaps = missing_years(prod, INDUSTRIAL, int(prod["year"].min()), last_year)
    top_note = (" (the highest industrial figure in our sources" +
                (f"; none found for {_join([str(g) for g in gaps])})" if gaps else ")")
                if top["tonnes"].max() == highest else "")
    mid = "; ".join(f"for {y} the sources give {_join([_described(r) for _, r in b.iterrows()])}"
                    for y, b in zip(range(top_year + 1, last_year), between) if not b.empty)
    return (f"Industrial gold output was {span_text(top['value_text'])} t in {top_year} [{_ids(top)}]{top_note} and "
            f"{span_text(last['value_text'])} t in {last_year} on provisional ministry data [{_ids(last)}], "
            f"{drop_text} lower (computed by the briefing); {mid}.")


def loulo_sentence(figures: pd.DataFrame, loulo: tuple[str, str] = ("G043", "G042"),
                   national: tuple[str, str] = ("G040", "G039")) -> str:
    """Loulo-Gounkoto's fall against the national fall, same ministry data for both years (computed)."""
    l0, l1 = (row(figures, i) for i in loulo)
    n0, n1 = (row(figures, i) for i in national)
    ldrop, ndrop = l0["value_num"] - l1["value_num"], n0["value_num"] - n1["value_num"]
    years = f"{parse_as_of(l0['as_of']).first.year} to {parse_as_of(l1['as_of']).first.year}"
    compare = ("more than the whole fall in national industrial output" if ldrop > ndrop
               else f"{fmt.percent(ldrop / ndrop * 100, 0)} of the fall in national industrial output")
    return (f"Barrick's Loulo-Gounkoto complex went from {value_with_unit(l0)} [{l0['figure_id']}] to "
            f"{value_with_unit(l1)} [{l1['figure_id']}] from {years}, a loss of {fmt.number(ldrop, 1)} t: "
            f"{compare} ({fmt.number(ndrop, 1)} t, from {value_with_unit(n0)} [{n0['figure_id']}] to "
            f"{value_with_unit(n1)} [{n1['figure_id']}]; computed by the briefing).")


def kayes_sentence(estimates: pd.DataFrame, sources: pd.DataFrame, incidents: pd.DataFrame) -> str:
    used = independent_estimates(estimates).sort_values("value_num")
    src = sources.set_index("source_id")
    cites = [f"{r['shown']} ({src.at[r['source_id'], 'publisher']}, {fmt.partial_date(src.at[r['source_id'], 'published'])}) "
             f"[{r['figure_id']}]" for _, r in used.iterrows()]
    count = (f"Our event list (compiled from news, so incomplete) records {len(incidents)} dated incidents in the "
             f"Kayes region from {fmt.day(incidents['date_start'].min())} to {fmt.day(incidents['date_start'].max())}."
             if len(incidents) else "Our event list records no dated incident in the Kayes region.")
    span = f"between {cites[0]} and {cites[1]}" if len(cites) == 2 else _join(cites)
    return (f"The Kayes region (pre-2023 scheme) is estimated to yield {span} of Mali's gold; these are "
            f"think-tank estimates and no official regional breakdown was found. {count}")


def money_sentence(weights: pd.DataFrame, revenue: pd.DataFrame) -> str:
    exp = weights[weights["measure"] == "Share of exports"]
    gdp = weights[weights["measure"] == "Share of GDP"]
    lo, hi = revenue_change(revenue, 2023, 2024)
    r23, r24 = revenue[revenue["year"] == 2023], revenue[revenue["year"] == 2024]
    change = (fmt.percent(lo, 1, signed=True) if round(lo, 1) == round(hi, 1)
              else f"{fmt.percent(lo, 1, signed=True)} to {fmt.percent(hi, 1, signed=True)}")
    return (f"Sources put gold at {measure_span(weights, 'Share of exports')} of Mali's exports [{_ids(exp)}] but "
            f"{measure_span(weights, 'Share of GDP')} (gold or all extractives) [{_ids(gdp)}]. State revenue from "
            f"gold companies went from {span_text(r23['value_text'])} bn FCFA in 2023 [{_ids(r23)}] to "
            f"{span_text(r24['value_text'])} bn in 2024 [{_ids(r24)}], {change} (computed), although output fell.")


def dispute_sentence(figures: pd.DataFrame) -> str:
    def d(fid: str) -> str:
        return f"{fmt.partial_date(row(figures, fid)['value'])} [{fid}]"
    permit = row(figures, "G127")
    return (f"The Barrick dispute ran from the enforced seizure of gold stocks on {d('G019')} through a provisional "
            f"administration ordered on {d('G021')} and a settlement on {d('G061')} to Barrick regaining control on "
            f"{d('G100')}: {days_between(figures, 'G019', 'G100')} days (computed). The Loulo permit was renewed "
            f"for {value_with_unit(permit)} in {fmt.partial_date(permit['as_of'].split(' ')[0])} [G127].")


def takeaway_sentences(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """The page's key takeaways, every number from the figures or computed here."""
    prod = production_table(figures)
    return [production_sentence(prod), loulo_sentence(figures),
            kayes_sentence(kayes_estimates(figures), sources, region_incidents(events, "Kayes")),
            money_sentence(weight_table(figures, sources), revenue_table(figures)), dispute_sentence(figures)]


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


def kayes_mines_sentence(km: pd.DataFrame) -> str:
    """One sentence: the share of national industrial output of the mines placed in Kayes, per period."""
    if km.empty:
        return "None of the producers with a tonnage in our sources is placed in Kayes by them."
    parts = [f"{fmt.percent(r.share_pct, 0)} in {r.period} ({fmt.number(r.tonnes, decimals(str(round(r.tonnes, 2))))} of "
             f"{fmt.number(r.national, 1)} t [{r.ids}])" for r in km.itertuples()]
    return (f"The mines our sources place in Kayes ({km['mines'].iloc[0]}) gave {_join(parts)} of national "
            "industrial output (computed by the briefing from ministry tonnages).")


def judgement_items(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame,
                    regions: list[str]) -> list[tuple[str, str, str]]:
    """(statement, confidence, evidence) for the key judgements; numbers from the data."""
    prod = production_table(figures)
    l0, l1, n0, n1 = (row(figures, i)["value_num"] for i in ("G043", "G042", "G040", "G039"))
    share = "more than the whole" if (l0 - l1) > (n0 - n1) else "most of the"
    y23, y24 = values_for(prod, INDUSTRIAL, 2023), values_for(prod, INDUSTRIAL, 2024)
    below = "all lie" if y24["tonnes"].max() < y23["tonnes"].min() else "not all lie"
    kayes = independent_estimates(kayes_estimates(figures))
    span = f"{span_text(kayes['value'])} %"
    km = kayes_mines_share(operator_shares(figures), mine_summary(figures, regions))
    km_text = "; ".join(f"{fmt.percent(r.share_pct, 0)} in {r.period}" for r in km.itertuples())
    guide, y25 = row(figures, "G099"), row(figures, "G102")
    attacks = mine_site_attacks(events)
    attack_text = "no attack" if attacks == 0 else f"{attacks} attack{'s' if attacks > 1 else ''}"
    cut = chapter_cutoff(figures, sources, events)
    end = f"{fmt.MONTHS[cut.date.month - 1]} {cut.date.year}" if cut.date is not None else "an unknown date"
    return [
        ("Mali's industrial gold output almost certainly fell in both 2024 and 2025, and the Loulo-Gounkoto "
         f"shutdown accounts for {share} 2025 fall.", "high",
         "Ministry data via Reuters and Ecofin [G041, G033, G098, G040, G039, G043, G042]; the "
         f"{len(y24)} figures for 2024 differ but {below} below 2023."),
        ("The Kayes region very likely produces most of Mali's industrial gold, so the blockade zone sits on the "
         f"core of the gold economy; the {span} share is an estimate, not a measured figure.", "moderate",
         f"ISS 2021 and Timbuktu Institute 2025 estimates [{_ids(kayes)}]; the mines our sources place in Kayes "
         f"gave {km_text} of industrial output (computed; [{', '.join(km['ids'])}]); no official regional "
         "breakdown found."),
        ("The state's take from gold rose in 2024 although output fell, likely because of the 2023 code's higher "
         "state stakes and royalty; the gold price may also have played a part, but our sources give no 2023 "
         "price to compare.", "moderate",
         "Revenue [G117, G118, G114]; code provisions [G085, G086, G124]; end-2024 price only [G115]."),
        ("The blockade most likely threatens gold output through fuel supply to the Kayes mines rather than through "
         f"attacks on mine sites: our event list holds {attack_text} naming a mine site, but it is incomplete.",
         "low", "Fuel trucks bound for the Sadiola mine held at Diboli and Kayes [E031, S026]; convoy attack on the "
         "Diboli–Kayes road [T048]; news-compiled event list (incomplete)."),
        ("A partial recovery of Loulo-Gounkoto in 2026 is plausible but not established: Barrick's guidance is "
         f"{value_with_unit(guide)} for 2026 against {value_with_unit(y25)} in 2025, and our sources end in "
         f"{end}.", "low", "Company guidance and results [G099, G102, G100]; permit renewal [G127]."),
    ]


def watch_items(figures: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """What to watch, with the figures that will tell."""
    def v(fid: str) -> str:
        return f"{value_with_unit(row(figures, fid))} [{fid}]"

    def month(ts: pd.Timestamp) -> str:
        return f"{fmt.MONTHS[ts.month - 1]} {ts.year}"
    price, royalty = row(figures, "G108"), row(figures, "G124")
    held = events[events["event_id"] == "E031"]["date_start"]
    attack = parse_as_of(row(figures, "T048")["value"]).first
    threshold = re.search(r"\(([^)]*)\)", royalty["as_of"])
    return [
        f"Final 2025 and first 2026 production data from the mines ministry: the 2025 total of {v('G039')} is "
        "provisional.",
        f"Loulo-Gounkoto's ramp-up against Barrick's 2026 guidance of {v('G099')}.",
        "Fuel convoys to the Kayes mines on the Dakar–Kayes road: trucks bound for the Sadiola mine were held "
        + (f"in {month(held.iloc[0])} [E031]" if len(held) else "[E031]")
        + f" and a convoy was attacked on the Diboli–Kayes road in {month(attack)} [T048].",
        f"How the 2023 code is applied to the other operators: Resolute reported a cost increase of {v('G072')} "
        "at Syama.",
        f"Payments under the Barrick settlement: {v('G060')} due within six days of signing per Bloomberg's "
        f"sources; Barrick reported a cash component of {v('G101')}.",
        f"The gold price, which sets royalty income: a record {v('G108')} on "
        f"{fmt.partial_date(price['as_of'])}; the code's royalty of {v('G124')} applies "
        f"{'when ' + threshold.group(1) if threshold else 'above a price threshold'}.",
    ]


WATCH_IDS = ("G039", "G099", "T048", "G072", "G060", "G101", "G108", "G124", "G115", "G102", "G100", "G127")


def chapter_cutoff(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> Cutoff:
    """The page's data cut-off: the latest dated figure the chapter uses (watch list included)."""
    ids = chapter_ids(figures, sources, events) + [i for i in WATCH_IDS if i in set(figures["figure_id"])]
    return cutoff(figures, sources, list(dict.fromkeys(ids)))


def record_end_sentence(events: pd.DataFrame) -> str:
    """Where the event record stops, said plainly (it must not read as the end of the blockade)."""
    if events.empty:
        return "The event record is empty."
    last = events["date_start"].max()
    return (f"The event record ends with an event on {fmt.day(last)}; nothing later was found in our sources. "
            "This is the end of our record, not evidence that the blockade ended or continued.")
