"""Change flags as a reader sees them, in the manner of Crisis Group's CrisisWatch: an arrow, a colour and a word
(never the colour alone), and the thresholds in plain words next to every flag table.

The flags themselves ('rising', 'falling', 'no flag', 'no baseline') are computed by widgets.analysis.threat; this
module only shows them. Colours come from the page's stylesheet (briefing.css: .flag-badge), one set per theme.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from widgets.analysis import threat as A
from widgets.i18n import N_, _

# flag → (CSS tone, arrow, words). "Rising" is red-ish (a deterioration) and "falling" green-ish (an improvement)
# when more events of the kind counted is plainly worse; see NEUTRAL_TYPES.
SHOWN = {flag: (tone, arrow, A.FLAG_WORDS[flag]) for flag, tone, arrow in (
    ("rising", "deteriorated", "↑"), ("falling", "improved", "↓"), ("no flag", "unchanged", "→"),
    ("no baseline", "no-baseline", "–"))}
# Event types for which more events is not plainly a deterioration (the state's actions, negotiations and
# releases, the catch-all): their arrows are drawn in a neutral colour.
NEUTRAL_TYPES = ("state_air_strike", "state_escort_or_ops", "negotiation_or_release", "other")
# A movement between two editions (widgets.analysis.changes.flag_moves) → (CSS tone, arrow).
MOVES = {"deteriorated": ("deteriorated", "↑"), "improved": ("improved", "↓"), "unchanged": ("unchanged", "→")}
MOVE_WORDS = {"deteriorated": N_("deteriorated"), "improved": N_("improved"), "unchanged": N_("unchanged")}


def judged(event_type: str | None) -> bool:
    """Whether a rise in events of this type (None: all types) reads as a deterioration."""
    return event_type not in NEUTRAL_TYPES


def badge(flag: str, *, judge: bool = True) -> str:
    """'<span class="flag-badge deteriorated">↑ rising</span>': arrow (hidden from screen readers) and word."""
    tone, arrow, words = SHOWN.get(flag, ("unchanged", "→", flag))
    if not judge and tone in ("deteriorated", "improved"):
        tone = "neutral"
    return (f'<span class="flag-badge {tone}"><span class="flag-arrow" aria-hidden="true">{arrow}</span> '
            f'{html.escape(_(words))}</span>')  # the analysis module's words, translated where shown


def move_badge(movement: str) -> str:
    """A movement between editions ('deteriorated', 'improved', 'unchanged') as an arrow and its word."""
    tone, arrow = MOVES.get(movement, ("unchanged", "→"))
    return (f'<span class="flag-badge {tone}"><span class="flag-arrow" aria-hidden="true">{arrow}</span> '
            f'{html.escape(_(MOVE_WORDS.get(movement, movement)))}</span>')


def legend(*, judge: bool = True) -> str:
    """One line saying what each arrow means, with the arrows drawn as in the tables."""
    more, fewer = html.escape(_("more events")), html.escape(_("fewer events"))
    unrecorded = html.escape(_("the preceding window is not fully recorded"))
    items = [f"{badge('rising', judge=judge)} {more}", f"{badge('falling', judge=judge)} {fewer}", badge("no flag"),
             f"{badge('no baseline')} {unrecorded}"]
    colours = (_("Red: a deterioration; green: an improvement.") if judge else
               _("More events of this type is not plainly worse, so the arrows carry no colour judgement."))
    how = html.escape(_("How to read the arrows:"))
    return f'<p class="flag-legend">{how} {"; ".join(items)}. {html.escape(colours)}</p>'


def table_html(frame: pd.DataFrame, *, flag_column: str = "flag", judge: bool = True) -> str:
    """A flag table as page.table_html draws one, its flag column as badges; every other cell escaped."""
    if flag_column not in frame:
        raise KeyError(f"no column {flag_column!r} in the flag table")
    shown = frame.astype(object).map(lambda v: html.escape(str(v)))
    shown[flag_column] = [badge(str(f), judge=judge) for f in frame[flag_column]]
    shown.columns = [html.escape(str(c)) for c in frame.columns]
    body = shown.to_html(index=False, escape=False, border=0, classes="briefing-table")
    return re.sub(r"^<table[^>]*>", '<table class="briefing-table">', body.strip(), count=1)


def rule_html(min_count: int = A.MIN_COUNT, ratio: float = A.RATIO) -> str:
    """The thresholds in words (widgets.analysis.threat.flag_rule_text), escaped for the page."""
    return html.escape(A.flag_rule_text(min_count, ratio))


def panel(head: str, tables: list[str]) -> str:
    """The flag panel: its heading and rule (`head`, HTML), then the tables side by side, all at the tables' size
    (briefing.css: .flag-panel; 18 px in the projector theme)."""
    return (f'<div class="flag-panel">{head}<div style="display:flex;gap:32px;flex-wrap:wrap">'
            + "".join(f"<div>{t}</div>" for t in tables) + "</div></div>")


def tables(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, record_start: pd.Timestamp, *,
           judge: bool = True) -> list[str]:
    """The region and the corridor table of change flags for one window, as the live panel and the export show
    them, in the page's language."""
    out = []
    for by, label, none in (("admin1", _("Region (pre-2023)"), _("No region (pre-2023) has events.")),
                            ("corridor", _("Corridor"), _("No corridor has events."))):
        flags = A.change_flags(events, start, end, by, record_start=record_start)
        flags["group"] = [_(g) if g == A.NOT_STATED else g for g in flags["group"]]  # the one word of the code's
        flags = flags.rename(columns={"group": label, "events": _("events in window"),
                                      "baseline": _("events in preceding window"), "flag": _("change")})
        out.append(table_html(flags, flag_column=_("change"), judge=judge) if len(flags)
                   else f"<p>{html.escape(none, quote=False)}</p>")
    return out
