"""Displacement out of Mali: where newly displaced people go, month by month, if a monthly pace holds.

Arithmetic (every month of the horizon repeats the first; parameters held constant):
    inside Mali (IDPs) per month = new displacement × share that stays inside
    crossing per month           = new displacement − inside Mali
    host country h per month     = crossing × share of h   (host shares scaled to 100 % if they add up to more;
                                   if they add up to less, the rest is "other or unknown destination")
    cumulative after month m     = per month × m
So the destinations always add up to new displacement × months.

Pure: no files. The cited numbers below are copied from data/processed/figures.csv under their figure ids;
tests/test_scenario_displacement.py checks each against the file, so a change in the data fails the tests.
"""

from __future__ import annotations

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _
from widgets.scenarios.base import Outcome, Param, Preset, clamp, said, summary_columns

# Cited figures used as defaults or reference points (figure id → value_num in figures.csv).
CITED: dict[str, float] = {
    "H049": 7300.0,     # new arrivals in south-east Mauritania, late Oct to end Dec 2025 (about), UNHCR
    "H043": 9643.0,     # new Malian refugees in Hodh Ech Chargui, 24 Oct 2025 to about Jan 2026 ("three months")
    "H009": 1000.0,     # new Malian refugees in Mauritania per week, late Dec 2025 ("plus de mille")
    "H080": 75.0,       # share of the displaced who stay inside their own country, %, Central Sahel and neighbours
    "H048": 300000.0,   # refugees in Mauritania, mainly Malian, Nov 2025 ("près de")
    "H050": 300000.0,   # Malian refugees in Mauritania, Dec 2025 ("plus de")
    "H004": 70000.0,    # Mbera camp official capacity, 2024
    "H003": 99000.0,    # Mbera camp population, 29 Feb 2024
    "H069": 429499.0,   # refugees and asylum seekers in Niger, 30 Jul 2025 (29 % from Mali)
    "H059": 1377.0,     # Malian asylum seekers in northern Côte d'Ivoire, circa 2024
    "H058": 200.0,      # Malians arriving at Pogo, Côte d'Ivoire, "more than", in a few days, Nov 2025
    "H074": 415000.0,   # IDPs in Mali, Feb 2026 ("more than"; another report of the same launch says "nearly")
}
H049_MONTHS = 2.0        # H049's stated period: end of Oct to end of Dec 2025
H043_MONTHS = 3.0        # H043's stated period: "three months" from 24 Oct 2025
NIGER_MALIAN_SHARE = 29.0  # percent of H069's refugees and asylum seekers who are from Mali (stated in H069's unit)

MAURITANIA_PER_MONTH = CITED["H049"] / H049_MONTHS  # 7,300 ÷ 2 = 3,650 a month

# Destination names are the table's keys (English); they are translated where shown.
INSIDE, OTHER = N_("Inside Mali (IDPs)"), N_("Other or unknown destination")
HOSTS: dict[str, str] = {  # parameter key → destination name
    "share_mauritania": N_("Mauritania"), "share_niger": N_("Niger"), "share_cote_divoire": N_("Côte d'Ivoire"),
    "share_burkina_faso": N_("Burkina Faso"), "share_guinea": N_("Guinea"), "share_senegal": N_("Senegal"),
    "share_algeria": N_("Algeria"),
}
DESTINATIONS = [INSIDE, *HOSTS.values(), OTHER]

_n = fmt.number
# Default host shares of the people who cross a border (assumptions; the reasoning is on each slider).
_HOST_DEFAULTS = {"share_mauritania": 80.0, "share_niger": 10.0, "share_cote_divoire": 5.0,
                  "share_burkina_faso": 2.0, "share_guinea": 1.0, "share_senegal": 1.0, "share_algeria": 1.0}
# The default total reproduces the cited pace into Mauritania under the default shares:
# 3,650 ÷ (25 % crossing × 80 % of them to Mauritania) = 18,250 a month (rounded to the slider step of 50).
_STEP_TOTAL = 50.0
_DEFAULT_TOTAL = round(MAURITANIA_PER_MONTH / ((1 - CITED["H080"] / 100) * _HOST_DEFAULTS["share_mauritania"] / 100)
                       / _STEP_TOTAL) * _STEP_TOTAL
