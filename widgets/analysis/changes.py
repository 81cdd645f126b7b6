"""What changed since an earlier edition, as analysis: flags that moved and statements whose wording changed.

The register-level diff (rows added, revised, withdrawn) is widgets.editions.diff; this module runs the chapters'
own analysis on both editions' registers and compares the results.
"""

from __future__ import annotations

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _, ngettext
from widgets.analysis import overview, threat
from widgets.editions.diff import Register, statement_changes
from widgets.vocabulary import ATTACK_TYPES

WINDOW_WEEKS = 8  # the threat explorer's default window: the latest eight weeks of each edition's record
MOVES = {("no flag", "rising"): N_("deteriorated"), ("falling", "rising"): N_("deteriorated"),
         ("falling", "no flag"): N_("deteriorated"), ("rising", "no flag"): N_("improved"),
         ("rising", "falling"): N_("improved"), ("no flag", "falling"): N_("improved")}


def _day(value: pd.Timestamp) -> str:
    """'07 Sep 2025' as the rule has always written it (English); French through fmt ('7 sept. 2025')."""
    return f"{value:%d %b %Y}" if fmt.language() == "en" else fmt.day(value)


def latest_window(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    end = threat.incidents(events)["date_start"].max()
    return end - pd.Timedelta(weeks=WINDOW_WEEKS) + pd.Timedelta(days=1), end


def flag_moves(old: Register, new: Register, by: str = "corridor") -> pd.DataFrame:
    """Per corridor (or region): the flag on reported attacks over each edition's latest window, and how it moved.

    Attacks only (the vocabulary's one definition): a union strike or a report's publication is an event of the
    register, not a sign of more violence.

    Columns: group, before, now, movement (deteriorated / improved / unchanged); attrs['rule'] holds the thresholds
    in words and both windows.
    """
    tables = []
    for register in (old, new):
        start, end = latest_window(register.events)
        attacks = register.events[register.events["event_type"].isin(ATTACK_TYPES)]
        flags = threat.change_flags(attacks, start, end, by)
        flags["text"] = [ngettext("{flag} ({n} attack, {before} before)", "{flag} ({n} attacks, {before} before)",
                                  e).format(flag=_(threat.FLAG_WORDS[f]) if f in threat.FLAG_WORDS else f,
                                            n=fmt.number(e), before=fmt.number(b))
                         for f, e, b in zip(flags["flag"], flags["events"], flags["baseline"])]
        tables.append((flags.set_index("group"), start, end))
    (before, b_start, b_end), (now, n_start, n_end) = tables
    groups = sorted(set(before.index) | set(now.index))
    rows = []
    for group in groups:
        old_flag = before["flag"].get(group, "no flag")
        new_flag = now["flag"].get(group, "no flag")
        rows.append({"group": group, "before": before["text"].get(group, _("no attack")),
                     "now": now["text"].get(group, _("no attack")),
                     "movement": _(MOVES.get((old_flag, new_flag), N_("unchanged")))})
    table = pd.DataFrame(rows, columns=["group", "before", "now", "movement"])
    table.attrs["rule"] = _("Reported attacks in each edition's latest {weeks} weeks of record against the {weeks} "
                            "weeks before: edition {old} {old_start}–{old_end}, edition {new} {new_start}–{new_end}. "
                            ).format(weeks=fmt.number(WINDOW_WEEKS), old=old.number, new=new.number,
                                     old_start=_day(b_start), old_end=_day(b_end), new_start=_day(n_start),
                                     new_end=_day(n_end)) + threat.flag_rule_text()
    return table


def overview_statements(old: Register, new: Register, summary: pd.DataFrame, lengths: pd.DataFrame) -> pd.DataFrame:
    """The overview's takeaways and key judgements whose wording or numbers differ between the two editions."""
    texts = []
    for register in (old, new):
        takeaways = overview.takeaway_sentences(register.events, register.figures, summary, lengths)
        judgements = [j.statement for j in overview.key_judgements(register.judgements, register.events,
                                                                   register.figures)]
        texts.append(takeaways + judgements)
    return statement_changes(*texts)
