"""The edition stamp every page, export and download carries: edition number and date, data cut-off, currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from widgets import currency, fmt
from widgets.i18n import _
from widgets.catalogue import Catalogue
from widgets.editions.diff import Register
from widgets.editions.register import Editions


@dataclass(frozen=True)
class Stamp:
    edition: int
    published: date
    currency: currency.Currency

    def line(self) -> str:
        """One line for image footers and CSV headers."""
        c = self.currency
        return _("Edition {edition} ({published}) · data cut-off {cutoff} ({fact_id}) · {status}: {days} days old on "
                 "{today}").format(edition=self.edition, published=fmt.day(self.published),
                                   cutoff=fmt.day(c.cutoff.day), fact_id=c.cutoff.fact_id, status=c.status_word,
                                   days=fmt.number(c.age_days), today=fmt.day(c.today))


    def silence(self) -> str:
        """Where the record stops, and what the reader therefore cannot know."""
        c = self.currency.cutoff
        return _("Where the record stops: the newest dated fact in edition {edition} is from {day} ({fact_id}). The "
                 "search behind this edition, published on {published}, found nothing on the blockade after that "
                 "date. This briefing therefore cannot say whether the blockade ended, eased or continued since; "
                 "silence in our sources is not evidence either way.").format(
                     edition=self.edition, day=fmt.day(c.day), fact_id=c.fact_id, published=fmt.day(self.published))


def page_stamp(editions: Editions, register: Register, catalogue: Catalogue, today: date) -> Stamp:
    """The current edition's stamp, its currency judged against the event register's stated cadence."""
    row = editions.row(register.number)
    cutoff = currency.data_cutoff(register.events, register.figures, today)
    entry = catalogue.dataset("events")
    judged = currency.currency(cutoff, today, int(entry["cadence_days"]), str(entry["cadence"]))
    return Stamp(edition=register.number, published=pd.Timestamp(row["published"]).date(), currency=judged)