_NIGER_MALIANS = CITED["H069"] * NIGER_MALIAN_SHARE / 100  # about 124,555: our arithmetic, the share is rounded
# Split of the cited stock between the two hosts with a count (Mauritania H048, Niger derived from H069), in %.
_STOCK_MAURITANIA_PCT = 100 * CITED["H048"] / (CITED["H048"] + _NIGER_MALIANS)

def _numbers() -> dict[str, str]:
    """The cited numbers and our arithmetic that the texts name, formatted in the page's language when shown."""
    c = CITED
    numbers = dict(h049=_n(c["H049"]), h049_months=_n(H049_MONTHS), per_month=_n(MAURITANIA_PER_MONTH),
                crossing=_n(100 - c["H080"]), to_mauritania=_n(_HOST_DEFAULTS["share_mauritania"]),
                default_total=_n(_DEFAULT_TOTAL), h043=_n(c["H043"]), h043_months=_n(H043_MONTHS),
                h043_per_month=_n(c["H043"] / H043_MONTHS), h009=_n(c["H009"]), h080=_n(c["H080"]),
                h074=_n(c["H074"]), h048=_n(c["H048"]), h050=_n(c["H050"]),
                stock_mauritania=_n(_STOCK_MAURITANIA_PCT), niger_malians_k=_n(round(_NIGER_MALIANS, -3)),
                niger_malians=_n(round(_NIGER_MALIANS, -2)), niger_share=_n(NIGER_MALIAN_SHARE),
                h069=_n(c["H069"]), to_niger=_n(_HOST_DEFAULTS["share_niger"]),
                stock_niger=_n(100 - _STOCK_MAURITANIA_PCT), h058=_n(c["H058"]), h059=_n(c["H059"]),
                to_cote_divoire=_n(_HOST_DEFAULTS["share_cote_divoire"]), h004=_n(c["H004"]), h003=_n(c["H003"]))
    # Percentages as fmt writes them (the % inside the placeholder keeps the msgids free of "% o"-like sequences
    # that gettext tools read as printf conversions).
    percents = dict(crossing=100 - c["H080"], to_mauritania=_HOST_DEFAULTS["share_mauritania"], h080=c["H080"],
                    stock_mauritania=_STOCK_MAURITANIA_PCT, niger_share=NIGER_MALIAN_SHARE,
                    to_niger=_HOST_DEFAULTS["share_niger"], stock_niger=100 - _STOCK_MAURITANIA_PCT,
                    to_cote_divoire=_HOST_DEFAULTS["share_cote_divoire"])
    return {**numbers, **{f"{k}_pct": fmt.percent(v) for k, v in percents.items()}}


_NO_COUNT = N_("Our sources give no count of Malian refugees there and report no arrivals since the blockade began; "
               "a small share keeps the route in the model.")
