"""Fuel supply to Bamako: tanker loads a week by corridor, against demand, with stocks drawn down.

Counted in tanker loads, not litres: the sources give the pre-blockade inflow in tanker trucks ("up to" a number a
month), while national consumption in litres is not reliably sourced. Flows are the same every week (no trend);
only the stock changes from week to week.

The arithmetic, for a reader to follow:
1. regular flow of corridor c:   sent_c = demand × share_c
2. re-sent loads: a share `reroute` of each corridor's lost loads is sent again through OTHER corridors, safest
   first, each taking at most its spare capacity (spare % × its own regular flow);
3. delivered_c = (sent_c + rerouted_in_c) × (1 − disruption_c): re-sent loads face the corridor's disruption;
4. escorted convoys add cadence × size loads a week, all of which arrive (no escort loss is modelled);
5. stock starts at stock_days / 7 × demand; a week short of demand draws it down, a week above refills it up to that
   level; the first week short of demand that ends with the stock empty is the stock-out week.

Pure: numpy/pandas only; no plotly, no widgets, no file reads. Defaults come from the figure ids in ANCHORS (a test
checks each against data/processed/figures.csv).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _
from widgets.scenarios.base import Outcome, Param, Preset, clamp, said, summary_columns

# Sourced values the defaults and texts rest on: figure id → value_num in figures.csv (checked by the tests).
ANCHORS: dict[str, float] = {
    "C031": 6000, "C025": 6000,             # tanker trucks a month before the attacks, "up to" (importers via AP)
    "C068": 40, "C069": 30, "C070": 30,     # 2010 split of Mali's trade: Dakar, Abidjan, Tema/Lomé/Conakry
    "C094": 28,                             # 2006: Dakar axis share of Mali's hydrocarbon needs (only fuel split)
    "C012": 70,                             # Dakar share of goods traffic to Mali (goods, not fuel)
    "C079": 82, "C081": 21,                 # Niger escorted convoy: tankers, days on the road
    "C051": 3,                              # ONAP strategic reserve, days of national consumption
    "C099": 1,                              # storage holds at most about 1 week of consumption
    "C100": 757, "C101": 843,               # tankers received in a week, late Jan and early Feb 2026 (official)
}
# The ids behind the defaults and the texts of the panel (the figure's source line).
SOURCE_IDS = ["C031", "C025", "C068", "C069", "C070", "C094", "C012", "C079", "C081", "C051", "C099", "C100", "C101"]
WEEKS_PER_MONTH = 12 / 52  # months per week: a month's count × 12 / 52 = a week's count
DAYS_PER_WEEK = 7

# corridor key → label. "gulf" gathers the Gulf of Guinea ports reached through Burkina Faso or Niger.
CORRIDORS: dict[str, str] = {
    "dakar": "Dakar", "abidjan": "Abidjan", "conakry": "Conakry", "nouakchott": "Nouakchott",
    "gulf": N_("Lomé, Tema, Cotonou"),
}
ESCORT, TOTAL = N_("Escorted convoys"), N_("Total")  # table keys; translated where shown
COLUMNS = ["week", "corridor", "sent", "rerouted_in", "spare", "lost", "delivered", "demand", "shortfall_pct",
           "stock_end", "stock_days", "unmet"]

_DEMAND_WEEK = ANCHORS["C031"] * WEEKS_PER_MONTH  # 6,000 × 12 / 52 ≈ 1,384.6


def _n(value: float) -> str:
    return fmt.number(value)


def _numbers() -> dict[str, str]:
    """The sourced numbers the texts name, formatted in the page's language when a text is shown."""
    a = ANCHORS
    return dict(c031=_n(a["C031"]), c012=fmt.percent(a["C012"]), c094=fmt.percent(a["C094"]),
                c068=fmt.percent(a["C068"]), c069=fmt.percent(a["C069"]), c070=fmt.percent(a["C070"]),
                c079=_n(a["C079"]), c081=_n(a["C081"]), c051=_n(a["C051"]), c099=_n(a["C099"]),
                c100=_n(a["C100"]), c101=_n(a["C101"]), demand_week=_n(_DEMAND_WEEK), none=fmt.percent(0))


def _route(key: str):
    """The numbers plus the route's name (for the per-corridor sliders)."""
    return lambda: {**_numbers(), "route": _(CORRIDORS[key])}


