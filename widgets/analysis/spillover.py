"""Regional spillover: displacement in and out of the Central Sahel, pressure on host states, appeals.

Pure functions on the figures table (`load_figures()`), the gazetteer (`load_places()`) and the events.
Numbers are read from `value` (the text the source gives), never rounded: a figure keeps its own date
(`as_of`) and qualifier ("about", "more than") wherever it is shown, so figures of different dates are
never presented as one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _
from widgets.analysis.register import as_of_words, unit_words  # the unit and its basis in the page's language
from widgets.register_text import metric_label  # what a figure measures, in the page's language
from widgets.vocabulary import CAPITAL, unique_ids

# --- which rows the chapter shows (ids checked against their metric in tests/test_spillover.py) -----------

HEADLINE_IDS = {"regional": "H022", "dtm_total": "H010", "dtm_idps": "H011", "dtm_refugees": "H012",
                "increase": "H023", "inside_own_country": "H080"}
# (country, figure id, basis in plain words) — both Niger figures are shown: they count different areas.
COUNTRY_IDPS = [
    ("Burkina Faso", "H045", N_("official CONASUR count (IOM DTM's Jan 2025 dashboard reuses it, H013)")),
    ("Mali", "H014", N_("IOM DTM Central Sahel dashboard")),
    ("Mali", "H074", N_("OCHA at the 2026 plan launch")),
    ("Niger", "H016", N_("IOM DTM, Central Sahel regions only")),
    ("Niger", "H068", N_("UNHCR, whole country")),
    ("Benin", "H020", N_("IOM DTM, coastal countries")),
    ("Togo", "H021", N_("IOM DTM, coastal countries")),
]
MALI_IDP_METRIC = "mali_idps"
BLOCKADE_IDS = ["T001", "T002"]  # two reported start dates (3 and 4 Sep 2025): both are shown
ORIGIN_PLACE = CAPITAL  # every arrow starts at the capital, standing for Mali as a whole


@dataclass(frozen=True)
class Host:
    """A country hosting Malian refugees: the gazetteer point its arrow ends at and the figures behind it."""

    country: str
    place: str | None  # gazetteer name; None when our gazetteer has no point in that country
    size_id: str | None  # the cited count that sizes the arrow; None = no count found
    other_ids: tuple[str, ...] = ()
    place_note: str = ""
    size_what: str = ""  # what the sizing figure counts, in plain words
    other_what: tuple[str, ...] = ()  # the same for each of other_ids


HOSTS = [
    Host("Mauritania", "Mbera (refugee camp)", "H048", ("H050",), N_("arrow ends at Mbera camp (Hodh ech Chargui)"),
         N_("refugees, mainly Malian"), (N_("Malian refugees"),)),
    Host("Côte d'Ivoire", "Ferkessédougou", "H059", ("H058",),
         N_("arrow ends at Ferkessédougou, a gazetteer town in the north; Pogo is not in our gazetteer"),
         N_("Malian asylum seekers in the north"), (N_("Malians arriving at Pogo within a few days"),)),
    Host("Burkina Faso", "Ouagadougou", None, (), N_("arrow ends at the capital")),
    Host("Guinea", "Conakry", None, (), N_("arrow ends at the capital")),
    Host("Niger", "Niamey", None, ("H069",), N_("arrow ends at the capital"), "",
         (N_("refugees and asylum seekers of all origins"),)),
    Host("Algeria", None, None, (), N_("no Algerian place in our gazetteer: not drawn")),
]

# Small multiples on host-state pressure: (panel, figure id, bar label). Labels describe the row's metric.
MAURITANIA_PANELS = [
    (N_("Mbera camp: people vs capacity"), "H004", N_("Official capacity")),
    (N_("Mbera camp: people vs capacity"), "H003", N_("Population (UNHCR)")),
    (N_("Mbera camp: people vs capacity"), "H007", N_("Population (Arabic press citing UNHCR)")),
    (N_("Refugees in Mauritania: counts by source"), "H002", N_("Hodh Chargui: Malians")),
    (N_("Refugees in Mauritania: counts by source"), "H018", N_("National: IOM DTM")),
    (N_("Refugees in Mauritania: counts by source"), "H055", N_("Hodh Chargui: UNICEF")),
    (N_("Refugees in Mauritania: counts by source"), "H048", N_("National: mainly Malian")),
    (N_("Refugees in Mauritania: counts by source"), "H050", N_("National: Malians")),
    (N_("New wave after the Léré siege"), "H047", N_("From Léré (UNHCR via RFI)")),
    (N_("New wave after the Léré siege"), "H049", N_("Since late Oct (UNHCR)")),
    (N_("New wave after the Léré siege"), "H043", N_("Since 24 Oct (press citing UNHCR)")),
]
COASTAL_PANELS = [
    (N_("Northern Benin: violent incidents (ACLED via ACAPS)"), "T038", N_("Alibori and Atacora")),
    (N_("Northern Benin: violent incidents (ACLED via ACAPS)"), "T037", N_("Alibori and Atacora")),
    (N_("Benin: soldiers killed in single attacks"), "T018", N_("Attack claimed by JNIM")),
    (N_("Benin: soldiers killed in single attacks"), "T021", N_("Alibori attack: government figure")),
    (N_("Benin: soldiers killed in single attacks"), "T022", N_("Same attack: JNIM claim")),
    (N_("Northern Togo: deaths in jihadist attacks"), "T036", N_("Reported toll")),
    (N_("Northern Togo: deaths in jihadist attacks"), "T034", N_("Estimate, low confidence")),
    (N_("Northern Togo: deaths in jihadist attacks"), "T033", N_("Government figure, part-year")),
]
COASTAL_TABLE_EXTRA = ["T032", "T035", "T020", "T050", "H020", "H021", "H057", "H060"]
FUNDING_PANELS = [
    (N_("Mali plan: money requested (million USD)"), "H031", N_("Mali humanitarian plan")),
    (N_("Mali plan: money requested (million USD)"), "H071", N_("Mali humanitarian plan")),
    (N_("Share of the appeal funded (%)"), "H034", N_("Mali plan")),
    (N_("Share of the appeal funded (%)"), "H062", N_("Mali plan")),
    (N_("Share of the appeal funded (%)"), "H028", N_("UNHCR Sahel appeal")),
    (N_("People in need in Mali (million)"), "H033", N_("Mali humanitarian plan")),
    (N_("People in need in Mali (million)"), "H072", N_("Mali humanitarian plan")),
]

# --- parsing the text columns ------------------------------------------------------------------------------

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_DATE = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})"
    r"|mid-(?P<mid>\d{4})"
    r"|(?P<mname>" + "|".join(MONTHS) + r")\s+(?P<mnyear>\d{4})"
    r"|(?P<month>\d{4}-\d{2})(?!\d)"
    r"|(?<!\d)(?P<year>\d{4})(?!\d)", re.IGNORECASE)


def _periods(text: str) -> list[tuple[pd.Timestamp, pd.Timestamp, str]]:
    """Every date named in a text as (first day, last day, precision)."""
    found = []
    for m in _DATE.finditer(text):
        try:
            if m["day"]:
                d = pd.Timestamp(m["day"])
                found.append((d, d, "day"))
            elif m["mid"]:
                found.append((pd.Timestamp(f"{m['mid']}-06-01"), pd.Timestamp(f"{m['mid']}-06-30"), "month"))
            elif m["mname"]:
                start = pd.Timestamp(int(m["mnyear"]), MONTHS.index(m["mname"].lower()) + 1, 1)
                found.append((start, start + pd.offsets.MonthEnd(0), "month"))
            elif m["month"] and 1 <= int(m["month"][5:]) <= 12:
                start = pd.Timestamp(f"{m['month']}-01")
                found.append((start, start + pd.offsets.MonthEnd(0), "month"))
            elif m["month"]:  # '2025-13' is no month: keep the year it names
                y = int(m["month"][:4])
                found.append((pd.Timestamp(y, 1, 1), pd.Timestamp(y, 12, 31), "year"))
            else:
                y = int(m["year"])
                found.append((pd.Timestamp(y, 1, 1), pd.Timestamp(y, 12, 31), "year"))
        except ValueError:  # e.g. a month 13: not a date
            continue
    return found


def parse_as_of(text: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str]:
    """Best-effort reading of an `as_of` text: (first day, last day, precision) of the latest period it names.

    Text in brackets is a comment and is read only when nothing else names a date ("end of year (circa
    2024)" → 2024). Ranges give their later end ("2021 to 2025-01" → Jan 2025). Precision is day, month,
    year or unknown (then both dates are None).
    """
    text = str(text)
    periods = _periods(re.sub(r"\([^)]*\)", " ", text)) or _periods(text)
    if not periods:
        return None, None, "unknown"
    return max(periods, key=lambda p: (p[1], p[0]))


def numeric(value: str) -> float:
    """The number in a `value` text ('3288294', '1,377', '771.3'); NaN when the text is not a plain number."""
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        return math.nan


def qualifier(unit: str, notes: str = "", value: str = "") -> str:
    """'about', 'nearly' or 'more than' when the source hedges its number; else ''.

    Read from the bracket of the unit ("persons (more than)") or from a quoted word in the notes ('"over"').
    A quoted phrase with a number counts only if that number is the figure's own value (a note quoting
    "more than 30" about a figure of 31 describes another statement).
    """
    own = re.sub(r"\D", "", str(value))
    bracket = " ".join(re.findall(r"\(([^)]*)\)", str(unit))).lower()
    quoted = " ".join(q for q in re.findall(r'"([^"]*)"', str(notes))
                      if not re.search(r"\d", q) or re.sub(r"\D", "", q) == own).lower()
    for text in (bracket, quoted):
        if re.search(r"\b(more than|over|plus de|just over)\b", text):
            return "more than"
        if re.search(r"\b(near|nearly|près de|pres de)\b", text):
            return "nearly"
        if re.search(r"\b(about|around|roughly|environ)\b", text):
            return "about"
    return ""


# The source's hedge before its number, as a reader reads it (the keys are what `qualifier` returns).
QUALIFIED = {"more than": N_("more than {n}"), "nearly": N_("nearly {n}"), "about": N_("about {n}")}


def shown_value(value: str, unit: str, notes: str = "") -> str:
    """A figure as a reader sees it: qualifier, number with separators, 'million' kept as the source gave it."""
    number = numeric(value)
    unit_l = str(unit).lower()
    if math.isnan(number):
        return str(value) or _("unknown")
    if unit_l.startswith("million"):
        body = _("{n} million").format(n=fmt.number(number, 1 if number % 1 else 0))
    elif unit_l.startswith("percent"):
        body = fmt.percent(number)
    else:
        body = fmt.number(number, 1 if number % 1 else 0)
    q = qualifier(unit, notes, value)
    return _(QUALIFIED[q]).format(n=body) if q else body


def figure_rows(figures: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The figures with these ids, in this order, with parsed number, qualifier, shown text and dates.

    `number` is in the unit's base ("4" with unit "million persons" → 4,000,000), `in_unit` in the unit
    as given (4). Raises KeyError naming
    any id that is not in the table, so a chart never silently drops a figure.
    """
    table = figures.set_index("figure_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise KeyError(f"figures not found: {', '.join(missing)}")
    rows = table.loc[list(ids)].reset_index()
    parsed = [parse_as_of(a) for a in rows["as_of"]]
    scale = rows["unit"].str.lower().str.startswith("million").map({True: 1e6, False: 1.0})
    return rows.assign(
        number=[numeric(v) * s for v, s in zip(rows["value"], scale)],
        in_unit=[numeric(v) for v in rows["value"]],
        qualifier=[qualifier(u, n, v) for u, n, v in zip(rows["unit"], rows["notes"], rows["value"])],
        shown=[shown_value(v, u, n) for v, u, n in zip(rows["value"], rows["unit"], rows["notes"])],
        date_label=[as_of_words(a) for a in rows["as_of"]],
        date_start=[p[0] for p in parsed], date_end=[p[1] for p in parsed], precision=[p[2] for p in parsed],
    )


def reader_table(rows: pd.DataFrame, extra: dict[str, list] | None = None) -> pd.DataFrame:
    """The table view under a chart: every figure with its id, date, place, source, confidence and notes."""
    out = pd.DataFrame({**{_(k): v for k, v in (extra or {}).items()}, _("figure"): rows["figure_id"].values,
                        _("what"): rows["metric"].map(metric_label).values, _("value"): rows["shown"].values,
                        _("unit"): rows["unit"].map(unit_words).values, _("as of"): rows["date_label"].values,
                        _("where"): rows["geography"].values, _("source"): rows["source_id"].values,
                        _("confidence"): rows["confidence"].values, _("notes"): rows["notes"].values})
    return out


# --- the chapter's tables ----------------------------------------------------------------------------------

def headline_totals(figures: pd.DataFrame) -> pd.DataFrame:
    """The two regional totals (UNHCR Oct 2025; IOM DTM Jan 2025 with its IDP/refugee split)."""
    h = HEADLINE_IDS
    rows = figure_rows(figures, [h["regional"], h["dtm_idps"], h["dtm_refugees"], h["dtm_total"]])
    bar = {h["regional"]: "UNHCR", h["dtm_idps"]: "IOM DTM", h["dtm_refugees"]: "IOM DTM", h["dtm_total"]: "IOM DTM"}
    part = {h["regional"]: "all displaced", h["dtm_idps"]: "internally displaced", h["dtm_refugees"]: "refugees",
            h["dtm_total"]: "total"}
    return rows.assign(bar=rows["figure_id"].map(bar), part=rows["figure_id"].map(part))


def country_idps(figures: pd.DataFrame, spec: list[tuple[str, str, str]] = COUNTRY_IDPS) -> pd.DataFrame:
    """IDPs by country, one row per cited figure (two for Mali and Niger), each with its own date and basis."""
    rows = figure_rows(figures, [s[1] for s in spec])
    return rows.assign(country=[s[0] for s in spec], basis=[_(s[2]) for s in spec])


def mali_idp_series(figures: pd.DataFrame, metric: str = MALI_IDP_METRIC) -> pd.DataFrame:
    """Every Mali IDP figure in date order; `same_as` names an earlier row with the identical count
    (a count republished later is one observation, not two)."""
    ids = figures.loc[figures["metric"] == metric, "figure_id"].tolist()
    rows = figure_rows(figures, ids).sort_values(["date_start", "figure_id"]).reset_index(drop=True)
    first_seen: dict[str, str] = {}
    same = []
    for fid, value in zip(rows["figure_id"], rows["value"]):
        same.append(first_seen.get(value, ""))
        first_seen.setdefault(value, fid)
    return rows.assign(same_as=same)


def flow_width(numbers: pd.Series, max_width: float = 16.0, min_width: float = 2.0) -> pd.Series:
    """Line widths ∝ the square root of each figure (largest = max_width, none thinner than min_width);
    NaN (no count) stays NaN. Square root, so a count 200 times smaller is still visible."""
    top = numbers.max()
    if pd.isna(top) or top <= 0:
        return pd.Series(math.nan, index=numbers.index)
    return (max_width * (numbers / top) ** 0.5).clip(lower=min_width)


def host_flows(figures: pd.DataFrame, places: pd.DataFrame, hosts: list[Host] = HOSTS,
               origin: str = ORIGIN_PLACE) -> pd.DataFrame:
    """One row per host country: the cited count (or none), the other figures, the gazetteer end points.

    `status` is 'counted' or 'no count in our sources'; `drawn` is False when a place is missing from the
    gazetteer (no coordinates are made up).
    """
    gaz = places.assign(lon=places.geometry.x, lat=places.geometry.y).set_index("name")
    if origin not in gaz.index:
        raise KeyError(f"origin {origin!r} is not in the gazetteer")
    o = gaz.loc[origin]
    out = []
    for h in hosts:
        size = figure_rows(figures, [h.size_id]).iloc[0] if h.size_id else None
        others = figure_rows(figures, list(h.other_ids)) if h.other_ids else None
        other_text = "; ".join(_("{n} {what} ({date}, {id})").format(n=r.shown, what=_(what), date=r.date_label,
                                                                        id=r.figure_id)
                               for r, what in zip(others.itertuples(), h.other_what)) if others is not None else ""
        has_place = h.place is not None and h.place in gaz.index
        out.append(dict(
            host=h.country, status="counted" if size is not None else "no count in our sources",
            figure_id=size.figure_id if size is not None else "", number=size.number if size is not None else math.nan,
            shown=size.shown if size is not None else _("unknown"), what=_(h.size_what) if h.size_what else "",
            date_label=size.date_label if size is not None else "", other=other_text,
            other_ids=";".join(h.other_ids), place=h.place or "", place_note=_(h.place_note) if h.place_note else "", drawn=has_place,
            origin=origin, origin_lon=o.lon, origin_lat=o.lat,
            lon=gaz.at[h.place, "lon"] if has_place else math.nan,
            lat=gaz.at[h.place, "lat"] if has_place else math.nan))
    frame = pd.DataFrame(out)
    return frame.assign(width=flow_width(frame["number"]))


def flows_table(flows: pd.DataFrame) -> pd.DataFrame:
    """The map as a table."""
    return pd.DataFrame({
        _("host country"): [_(h) for h in flows["host"]], _("Malian refugees (cited)"): flows["shown"],
        _("what the figure counts"): flows["what"], _("as of"): flows["date_label"],
        _("figure"): flows["figure_id"], _("other figures"): flows["other"], _("on the map"): flows["place_note"]})


def unknown_hosts(flows: pd.DataFrame) -> list[str]:
    """Host countries for which our sources give no count of Malian refugees."""
    return flows.loc[flows["status"] != "counted", "host"].tolist()


def panels(figures: pd.DataFrame, spec: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Rows for small multiples: panel title, bar label and the figure, in the spec's order."""
    rows = figure_rows(figures, [s[1] for s in spec])
    return rows.assign(panel=[_(s[0]) for s in spec], label=[_(s[2]) for s in spec])


def chapter_cutoff(*frames: pd.DataFrame) -> tuple[pd.Timestamp | None, str]:
    """The latest date among the figures shown (day- or month-dated only: a bare year, such as a plan year,
    says nothing about when a count was made), and a label naming that figure and its date precision."""
    rows = pd.concat([f[["figure_id", "date_end", "precision", "as_of"]] for f in frames], ignore_index=True)
    dated = rows[rows["precision"].isin(["day", "month"])].dropna(subset=["date_end"])
    if dated.empty:
        return None, _("figure")
    latest = dated.sort_values(["date_end", "figure_id"]).iloc[-1]
    label = (_("figure ({id}, dated to the month, shown as its last day)") if latest["precision"] == "month"
             else _("figure ({id}, dated to the day)"))
    return latest["date_end"], label.format(id=latest["figure_id"])


def takeaway_sentences(figures: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """The key takeaways, every number read from the figures (and one date from the events)."""
    h = figure_rows(figures, ["H022", "H023", "H010", "H012", "H080"]).set_index("figure_id")
    mali = mali_idp_series(figures).set_index("figure_id")
    mr = figure_rows(figures, ["H048", "H050", "H003", "H004", "H049", "H043"]).set_index("figure_id")
    co = figure_rows(figures, ["T038", "T037", "T021", "T022"]).set_index("figure_id")
    lere = events.set_index("event_id").loc["E042"]
    low_id = mali["number"].idxmin()
    first_id, latest_id = mali.index[0], mali.index[-1]  # the series is in date order
    over_capacity = mr.at["H003", "number"] / mr.at["H004", "number"]
    rise = co.at["T037", "number"] / co.at["T038", "number"]
    return [
        _("UNHCR put the number of people displaced across Burkina Faso, Mali, Niger and their neighbours at {h022} in "
          "{h022_date} (H022), {h023} more than five years earlier (H023); {h080} stay inside their own country "
          "(H080). IOM DTM's earlier count, {h010} in {h010_date} (H010), included {h012} refugees.").format(
            h022=h.at["H022", "shown"], h022_date=h.at["H022", "date_label"], h023=h.at["H023", "shown"],
            h080=h.at["H080", "shown"], h010=h.at["H010", "shown"], h010_date=h.at["H010", "date_label"],
            h012=h.at["H012", "shown"]),
        _("Inside Mali, the IDP count went from {first} ({first_date}, {first_id}) down to {low} ({low_date}, "
          "{low_id}) and up to {latest} ({latest_date}, {latest_id}); part of the 2024 rise reflects registration "
          "extended to Gao, Timbuktu and Kidal (H070), not only new flight.").format(
            first=mali.at[first_id, "shown"], first_date=mali.at[first_id, "date_label"], first_id=first_id,
            low=mali.at[low_id, "shown"], low_date=mali.at[low_id, "date_label"], low_id=low_id,
            latest=mali.at[latest_id, "shown"], latest_date=mali.at[latest_id, "date_label"], latest_id=latest_id),
        _("Mauritania hosts the largest cited number of Malian refugees: {h048} ({h048_date}, H048) or {h050} "
          "({h050_date}, H050). Mbera camp held {h003} people ({h003_date}, H003) against an official capacity of "
          "{h004} ({h004_date}, H004): about {ratio} times its capacity (computed).").format(
            h048=mr.at["H048", "shown"], h048_date=mr.at["H048", "date_label"], h050=mr.at["H050", "shown"],
            h050_date=mr.at["H050", "date_label"], h003=mr.at["H003", "shown"], h003_date=mr.at["H003", "date_label"],
            h004=mr.at["H004", "shown"], h004_date=mr.at["H004", "date_label"], ratio=fmt.number(over_capacity, 1)),
        _("After JNIM ordered Léré's residents out ({day}, E042), a new wave reached Mauritania: {h049} arrivals by "
          "the end of Dec 2025 per UNHCR (H049), {h043} by about Jan 2026 per a press report citing UNHCR "
          "(H043).").format(day=fmt.day(lere["date_start"]), h049=mr.at["H049", "shown"], h043=mr.at["H043", "shown"]),
        _("Violence has reached the coastal states: violent incidents in northern Benin rose from {t038} in 2021 to "
          "{t037} in 2024 (ACLED via ACAPS; {rise} times, computed; T038, T037), and an attack claimed by JNIM on "
          "{day} killed {t021} soldiers by the government's count (JNIM claimed {t022}; T021, T022).").format(
            t038=co.at["T038", "shown"], t037=co.at["T037", "shown"], rise=fmt.number(rise, 0),
            day=fmt.day(pd.Timestamp(co.at["T021", "as_of"])), t021=co.at["T021", "shown"],
            t022=co.at["T022", "shown"]),
    ]


def unknown_note(flows: pd.DataFrame, figures: pd.DataFrame) -> str:
    """The sentence under the map on the host countries without a count."""
    niger = figure_rows(figures, ["H069"]).iloc[0]
    share = re.search(r"\d+(?:\.\d+)?\s*%", niger.unit)
    names = [_(n) for n in unknown_hosts(flows)]
    missing = [_(n) for n in flows.loc[~flows["drawn"], "host"]]
    undrawn = _(" ({hosts}: not drawn, as our gazetteer has no place there)").format(hosts=", ".join(missing)) \
        if missing else ""
    of_mali = (_("of whom {share} from Mali").format(share=fmt.percent(float(share.group(0).rstrip("% ")))
                                                     if fmt.language() != "en" else share.group(0))
               if share else _("with no share from Mali"))
    return _("Not found in our sources: a count of Malian refugees in {hosts} and {last}. Their arrows are dashed and "
             "carry no size{undrawn}. For Niger, UNHCR gives {niger} refugees and asylum seekers of all origins "
             "({date}, H069), {of_mali}, but no count of Malians; the briefing does not compute one.").format(
        hosts=", ".join(names[:-1]), last=names[-1], undrawn=undrawn, niger=niger.shown, date=niger.date_label,
        of_mali=of_mali)


COASTAL_TABLE_IDS = [s[1] for s in COASTAL_PANELS] + COASTAL_TABLE_EXTRA


def flow_figure_ids(flows: pd.DataFrame) -> list[str]:
    """Every figure id behind the map (sizing and other figures)."""
    return unique_ids([*flows["figure_id"], *flows["other_ids"]])


def record_note(events: pd.DataFrame, cutoff: pd.Timestamp | None) -> str:
    """The limits of the record, with the last event date and the figures' cut-off read from the data."""
    last = events["date_start"].max()
    upto = fmt.partial_date(cutoff.strftime("%Y-%m")) if cutoff is not None else _("unknown")
    return _("The event record of this briefing ends on {day}; the latest figure used here dates from {upto}. "
             "Nothing later was found in our sources: the chapter does not say whether the blockade, or the flight "
             "it caused, continued or ended after that. Event lists compiled from the news are incomplete.").format(
        day=fmt.day(last), upto=upto)
