"""Figure of the displacement scenario: new people by destination over the horizon (baseline grey, scenario blue)
and cumulative new arrivals month by month, next to the arrivals counted in Mauritania in late 2025.

Always seven traces in the same order, whatever the inputs (the panel updates them in place):
0–1 bars by destination (baseline, scenario); 2–3 cumulative arrivals in Mauritania (baseline dashed grey, scenario
blue); 4–5 cumulative arrivals in all host countries (baseline dotted grey, scenario orange); 6 the cited counts.
The figure is a pure function of (baseline, scenario): the title states the scenario's numbers and the month axis
ends at the scenario's horizon.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import fmt
from widgets.i18n import N_, _
from widgets.catalogue import Catalogue
from widgets.figures.common import finish, grow_with_labels
from widgets.figures.theme import PALETTE
from widgets.scenarios import displacement as M
from widgets.scenarios.base import Outcome, defaults

BASE, SCEN, CROSS, OBSERVED = "#9a9a9a", PALETTE[0], PALETTE[1], PALETTE[3]
LABEL_ROOM = 200  # px left of the bars for destination names
TOP_ROOM = 125  # px above the plots for the two-line title and the legend
WIDTH = 1000  # a widget view falls back to 700 px under Voilà; the report column holds about 1,000 px
LEGEND_NAMES = {"Baseline": N_("Baseline (grey; dashed: Mauritania, dotted: all hosts)"),
                "Scenario": N_("Scenario")}
SOURCE_IDS = ["H049", "H043", "H080", "H048"]
NOTE = N_("Model: a constant monthly pace, counted once in the month people are displaced (no returns or onward "
        "moves). The share staying inside is UNHCR's regional figure (H080), not Mali's. The default pace is set so "
        "that arrivals in Mauritania match the late-2025 count (H049); the split between host countries is an "
        "assumption. Month 1 is the first month of the scenario, not a calendar month.")


def _cumulative(outcome: Outcome, destinations: list[str]) -> tuple[list[int], list[float]]:
    """Cumulative new arrivals in `destinations` from month 0 (none yet); empty for an empty horizon."""
    table = outcome.table
    if table.empty:
        return [], []
    by_month = table[table["destination"].isin(destinations)].groupby("month")["cumulative"].sum()
    return [0, *by_month.index.tolist()], [0.0, *by_month.tolist()]


def title(scenario: Outcome) -> str:
    """The claim of the chart, from the scenario's key numbers (the same numbers its bars show, rounded)."""
    h = scenario.headline
    months = int(h["horizon_months"])
    if months == 0 or h["monthly_displaced"] == 0:
        return _("Where newly displaced people from Mali would go: no one in this scenario<br>"
                 "({h048} refugees from Mali were already in Mauritania)").format(h048=fmt.number(M.CITED["H048"]))
    late_2025 = abs(h["per_month:Mauritania"] - M.MAURITANIA_PER_MONTH) <= 0.01 * M.MAURITANIA_PER_MONTH
    values = dict(arrivals=fmt.number(round(h["total:Mauritania"], -2)), months=months,
                  h048=fmt.number(M.CITED["H048"]), pace=fmt.number(h["monthly_displaced"]))
    if late_2025:
        return _("If the late-2025 pace held, Mauritania would receive about {arrivals} new arrivals from Mali in "
                 "{months} months,<br>on top of near {h048} refugees already there").format(**values)
    return _("At {pace} newly displaced a month, Mauritania would receive about {arrivals} new arrivals from Mali in "
             "{months} months,<br>on top of near {h048} refugees already there").format(**values)