_SHARE_WHY = {
    "dakar": N_("No source splits fuel by corridor since 2006. Set to the Dakar corridor's {c068} of Mali's trade "
                "in 2010 (C068), all goods. The often-quoted {c012} for Dakar (C012) is goods traffic, not fuel; "
                "the only fuel split found dates from 2006, when the Dakar axis carried {c094} of hydrocarbon needs "
                "(C094)."),
    "abidjan": N_("Set to the Abidjan corridor's {c069} of Mali's trade in 2010 (C069), all goods, not fuel."),
    "conakry": N_("In 2010 Tema, Lomé and Conakry together carried {c070} of Mali's trade (C070); split equally by "
                  "port, Conakry gets a third."),
    "nouakchott": N_("No source in our register gives the Nouakchott route a share of Mali's fuel or trade: the 2010 "
                     "split (C068–C070) names Dakar, Abidjan and Tema, Lomé and Conakry only, and no later split was "
                     "found. So the baseline sends nothing this way (0 %): a gap in the evidence, not a finding that "
                     "the road carries no fuel. The Nouakchott–Nioro road is one of the two the blockade targets "
                     "(Nioro du Sahel was declared under blockade, E006): raise this share to test it; shares are "
                     "then scaled to 100 %."),
    "gulf": N_("The other two thirds of the {c070} that Tema, Lomé and Conakry carried in 2010 (C070); Cotonou has "
               "no 2010 share of its own."),
}
_SHARE_DEFAULT = {"dakar": ANCHORS["C068"], "abidjan": ANCHORS["C069"], "conakry": ANCHORS["C070"] / 3,
                  "nouakchott": 0.0, "gulf": ANCHORS["C070"] * 2 / 3}

PARAMS: list[Param] = [
    Param("weeks", N_("Horizon"), 26, 0, 26, 1, N_("weeks"), "assumption",
          N_("Half a year ahead. 0 leaves the horizon empty.")),
    Param("demand", N_("Demand"), round(_DEMAND_WEEK / 5) * 5, 0, 2800, 5, N_("tanker loads/week"), "C031",
          N_("Importers said up to {c031} tanker trucks a month reached Mali before the attacks (C031, also C025). "
             "A week is 12 / 52 of a month: {c031} × 12 / 52 ≈ {demand_week}. \"Up to\" makes this an upper bound; "
             "it is used as weekly demand."), _numbers),
    *[Param(f"share_{k}", N_("Share of supply via {route}"), _SHARE_DEFAULT[k], 0, 100, 5, "%", "assumption",
            _SHARE_WHY[k], _route(k)) for k in CORRIDORS],
    *[Param(f"disruption_{k}", N_("Disruption on the {route} route"), 0, 0, 100, 5, N_("{percent} of loads lost"),
            "assumption",
            N_("Share of the loads sent on this route that do not arrive (attacked, turned back or held up). No "
               "source measures it; the default {none} is the pre-blockade flow, the baseline to compare against."),
            _route(k))
      for k in CORRIDORS],
    Param("reroute", N_("Lost loads re-sent via other corridors"), 50, 0, 100, 5, N_("{percent} of lost loads"), "assumption",
          N_("No source. Half of the lost loads are sent again through other routes; the rest are not (trucks "
             "destroyed, drivers refusing, importers waiting).")),
    Param("spare", N_("Spare capacity of each corridor"), 20, 0, 200, 5, N_("{percent} of its regular flow"), "assumption",
          N_("No source. How much more each route can carry than its regular flow (trucks, drivers, depots, border "
             "posts); it caps the re-sent loads a route can take.")),
    Param("escort_per_week", N_("Escorted convoys"), 0, 0, 7, 0.5, N_("convoys/week"), "assumption",
          N_("No source gives a cadence. 0 is the pre-blockade baseline; add convoys to test escorts. Their loads "
             "all arrive (no escort loss is modelled).")),
    Param("escort_size", N_("Tankers per escorted convoy"), ANCHORS["C079"], 0, 200, 1, N_("tankers/convoy"), "C079",
          N_("The escorted convoy from Niger carried {c079} tankers (C079) and took {c081} days on the road (C081)."),
          _numbers),
    Param("stock_days", N_("Stock on hand at the start"), ANCHORS["C051"], 0, ANCHORS["C099"] * DAYS_PER_WEEK, 0.5,
          N_("days of demand"), "C051",
          N_("The strategic reserve of the national petroleum office (ONAP) covered {c051} days of national "
             "consumption and was used up by Oct 2025 (C051). Storage holds at most about {c099} week of "
             "consumption (C099), hence the upper limit."), _numbers),
]