PARAMS: list[Param] = [
    Param("monthly_displaced", N_("Newly displaced people per month"), _DEFAULT_TOTAL, 0.0, 50000.0, _STEP_TOTAL,
          N_("people/month"), "assumption",
          N_("No source gives how many people in Mali are newly displaced each month. The default is the pace that "
             "reproduces the arrivals counted in Mauritania: about {h049} from the end of October to the end of "
             "December 2025 (H049), i.e. {h049} ÷ {h049_months} months = {per_month} a month. With {crossing_pct} "
             "crossing a border (H080) and {to_mauritania_pct} of them going to Mauritania (assumption), that takes "
             "{per_month} ÷ ({crossing_pct} × {to_mauritania_pct}) = {default_total} newly displaced a month. Other "
             "counts of the same wave give {h043} in about {h043_months} months (H043, about {h043_per_month} a "
             "month) and more than {h009} a week in late December (H009)."), _numbers),
    Param("share_inside", N_("Share who stay inside Mali (IDPs)"), CITED["H080"], 0.0, 100.0, 1.0, "%", "H080",
          N_("UNHCR, 2025: {h080_pct} of the people displaced in the Central Sahel and neighbouring countries remain "
             "inside their own country. This is a regional figure, not one for Mali; none for Mali alone was found. "
             "Mali's own counts suggest fewer stay: about {h074} IDPs in Feb 2026 (H074) against near {h048} "
             "refugees in Mauritania alone (H048)."), _numbers),
    Param("share_mauritania", N_("Of those who cross: to Mauritania"), _HOST_DEFAULTS["share_mauritania"], 0.0,
          100.0, 1.0, N_("{percent} of crossings"), "assumption",
          N_("Most new arrivals reported since the blockade began were in Mauritania (about {h049} by end Dec 2025, "
             "H049). No source gives the split of new refugees by host country; the stock of Malian refugees would "
             "give Mauritania about {stock_mauritania_pct} (near {h048}, H048, against about {niger_malians_k} in "
             "Niger, H069), but most of those arrived before the blockade."), _numbers),
    Param("share_niger", N_("Of those who cross: to Niger"), _HOST_DEFAULTS["share_niger"], 0.0, 100.0, 1.0,
          N_("{percent} of crossings"), "assumption",
          N_("Malians are {niger_share_pct} of the {h069} refugees and asylum seekers in Niger (Jul 2025, H069), so "
             "the route is established, but our sources report no new arrivals there since the blockade began. "
             "{to_niger_pct} is a guess below Niger's share of the stock (about {stock_niger_pct} of the Malian "
             "refugees counted in Mauritania and Niger)."), _numbers),
    Param("share_cote_divoire", N_("Of those who cross: to Côte d'Ivoire"), _HOST_DEFAULTS["share_cote_divoire"],
          0.0, 100.0, 1.0, N_("{percent} of crossings"), "assumption",
          N_("More than {h058} Malians reached Pogo within a few days in Nov 2025, fleeing fighting near the border "
             "(H058); {h059} Malian asylum seekers were in the north around 2024 (H059). No monthly pace is given; "
             "{to_cote_divoire_pct} is a guess."), _numbers),
    Param("share_burkina_faso", N_("Of those who cross: to Burkina Faso"), _HOST_DEFAULTS["share_burkina_faso"], 0.0,
          100.0, 1.0, N_("{percent} of crossings"), "assumption", _NO_COUNT),
    Param("share_guinea", N_("Of those who cross: to Guinea"), _HOST_DEFAULTS["share_guinea"], 0.0, 100.0, 1.0,
          N_("{percent} of crossings"), "assumption", _NO_COUNT),
    Param("share_senegal", N_("Of those who cross: to Senegal"), _HOST_DEFAULTS["share_senegal"], 0.0, 100.0, 1.0,
          N_("{percent} of crossings"), "assumption", _NO_COUNT),
    Param("share_algeria", N_("Of those who cross: to Algeria"), _HOST_DEFAULTS["share_algeria"], 0.0, 100.0, 1.0,
          N_("{percent} of crossings"), "assumption", _NO_COUNT),
    Param("horizon_months", N_("Horizon"), 12.0, 0.0, 24.0, 1.0, N_("months"), "assumption",
          N_("One year. Every month repeats the first (parameters held constant), so totals are the monthly "
             "figures times the number of months. Month 1 is the first month of the scenario, not a calendar "
             "month.")),
]

_ASSUMPTIONS: list[str] = [
    N_("A what-if, not a forecast: it asks where people would go if a monthly pace held. Our record of events ends "
       "in early 2026 (nothing found after January 2026); the model does not say the blockade or the displacement "
       "went on."),
    N_("The default pace is set so that arrivals in Mauritania match the late-2025 count (about {per_month} a month, "
       "from {h049} in about {h049_months} months, H049). The total and the number of IDPs then follow from the "
       "shares, which are partly assumptions: no source gives how many people are newly displaced in Mali each "
       "month."),
    N_("The {h080_pct} who stay inside is UNHCR's figure for the Central Sahel and neighbours (H080), not Mali's. "
       "Mali's counts (about {h074} IDPs, H074; near {h048} refugees in Mauritania, H048) suggest a lower share for "
       "Mali, which would mean fewer new IDPs for the same pace into Mauritania."),
    N_("No source gives how new refugees from Mali split between host countries: every host share is an assumption "
       "(mostly Mauritania, where recent arrivals were reported). Shares that add up to more than 100 % are scaled "
       "down; if they add up to less, the rest is shown as 'other or unknown destination'."),
    N_("People are counted once, in the month they are displaced. Returns, onward moves, births, deaths and "
       "re-registration are not modelled, so the cumulative numbers are new arrivals, not the population of a "
       "country or a camp at any date."),
    N_("Current numbers next to the projections come from different dates and definitions (refugees, asylum "
       "seekers, IDPs). Niger's Malian refugees are our arithmetic: {niger_share_pct} of {h069} (H069), with a rounded "
       "share. For Burkina Faso, Guinea, Senegal and Algeria no current number was found in our sources. Arrivals "
       "are not assigned to camps: Mbera (capacity {h004}, H004; {h003} living there in Feb 2024, H003) is shown as "
       "context only."),
]