def figure(baseline: Outcome, scenario: Outcome, *, catalogue: Catalogue) -> go.Figure:
    """Baseline against scenario: new people by destination (left) and cumulative arrivals by month (right)."""
    fig = make_subplots(rows=1, cols=2, column_widths=[0.5, 0.5], horizontal_spacing=0.12)
    for outcome, name, colour in [(baseline, "Baseline", BASE), (scenario, "Scenario", SCEN)]:
        rows = M.by_destination(outcome)
        label = _(name)
        fig.add_trace(go.Bar(
            x=rows["over_horizon"].tolist(), y=[_(d) for d in rows["destination"]], orientation="h",
            name=_(LEGEND_NAMES[name]),
            marker_color=colour, legendgroup=name,
            text=[fmt.number(v) for v in rows["over_horizon"]], textposition="outside", cliponaxis=False,
            textfont=dict(size=11, color=colour if name == "Scenario" else "#6b6b6b"),
            hovertemplate=_("{name}<br>%{{y}}: %{{x:,.0f}} new people over the horizon<extra></extra>").format(
                name=label)), 1, 1)
    hosts = [*M.HOSTS.values(), M.OTHER]
    for series, destinations, scen_colour, base_dash in [(N_("Mauritania"), ["Mauritania"], SCEN, "dash"),
                                                         (N_("all host countries"), hosts, CROSS, "dot")]:
        for outcome, name in [(baseline, "Baseline"), (scenario, "Scenario")]:
            x, y = _cumulative(outcome, destinations)
            scen = name == "Scenario"
            words = dict(name=_(name), series=_(series))
            fig.add_trace(go.Scatter(
                x=x, y=y, mode="lines", name=_("{name}: {series}").format(**words), legendgroup=name,
                showlegend=scen,
                line=dict(color=scen_colour if scen else BASE, dash="solid" if scen else base_dash,
                          width=2.5 if scen else 2),
                hovertemplate=_("{name}, {series}<br>month %{{x}}: %{{y:,.0f}} new arrivals<extra></extra>").format(
                    **words)), 1, 2)
    fig.add_trace(go.Scatter(
        x=[M.H049_MONTHS, M.H043_MONTHS], y=[M.CITED["H049"], M.CITED["H043"]], mode="markers",
        name=_("Counted in Mauritania, late 2025"), marker=dict(color=OBSERVED, symbol="diamond", size=10),
        customdata=[_("about {n} by end Dec 2025 (H049)").format(n=fmt.number(M.CITED["H049"])),
                    _("{n} by about Jan 2026 (H043)").format(n=fmt.number(M.CITED["H043"]))],
        hovertemplate=_("Counted: %{customdata}<extra></extra>")), 1, 2)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_xaxes(title_text=_("new people over the horizon, by destination"), rangemode="tozero", row=1, col=1)
    # The month axis ends at the scenario's horizon, or at the last cited count if that is later.
    months = max(int(scenario.headline["horizon_months"]), math.ceil(M.H043_MONTHS))
    fig.update_xaxes(title_text=_("months from the start of the scenario"), range=[0, months + 0.5],
                     dtick=3 if months > 6 else 1, row=1, col=2)
    fig.update_yaxes(title_text=_("new arrivals outside Mali, cumulative"), rangemode="tozero", row=1, col=2)
    fig.update_layout(barmode="group", bargap=0.2, width=WIDTH,
                      legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom", font=dict(size=11),
                                  traceorder="normal"))
    fig = finish(fig, title=title(scenario), catalogue=catalogue, source_ids=SOURCE_IDS, note=_(NOTE), height=540, axis_space=50)
    fig.update_layout(margin_l=LABEL_ROOM, margin_t=TOP_ROOM, title_yref="container", title_y=1,
                      title_yanchor="top", title_pad_t=15)
    return grow_with_labels(fig)  # baseline and scenario bars side by side, each with its value


def examples() -> list[go.Figure]:
    """Baseline (defaults) against a stressed scenario: twice the pace, half staying inside, more to Niger."""
    from widgets import loaders  # the model stays pure; only the example reads data

    base = defaults(M.PARAMS)
    stressed = {**base, "monthly_displaced": 2 * base["monthly_displaced"], "share_inside": 50.0,
                "share_niger": 25.0}
    return [figure(M.run(base), M.run(stressed), catalogue=loaders.load_catalogue())]
