"""How current the briefing is: ONE definition of the data cut-off and of the currency badge.

The data cut-off is the date of the newest dated fact in the register: an event's start or end date, or a figure
whose `as_of` names a month or a day (ISO `YYYY-MM` or `YYYY-MM-DD`, the latest such date in the text; a month
counts from its first day, so a month-level figure never makes the record look newer than it is). Figures dated
only to a year ("2025", "2026 (guidance)") describe a period or a projection, not a moment, and do not move the
cut-off. The briefing's age is today (widgets.clock) minus that date, judged against the register's stated cadence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _, ngettext
from widgets.register_text import translate

# An ISO month or day inside free text ("2026-02-09 to 2026-02-15", "2026-03 (early; RFI 6 Mar 2026)").
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d])")
STATUSES = ("current", "ageing", "stale")
# A briefing is "current" within one cadence of its newest fact, "ageing" up to three, "stale" beyond.
AGEING_AFTER_CADENCES, STALE_AFTER_CADENCES = 1, 3
STATUS_WORDS = {"current": N_("current"), "ageing": N_("ageing"), "stale": N_("stale")}  # as shown on the page


def as_of_date(text: str) -> date | None:
    """The latest ISO month or day named in a figure's `as_of` text (a month counts from its first day)."""
    found = []
    for year, month, day in _ISO.findall(str(text)):
        try:
            found.append(date(int(year), int(month), int(day) if day else 1))
        except ValueError:
            continue
    return max(found) if found else None


def fact_dates(events: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Every dated fact: columns id, date (datetime.date), kind ('event' or 'figure')."""
    rows = []
    for event_id, start, end in zip(events["event_id"], events["date_start"], events["date_end"]):
        days = [pd.Timestamp(d).date() for d in (start, end) if not pd.isna(d) and str(d) != ""]
        if days:
            rows.append((event_id, max(days), "event"))
    for figure_id, as_of in zip(figures["figure_id"], figures["as_of"]):
        day = as_of_date(as_of)
        if day is not None:
            rows.append((figure_id, day, "figure"))
    return pd.DataFrame(rows, columns=["id", "date", "kind"])


@dataclass(frozen=True)
class Cutoff:
    """The data cut-off: the newest dated fact and the row it comes from."""

    day: date
    fact_id: str
    kind: str  # event / figure


def data_cutoff(events: pd.DataFrame, figures: pd.DataFrame, today: date | None = None) -> Cutoff:
    """The newest dated fact (ties: events before figures, then the lower id). Facts after `today` are ignored."""
    facts = fact_dates(events, figures)
    if today is not None:
        facts = facts[facts["date"] <= today]
    if facts.empty:
        raise ValueError("the register holds no dated fact")
    facts = facts.assign(order=facts["kind"].map({"event": 0, "figure": 1}))
    newest = facts.sort_values(["date", "order", "id"], ascending=[False, True, True]).iloc[0]
    return Cutoff(day=newest["date"], fact_id=newest["id"], kind=newest["kind"])


@dataclass(frozen=True)
class Currency:
    cutoff: Cutoff
    today: date
    cadence_days: int
    cadence: str  # the stated cadence in words, e.g. "reviewed monthly while the crisis lasts"

    @property
    def age_days(self) -> int:
        return (self.today - self.cutoff.day).days

    @property
    def status(self) -> str:
        if self.age_days <= AGEING_AFTER_CADENCES * self.cadence_days:
            return "current"
        return "ageing" if self.age_days <= STALE_AFTER_CADENCES * self.cadence_days else "stale"

    @property
    def status_word(self) -> str:
        """The status as the page shows it ('current', in French 'à jour')."""
        return _(STATUS_WORDS[self.status])

    def rule(self) -> str:
        """The thresholds in words (the cadence is the catalogue's own words)."""
        return _("current up to {ageing} days after the newest fact, ageing up to {stale} days, stale beyond (the "
                 "register is {cadence})").format(ageing=fmt.number(AGEING_AFTER_CADENCES * self.cadence_days),
                                                  stale=fmt.number(STALE_AFTER_CADENCES * self.cadence_days),
                                                  cadence=translate(self.cadence))

    def sentence(self) -> str:
        """One plain sentence on what the age means for the reader."""
        ago = _("today") if self.age_days == 0 else ngettext(
            "{n} day ago", "{n} days ago", self.age_days).format(n=fmt.number(self.age_days))
        # Whole sentences per kind, as French gives the two words different genders.
        head = (_("The newest event in this briefing is from {day}, {ago}") if self.cutoff.kind == "event" else
                _("The newest dated figure in this briefing is from {day}, {ago}"))
        head = head.format(day=fmt.day(self.cutoff.day), ago=ago)
        if self.status == "current":
            return _("{head}; the record is within its review cycle.").format(head=head)
        if self.status == "ageing":
            return _("{head}; events since then may be missing.").format(head=head)
        return _("{head}; it may no longer describe the situation.").format(head=head)


def currency(cutoff: Cutoff, today: date, cadence_days: int, cadence: str) -> Currency:
    if cadence_days <= 0:
        raise ValueError("the cadence must be a positive number of days")
    return Currency(cutoff=cutoff, today=today, cadence_days=int(cadence_days), cadence=cadence)
