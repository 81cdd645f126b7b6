"""Figure of the gold revenue-at-risk scenario: one year's output (baseline bar grey, scenario bar in colour, the
part at risk stacked on top) and the state revenue at risk added up over the horizon.

Always eight traces (six bars, two lines) in the same order, whatever the inputs, so the scenario panel can update
them in place. The figure is a pure function of (baseline, scenario): the title states the scenario's numbers and the
year axis ends at the scenario's horizon, so a PNG taken after any slider move carries a true headline.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import fmt
from widgets.i18n import N_, _
from widgets.catalogue import Catalogue
from widgets.figures.common import finish, make_room
from widgets.figures.theme import MUTED, PALETTE
from widgets.scenarios import gold as model
from widgets.scenarios.base import Outcome, defaults

BLUE, ORANGE, VERMILION = PALETTE[0], PALETTE[1], PALETTE[3]
GREYS = {"not_disrupted_t": "#c8c8c8", "at_risk_kayes_t": "#7a7a7a", "at_risk_rest_t": "#a3a3a3"}
PARTS = [("not_disrupted_t", N_("Output not disrupted"), BLUE),
         ("at_risk_kayes_t", N_("At risk: Kayes region"), VERMILION),
         ("at_risk_rest_t", N_("At risk: rest of Mali"), ORANGE)]
LEGEND_PX = 80  # two legend rows on a narrow page
SUBPLOT_TITLES_PX = 26  # the panel titles sit above the plots, under the (always two-line) title
SOURCE_IDS = [p.source for p in model.PARAMS if p.source != "assumption"]
NOTE = N_("Model: industrial gold only; disrupted output is lost for the year; every year repeats the first "
          "(parameters held constant). Disruption shares are assumptions (baseline: none). State take = royalty "
          "only: taxes and dividends are not modelled, so the state revenue at risk is a lower bound at the "
          "default.")


def _label(tonnes: float) -> str:
    return "" if tonnes <= 0 else _("{n} t").format(n=fmt.number(tonnes, 1))


def _bars(fig: go.Figure, outcome: Outcome, name: str, coloured: bool) -> None:
    """One stacked bar (three traces) for one year of `outcome`."""
    for key, label, colour in PARTS:
        label = _(label)
        tonnes = outcome.headline[key]
        fig.add_trace(go.Bar(
            x=[name], y=[tonnes], name=label, legendgroup=key, showlegend=coloured,
            marker=dict(color=colour if coloured else GREYS[key], line=dict(color="white", width=1)),
            text=[_label(tonnes)], textposition="inside", insidetextanchor="middle",
            hovertemplate=_("{name}<br>{part}: %{{y:,.1f}} t<extra></extra>").format(name=name, part=label)),
            row=1, col=1)


def _cumulative(fig: go.Figure, outcome: Outcome, name: str, coloured: bool, years: int) -> None:
    """State revenue at risk added up year by year over `years` (the scenario's horizon, so that baseline and
    scenario are compared over the same years; every year repeats the first, see the model)."""
    per_year = outcome.headline["state_revenue_at_risk_usd"] / 1e6
    fig.add_trace(go.Scatter(
        x=list(range(1, years + 1)), y=[per_year * year for year in range(1, years + 1)],
        name=_("State revenue at risk: {name}").format(name=name.lower()), mode="lines+markers",
        line=dict(color=VERMILION if coloured else MUTED, width=3 if coloured else 2,
                  dash="solid" if coloured else "dash"),
        hovertemplate=_("{name}, year %{{x}}: USD %{{y:,.1f}} m cumulative<extra></extra>").format(name=name)),
        row=1, col=2)


def title(scenario: Outcome) -> str:
    """The claim of the chart, from the scenario's numbers (the baseline has no disruption by definition)."""
    h = scenario.headline
    price, take = fmt.number(h["price_usd_oz"]), fmt.number(h["state_take_pct"], 1)
    per_tonne = fmt.number(h["state_usd_per_tonne"] / 1e6, 1)
    if h["at_risk_t"] <= 0:
        return _("At {price} USD/oz and a {take} % take, each tonne of gold not produced costs the state about "
                 "USD {per_tonne} m<br>No output is disrupted in this scenario").format(
            price=price, take=take, per_tonne=per_tonne)
    years = int(h["horizon_years"])
    tonnes, share = fmt.number(h["at_risk_t"], 1), fmt.percent(h["at_risk_share_pct"])
    if years == 0:
        return _("Scenario: {tonnes} t of gold a year at risk ({share} of output)<br>but a horizon of 0 years puts "
                 "no revenue at risk").format(tonnes=tonnes, share=share)
    span = _("one year") if years == 1 else _("{n} years").format(n=years)
    return _("Scenario: {tonnes} t of gold a year at risk ({share} of output) would cost the state about USD "
             "{total} m over {span}<br>at {price} USD/oz and a {take} % take (USD {per_tonne} m a tonne)").format(
        tonnes=tonnes, share=share, total=fmt.number(h["total_state_revenue_at_risk_usd"] / 1e6, 1), span=span,
        price=price, take=take, per_tonne=per_tonne)


def figure(baseline: Outcome, scenario: Outcome, *, catalogue: Catalogue) -> go.Figure:
    """Baseline vs scenario: one year's output split by what is at risk, and cumulative state revenue at risk."""
    fig = make_subplots(rows=1, cols=2, column_widths=[0.42, 0.58], horizontal_spacing=0.1,
                        subplot_titles=[_("Industrial gold output in one year"), _("State revenue at risk, cumulative")])
    _bars(fig, baseline, _("Baseline"), coloured=False)
    _bars(fig, scenario, _("Scenario"), coloured=True)
    years = int(scenario.headline["horizon_years"])
    _cumulative(fig, baseline, _("Baseline"), coloured=False, years=years)
    _cumulative(fig, scenario, _("Scenario"), coloured=True, years=years)
    fig.update_layout(barmode="stack", legend=dict(orientation="h", x=0, y=-0.09, yanchor="top"),
                      uniformtext=dict(minsize=10, mode="hide"))
    fig.update_yaxes(title_text=_("tonnes per year"), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=_("USD million (added up over the years)"), rangemode="tozero", row=1, col=2)
    # The year axis ends at the scenario's horizon (one year shown for a horizon of 0, whose line is empty).
    fig.update_xaxes(tickprefix=_("year "), dtick=1, range=[0.5, max(years, 1) + 0.5], row=1, col=2)
    fig = finish(fig, title=title(scenario), catalogue=catalogue, source_ids=SOURCE_IDS, note=_(NOTE), height=500, axis_space=50)
    # The legend above the source line; the panel titles under the title; the left axis title.
    return make_room(fig, LEGEND_PX, top=SUBPLOT_TITLES_PX, left=70)


def examples() -> list[go.Figure]:
    """Baseline (cited defaults, no disruption) against half of Kayes output and a tenth of the rest disrupted."""
    from widgets import loaders  # the model stays pure; only the example reads data

    base_values = defaults(model.PARAMS)
    baseline = model.run(base_values)
    stressed = model.run(dict(base_values, kayes_disrupted_pct=50.0, rest_disrupted_pct=10.0))
    return [figure(baseline, stressed, catalogue=loaders.load_catalogue())]