# The sliders shown open; the others fold under "More assumptions" (widgets/ui/scenario_panel.py).
ESSENTIAL = ["weeks", "demand", "disruption_dakar", "disruption_abidjan", "escort_per_week", "stock_days"]
_BASELINE = N_(
    "Every route at its 2010 share of trade, nothing lost, no escorted convoys: deliveries equal demand, the "
    "pre-blockade inflow of \"up to\" {c031} tankers a month (C031), about {demand_week} tanker loads a week. "
    "Because C031 is an upper bound, the baseline is the most fuel the sources allow and a shortfall is measured "
    "against that bound; for comparison, officials counted {c100} tankers received in the week from 26 Jan 2026 and "
    "{c101} in the week after (C100, C101). The Nouakchott route has no share in the baseline because no source "
    "gives one: its share and disruption are under More assumptions.")

_ASSUMPTIONS: list[str] = [
    N_("Fuel is counted in tanker loads a week, not litres: national consumption in litres is not reliably sourced."),
    N_("Weekly demand defaults to the pre-blockade inflow, \"up to\" {c031} tankers a month (C031), converted with "
       "12 / 52. It is an upper bound. For comparison, officials counted {c100} tankers received in the week from "
       "26 Jan 2026 and {c101} in the week after (C100, C101)."),
    N_("No source gives fuel shares by corridor since 2006; the default shares follow the 2010 split of all trade "
       "(C068–C070) and are assumptions. Shares that do not add to 100 % are scaled to 100 %."),
    N_("Disruption is the share of loads sent on a route that do not arrive; it is set by the reader (no source "
       "measures it). Loads re-sent through other corridors face those corridors' disruption too, and are re-sent "
       "once only, to the safest routes first, within their spare capacity."),
    N_("Escorted convoys add their loads on top of the regular flow, and all of them arrive; the trip time "
       "({c081} days for the Niger convoy, C081) is not modelled."),
    N_("Flows are the same every week. Stocks are drawn when deliveries fall short of demand and refilled up to "
       "their starting level when deliveries exceed it; a surplus beyond that is not counted."),
    N_("The model shows what the inputs imply, not a forecast: the event record ends in early 2026."),
]


def baseline_text() -> str:
    """What the baseline is, in the page's language."""
    return said(_BASELINE, _numbers)


def assumptions() -> list[str]:
    """The model's assumptions, in the page's language."""
    return [said(a, _numbers) for a in _ASSUMPTIONS]


