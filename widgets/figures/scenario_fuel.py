"""Figure of the fuel scenario: tanker loads a week by corridor (baseline against scenario) and the stock over time.

Always six traces in the same order, whatever the inputs (the panel updates them in place):
0–1 bars, loads a week by corridor (baseline grey, scenario blue); 2–3 stock in days of demand (baseline dashed
grey, scenario blue); 4–5 the week stocks run out (empty when they do not).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import fmt
from widgets.i18n import N_, _
from widgets.catalogue import Catalogue
from widgets.figures.common import finish, make_room
from widgets.figures.theme import PALETTE
from widgets.scenarios import fuel as M
from widgets.scenarios.base import Outcome, defaults

BASE, SCEN, ALERT = "#9a9a9a", PALETTE[0], PALETTE[3]
DEMAND, DELIVERED = N_("Demand"), N_("Delivered, all routes")
CATEGORIES = [DEMAND, DELIVERED, *M.CORRIDORS.values(), M.ESCORT]
LEGEND_ROOM, LABEL_ROOM = 100, 150  # px below the plots for axis titles and legend; px left for route names
WIDTH = 1000  # a widget view falls back to 700 px under Voilà; the report column holds about 1,000 px


def _bars(outcome: Outcome) -> tuple[list[float], list[str]]:
    """Loads a week per category (demand, total delivered, each corridor, escorts); empty for an empty horizon."""
    rows = M.by_corridor(outcome)
    if rows.empty:
        return [], []
    by = dict(zip(rows["corridor"], rows["delivered"]))
    return ([outcome.headline["demand_per_week"], by[M.TOTAL], *[by[c] for c in CATEGORIES[2:]]],
            [_(c) for c in CATEGORIES])


def _stock(outcome: Outcome) -> tuple[list[int], list[float]]:
    """Stock in days of demand at the end of each week, from week 0 (the starting stock)."""
    weekly = M.weekly(outcome)
    if weekly.empty:
        return [], []
    start = outcome.headline["stock_days_start"] if outcome.headline["demand_per_week"] > 0 else math.nan
    return [0, *weekly["week"]], [start, *weekly["stock_days"]]


def _stockout(outcome: Outcome) -> tuple[list[float], list[float]]:
    week = outcome.headline.get("stockout_week", math.nan)
    return ([], []) if math.isnan(week) else ([week], [0.0])


def title(scenario: Outcome) -> str:
    """The claim of the chart, from the scenario's key numbers."""
    h = scenario.headline
    if not h.get("weeks"):
        return _("No weeks to model: set a horizon above 0 weeks")
    if h["demand_per_week"] <= 0:
        return _("With demand set to 0, there is nothing to supply")
    delivered, demand = fmt.number(h["delivered_per_week"]), fmt.number(h["demand_per_week"])
    if h["shortfall_pct"] <= 0:
        return _("Scenario: {delivered} tanker loads a week reach Bamako, enough for demand of {demand}").format(
            delivered=delivered, demand=demand)
    week = h.get("stockout_week", math.nan)
    stocks = _("stocks hold through the horizon") if math.isnan(week) else \
        _("stocks run out in week {n}").format(n=fmt.number(week))
    if h["delivered_per_week"] <= 0:
        return _("Scenario: no fuel reaches Bamako; {stocks}").format(stocks=stocks)
    return _("Scenario: {delivered} of {demand} tanker loads a week reach Bamako ({short} short); {stocks}").format(
        delivered=delivered, demand=demand, short=fmt.percent(h["shortfall_pct"]), stocks=stocks)


def figure(baseline: Outcome, scenario: Outcome, *, catalogue: Catalogue) -> go.Figure:
    """Baseline against scenario: loads a week by corridor (left) and the stock in days of demand (right)."""
    fig = make_subplots(rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.2,
                        subplot_titles=(_("Tanker loads a week, by route"), _("Stock, days of demand")))
    # Legend groups stay the English keys (the panel updates traces in place); names and hovers are translated.
    base_name, scen_name = _("Baseline"), _("Scenario")
    for outcome, key, name, colour in [(baseline, "Baseline", base_name, BASE), (scenario, "Scenario", scen_name, SCEN)]:
        x, y = _bars(outcome)
        fig.add_trace(go.Bar(
            x=x, y=y, orientation="h", name=name, marker_color=colour, legendgroup=key,
            text=[fmt.number(v) for v in x] if key == "Scenario" else None, textposition="outside",
            cliponaxis=False,
            hovertemplate=_("{name}<br>%{{y}}: %{{x:,.0f}} loads a week<extra></extra>").format(name=name)), 1, 1)
    for outcome, key, name, colour, dash in [(baseline, "Baseline", base_name, BASE, "dash"),
                                             (scenario, "Scenario", scen_name, SCEN, "solid")]:
        x, y = _stock(outcome)
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="lines", name=_("{name} stock").format(name=name), legendgroup=key, showlegend=False,
            line=dict(color=colour, dash=dash, width=2.5),
            hovertemplate=_("{name}<br>end of week %{{x}}: %{{y:.1f}} days of demand<extra></extra>").format(
                name=name)), 1, 2)
    for outcome, name, colour in [(baseline, base_name, BASE), (scenario, scen_name, ALERT)]:
        x, y = _stockout(outcome)
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="markers", name=_("{name}: stocks run out").format(name=name),
            marker=dict(color=colour, symbol="x", size=13),
            hovertemplate=_("{name}: stocks run out in week %{{x}}<extra></extra>").format(name=name)), 1, 2)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_xaxes(title_text=_("tanker loads a week"), rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text=_("week"), rangemode="tozero", row=1, col=2)
    fig.update_yaxes(title_text=_("days of demand"), rangemode="tozero", row=1, col=2)
    fig.update_layout(barmode="group", bargap=0.25, width=WIDTH,
                      legend=dict(orientation="h", yanchor="top", y=-0.2, x=0, xanchor="left"))
    note = _("Model: tanker loads a week, same flows every week. Demand is the pre-blockade inflow of \"up to\" "
             "{c031} tankers a month × 12 / 52, an upper bound. Corridor shares, disruption, re-sending and spare "
             "capacity are assumptions (listed beside the panel); no source splits fuel by corridor since "
             "2006.").format(c031=fmt.number(M.ANCHORS["C031"]))
    fig = finish(fig, title=title(scenario), catalogue=catalogue, source_ids=M.SOURCE_IDS, note=note, height=500)
    # The source footer goes below the x-axis titles and the legend; long route labels need a wider left margin.
    return make_room(fig, LEGEND_ROOM, left=LABEL_ROOM)


def examples() -> list[go.Figure]:
    """Baseline (defaults) against a stressed scenario: Dakar and Abidjan routes hit, one escorted convoy a week."""
    from widgets import loaders

    base = defaults(M.PARAMS)
    stressed = {**base, "disruption_dakar": 60, "disruption_abidjan": 30, "escort_per_week": 1}
    return [figure(M.run(base), M.run(stressed), catalogue=loaders.load_catalogue())]