# Named scenarios for the panel and the static export. The values are assumptions chosen to illustrate (labelled so
# on the page); only the defaults they start from are sourced.
PRESETS: list[Preset] = [
    Preset(N_("Baseline (cited defaults)"),
           N_("Every parameter at its default: the pace that reproduces the late-2025 arrivals in Mauritania (H049), "
              "with the regional share who stay inside (H080).")),
    Preset(N_("The pace doubles"),
           N_("Twice the default monthly displacement, as if the pressure that drove the late-2025 wave (H049) "
              "intensified; shares unchanged."),
           {"monthly_displaced": 2 * _DEFAULT_TOTAL}),
    Preset(N_("Half stay inside Mali"),
           N_("Mali's own counts suggest fewer people stay inside than the regional figure (H074 against H048); half "
              "of the newly displaced are assumed to cross a border."),
           {"share_inside": 50}),
    Preset(N_("More go south and east"),
           N_("Arrivals reported at Pogo in Côte d'Ivoire (H058) and the established route to Niger (H069) take a "
              "larger share of the people who cross, Mauritania less."),
           {"share_mauritania": 60, "share_niger": 20, "share_cote_divoire": 15}),
]

# What each destination holds now, from our sources (text shown next to the projections); "—" for none.
_NOT_FOUND = N_("not found in our sources")
_CURRENT: dict[str, str] = {
    INSIDE: N_("about {h074} IDPs in Feb 2026 (H074; reports differ on 'more than' or 'nearly')"),
    "Mauritania": N_("near {h048} refugees, mainly Malian, Nov 2025 (H048); 'more than {h050}' Malian refugees, "
                     "Dec 2025 (H050)"),
    "Niger": N_("about {niger_malians} Malian refugees and asylum seekers, Jul 2025 ({niger_share_pct} of {h069}, "
                "H069; our arithmetic)"),
    "Côte d'Ivoire": N_("{h059} Malian asylum seekers in the north, about 2024 (H059)"),
    "Burkina Faso": _NOT_FOUND,
    "Guinea": _NOT_FOUND,
    "Senegal": _NOT_FOUND,
    "Algeria": _NOT_FOUND,
    OTHER: "—",
}
_MBERA = N_("Mbera camp (Mauritania): official capacity {h004} (H004); {h003} living there in Feb 2024 (H003)")


def current() -> dict[str, str]:
    """Each destination's current number from our sources, in the page's language."""
    return {d: said(text, _numbers) if text != "—" else text for d, text in _CURRENT.items()}


def assumptions() -> list[str]:
    """The model's assumptions, in the page's language."""
    return [said(a, _numbers) for a in _ASSUMPTIONS]


def __getattr__(name: str):
    """`ASSUMPTIONS`, `CURRENT` and `MBERA` read in the page's language at the moment they are shown."""
    if name == "ASSUMPTIONS":
        return assumptions()
    if name == "CURRENT":
        return current()
    if name == "MBERA":
        return said(_MBERA, _numbers)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _shares(v: dict[str, float]) -> tuple[dict[str, float], list[str]]:
    """Fraction of the people who cross that goes to each destination (hosts + other); adds up to 1."""
    total = sum(v[k] for k in HOSTS)
    messages = []
    if total > 100:
        messages.append(_("The host-country shares add up to {total}; they were scaled to 100 % (each divided by "
                          "{divisor}).").format(total=fmt.percent(total), divisor=fmt.number(total / 100, 2)))
        fractions = {name: v[k] / total for k, name in HOSTS.items()}
        fractions[OTHER] = 0.0
    else:
        fractions = {name: v[k] / 100 for k, name in HOSTS.items()}
        fractions[OTHER] = (100 - total) / 100
        if total == 0:
            messages.append(_("Every host-country share is 0 %: everyone who crosses a border is counted as "
                              "'other or unknown destination'."))
        elif total < 100:
            messages.append(_("The host-country shares add up to {total}: the other {rest} of those who cross are "
                              "counted as 'other or unknown destination'.").format(total=fmt.percent(total),
                                                                                  rest=fmt.percent(100 - total)))
    return fractions, messages