def __getattr__(name: str):
    """`BASELINE` and `ASSUMPTIONS` read in the page's language at the moment they are shown."""
    if name == "BASELINE":
        return baseline_text()
    if name == "ASSUMPTIONS":
        return assumptions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Named scenarios for the panel and the static export. The values are assumptions chosen to illustrate (labelled so
# on the page); only the defaults they start from are sourced.
PRESETS: list[Preset] = [
    Preset(N_("Baseline (cited defaults)"),
           N_("Every parameter at its default: the pre-blockade flow (C031) split by the 2010 trade shares, no "
              "disruption.")),
    Preset(N_("Dakar route cut, four weeks"),
           N_("JNIM declared Kayes and Nioro du Sahel, on the western approaches, under blockade (E006); this closes "
              "the Dakar route entirely over a four-week horizon, the other routes taking what their spare capacity "
              "allows."),
           {"weeks": 4, "disruption_dakar": 100}),
    Preset(N_("Dakar and Abidjan routes hit"),
           N_("Convoys were attacked on the roads from Senegal and from Côte d'Ivoire (E017, E018, E039, E070); half "
              "of the loads on the Dakar route and a quarter of those on the Abidjan route are assumed lost."),
           {"disruption_dakar": 50, "disruption_abidjan": 25}),
    Preset(N_("Dakar halved, two convoys a week"),
           N_("Escorted convoys of the size of the Niger convoy (C079) twice a week against a Dakar route losing "
              "half its loads: how far escorts close the gap."),
           {"disruption_dakar": 50, "escort_per_week": 2}),
    Preset(N_("Every route at half, no re-sending"),
           N_("A blunt stress test: every route loses half its loads and traders re-send none of them."),
           {**{f"disruption_{k}": 50 for k in CORRIDORS}, "reroute": 0}),
]

def _shares(v: dict[str, float], messages: list[str]) -> dict[str, float]:
    """Corridor shares as fractions summing to 1 (scaled, with a message, when the sliders do not add to 100 %)."""
    raw = {k: v[f"share_{k}"] for k in CORRIDORS}
    total = sum(raw.values())
    if total <= 0:
        messages.append(_("All corridor shares are 0 %: there is no regular supply; only escorted convoys count."))
        return {k: 0.0 for k in CORRIDORS}
    if not math.isclose(total, 100, abs_tol=1e-6):
        scaled = ", ".join(f"{_(CORRIDORS[k])} {fmt.percent(100 * x / total)}" for k, x in raw.items() if x > 0)
        messages.append(_("Corridor shares sum to {total}; they were scaled to 100 % ({scaled}).").format(
            total=fmt.percent(total), scaled=scaled))
    return {k: x / total for k, x in raw.items()}


def reroute(lost: dict[str, float], spare: dict[str, float], arrive: dict[str, float],
            share: float) -> dict[str, float]:
    """Loads each corridor takes from the other corridors' lost loads.

    `share` of each corridor's lost loads is re-sent. A corridor can take at most its spare capacity, and only
    loads lost on other corridors: y_c ≤ pool − own_c (own_c = share × lost_c). Safest corridors (highest arrival
    rate) fill first; closed corridors take nothing. Together these limits are exactly what a flow from the other
    corridors allows, so filling safest first delivers the most.
    """
    own = {k: share * x for k, x in lost.items()}
    pool = sum(own.values())
    taken = {k: 0.0 for k in lost}
    left = pool
    for k in sorted(lost, key=lambda c: -arrive[c]):  # stable: ties keep the corridor order
        if arrive[k] <= 0 or left <= 0:
            continue
        taken[k] = max(0.0, min(spare[k], pool - own[k], left))
        left -= taken[k]
    return taken


def run(values: dict[str, float]) -> Outcome:
    """Weekly tanker loads by corridor, stock and shortfall for the given parameters (clamped to their ranges)."""
    v, messages = clamp(values, PARAMS)
    weeks = int(round(v["weeks"]))
    if weeks != v["weeks"]:
        messages.append(_("Horizon: {value} weeks rounded to {weeks}.").format(value=f"{v['weeks']:g}", weeks=weeks))
    demand = v["demand"]
    shares = _shares(v, messages)

    sent = {k: demand * shares[k] for k in CORRIDORS}
    arrive = {k: 1 - v[f"disruption_{k}"] / 100 for k in CORRIDORS}
    lost_regular = {k: sent[k] * (1 - arrive[k]) for k in CORRIDORS}
    spare = {k: sent[k] * v["spare"] / 100 for k in CORRIDORS}
    taken = reroute(lost_regular, spare, arrive, v["reroute"] / 100)
    delivered = {k: (sent[k] + taken[k]) * arrive[k] for k in CORRIDORS}
    escorted = v["escort_per_week"] * v["escort_size"]
    total = sum(delivered.values()) + escorted

    pool = v["reroute"] / 100 * sum(lost_regular.values())
    if pool > 0 and sum(taken.values()) < pool - 1e-9:
        messages.append(_("Of {pool} lost loads a week that traders would re-send, {taken} fit in the spare "
                          "capacity of the other open corridors.").format(pool=_n(pool), taken=_n(sum(taken.values()))))
    carrying = [k for k in CORRIDORS if shares[k] > 0]
    if carrying and all(arrive[k] <= 0 for k in carrying):
        messages.append(_("All corridors closed: only escorted convoys reach Bamako.") if escorted > 0
                        else _("All corridors closed: nothing reaches Bamako."))
    if v["escort_per_week"] > 0 and v["escort_size"] == 0:
        messages.append(_("Escorted convoys of 0 tankers carry nothing."))
    if demand <= 0:
        messages.append(_("Demand is 0 tanker loads a week: there is nothing to supply, so the shortfall is 0 %."))
    elif total > demand + 1e-9:
        messages.append(_("Deliveries exceed demand by {surplus} loads a week: the surplus refills stocks and is "
                          "otherwise not counted.").format(surplus=_n(total - demand)))
    if weeks == 0:
        messages.append(_("The horizon is 0 weeks: nothing is modelled."))

    stock0 = v["stock_days"] / DAYS_PER_WEEK * demand
    if demand > 0 and stock0 <= 0 and total < demand:
        messages.append(_("No stock on hand: the shortfall hits from the first week."))
    rows, stock, stockout = [], stock0, math.nan
    for week in range(1, weeks + 1):
        gap = total - demand
        if gap >= 0:
            stock, unmet = min(stock0, stock + gap), 0.0
        else:
            draw = min(stock, -gap)
            stock, unmet = stock - draw, -gap - draw
        if math.isnan(stockout) and gap < 0 and stock <= 1e-9:
            stockout = week
        for k, label in CORRIDORS.items():
            rows.append([week, label, sent[k], taken[k], spare[k], sent[k] + taken[k] - delivered[k], delivered[k]]
                        + [np.nan] * 5)
        rows.append([week, ESCORT, escorted, 0.0, 0.0, 0.0, escorted] + [np.nan] * 5)
        rows.append([week, TOTAL, sum(sent.values()) + escorted, sum(taken.values()), sum(spare.values()),
                     sum(sent.values()) + sum(taken.values()) - sum(delivered.values()), total, demand,
                     _pct(max(0.0, demand - total), demand), stock,
                     stock / demand * DAYS_PER_WEEK if demand > 0 else np.nan, unmet])
    table = pd.DataFrame(rows, columns=COLUMNS).astype({"week": int})

    totals = table[table["corridor"] == TOTAL]
    headline = {
        "weeks": float(weeks),
        "demand_per_week": demand,
        "delivered_per_week": float(totals["delivered"].mean()) if weeks else math.nan,
        "shortfall_pct": _pct((totals["demand"] - totals["delivered"]).clip(lower=0).sum(), totals["demand"].sum())
        if weeks else math.nan,
        "unmet_pct": _pct(totals["unmet"].sum(), totals["demand"].sum()) if weeks else math.nan,
        "stockout_week": float(stockout),
        "rerouted_per_week": sum(taken.values()) if weeks else math.nan,
        "escorted_per_week": escorted if weeks else math.nan,
        "stock_days_start": v["stock_days"],
    }
    return Outcome(table=table, messages=messages, headline={k: float(x) for k, x in headline.items()})


def _pct(part: float, whole: float) -> float:
    """part / whole in percent; 0 when there is nothing to supply."""
    return 100 * part / whole if whole > 0 else 0.0


def by_corridor(outcome: Outcome) -> pd.DataFrame:
    """One week's loads by corridor (flows are the same every week); empty for an empty horizon."""
    table = outcome.table
    return table[table["week"] == 1].drop(columns=["week"]).reset_index(drop=True) if len(table) else table


def weekly(outcome: Outcome) -> pd.DataFrame:
    """The weekly totals: delivered against demand, shortfall, stock and unmet demand."""
    table = outcome.table
    cols = ["week", "delivered", "demand", "shortfall_pct", "stock_end", "stock_days", "unmet"]
    return table.loc[table["corridor"] == TOTAL, cols].reset_index(drop=True)


def stockout_text(outcome: Outcome) -> str:
    if not outcome.headline.get("weeks"):
        return _("no weeks modelled")
    week = outcome.headline["stockout_week"]
    return _("not within horizon") if math.isnan(week) else _("week {n}").format(n=_n(week))


def _signed(value: float, unit: str = "{n}") -> str:
    """A change with its sign; `unit` is a template around the number ("{n} pts")."""
    if math.isnan(value):
        return ""
    if abs(value) < 0.5:
        return _("no change")
    return ("+" if value > 0 else "−") + _(unit).format(n=fmt.number(abs(value)))


def summary(baseline: Outcome, scenario: Outcome) -> pd.DataFrame:
    """Rows: measure | baseline | scenario | change, all as text (numbers formatted by widgets.fmt)."""
    b, s = baseline.headline, scenario.headline
    rows = []
    for key, measure, kind in [
        ("delivered_per_week", N_("Tanker loads reaching Bamako a week"), "loads"),
        ("demand_per_week", N_("Demand, tanker loads a week"), "loads"),
        ("shortfall_pct", N_("Shortfall against demand, before stocks"), "pct"),
        ("unmet_pct", N_("Demand unmet after drawing stocks"), "pct"),
        ("rerouted_per_week", N_("Loads re-sent through other corridors a week"), "loads"),
        ("escorted_per_week", N_("Loads in escorted convoys a week"), "loads"),
    ]:
        show = fmt.number if kind == "loads" else fmt.percent
        modelled = [bool(h.get("weeks")) or key == "demand_per_week" for h in (b, s)]
        text = [show(h[key]) if m else _("no weeks modelled") for h, m in zip((b, s), modelled)]
        change = _signed(s[key] - b[key], "{n}" if kind == "loads" else N_("{n} pts")) if all(modelled) else ""
        rows.append([_(measure), *text, change])
    bw, sw = b.get("stockout_week", math.nan), s.get("stockout_week", math.nan)
    if math.isnan(bw) and not math.isnan(sw):
        change = _("stocks run out")
    elif not math.isnan(bw) and math.isnan(sw):
        change = _("stocks hold")
    elif not math.isnan(bw):
        change = _signed(sw - bw, N_("{n} weeks"))
    else:
        change = _("no change")
    if not (b.get("weeks") and s.get("weeks")):
        change = ""
    rows.append([_("Week stocks run out"), stockout_text(baseline), stockout_text(scenario), change])
    return pd.DataFrame(rows, columns=summary_columns())