def run(values: dict[str, float]) -> Outcome:
    """New arrivals per destination and month (and cumulative) for any input (clamped to range)."""
    v, messages = clamp(values, PARAMS)
    months = int(round(v["horizon_months"]))
    if months != v["horizon_months"]:
        messages.append(_("Horizon {value} months is not a whole number; {months} months are used.").format(
            value=f"{v['horizon_months']:g}", months=months))
    fractions, share_messages = _shares(v)
    total = v["monthly_displaced"]
    inside = total * v["share_inside"] / 100
    crossing = total - inside
    per_month = {INSIDE: inside, **{d: crossing * f for d, f in fractions.items()}}

    if total == 0:
        messages.append(_("No new displacement: every number is zero."))
    elif v["share_inside"] == 100:
        messages.append(_("Everyone stays inside Mali: no one crosses a border, so the host-country shares have "
                          "no effect."))
    else:
        messages += share_messages
    if months == 0:
        messages.append(_("Horizon of 0 months: the month-by-month table is empty and every total is zero; the "
                          "monthly figures are still shown."))

    rows = [(m, d, per_month[d], per_month[d] * m) for m in range(1, months + 1) for d in DESTINATIONS]
    table = pd.DataFrame(rows, columns=["month", "destination", "new_in_month", "cumulative"]).astype(
        {"month": "int64", "destination": "object", "new_in_month": "float64", "cumulative": "float64"})
    headline = dict(monthly_displaced=total, share_inside_pct=v["share_inside"], horizon_months=float(months),
                    crossing_per_month=crossing, total_displaced=total * months, total_crossing=crossing * months)
    for d in DESTINATIONS:
        headline[f"per_month:{d}"] = per_month[d]
        headline[f"total:{d}"] = per_month[d] * months
    return Outcome(table=table, messages=messages, headline=headline)


def by_destination(outcome: Outcome) -> pd.DataFrame:
    """One row per destination: new arrivals per month and over the horizon, and the current number from sources."""
    h, now = outcome.headline, current()
    return pd.DataFrame({
        "destination": DESTINATIONS,
        "per_month": [h[f"per_month:{d}"] for d in DESTINATIONS],
        "over_horizon": [h[f"total:{d}"] for d in DESTINATIONS],
        "current_from_sources": [now[d] for d in DESTINATIONS],
    })


def _signed(value: float) -> str:
    return _("no change") if round(value) == 0 else f"{'+' if value > 0 else '−'}{fmt.number(abs(value))}"


def summary(baseline: Outcome, scenario: Outcome) -> pd.DataFrame:
    """Baseline and scenario side by side; each destination's row names its current number from our sources."""
    b, s, now = baseline.headline, scenario.headline, current()
    rows = [
        (_("Newly displaced per month"), b["monthly_displaced"], s["monthly_displaced"]),
        (_("Horizon (months)"), b["horizon_months"], s["horizon_months"]),
        (_("Newly displaced over the horizon"), b["total_displaced"], s["total_displaced"]),
        (_("Crossing a border over the horizon"), b["total_crossing"], s["total_crossing"]),
        (_("Arrivals in Mauritania per month (counted late 2025: about {per_month}, H049)").format(
            per_month=_n(MAURITANIA_PER_MONTH)), b["per_month:Mauritania"], s["per_month:Mauritania"]),
    ]
    rows += [(_("{destination}, new over the horizon (now: {now})").format(destination=_(d), now=now[d])
              if now[d] != "—" else _("{destination}, new over the horizon").format(destination=_(d)),
              b[f"total:{d}"], s[f"total:{d}"]) for d in DESTINATIONS]
    table = [(label, fmt.number(x), fmt.number(y), _signed(y - x)) for label, x, y in rows]
    context = _("context only: arrivals are not assigned to camps")
    table.append((said(_MBERA, _numbers), context, context, "—"))
    return pd.DataFrame(table, columns=summary_columns())
