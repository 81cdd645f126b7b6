"""The edition stamp every page, export and download carries: edition number and date, data cut-off, currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from widgets import currency, fmt
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
        return (f"Edition {self.edition} ({fmt.day(self.published)}) · data cut-off {fmt.day(c.cutoff.day)} "
                f"({c.cutoff.fact_id}) · {c.status}: {c.age_days:,} days old on {fmt.day(c.today)}")


    def silence(self) -> str:
        """Where the record stops, and what the reader therefore cannot know."""
        c = self.currency.cutoff
        return (f"Where the record stops: the newest dated fact in edition {self.edition} is from {fmt.day(c.day)} "
                f"({c.fact_id}). The search behind this edition, published on {fmt.day(self.published)}, found "
                "nothing on the blockade after that date. This briefing therefore cannot say whether the blockade "
                "ended, eased or continued since; silence in our sources is not evidence either way.")


def page_stamp(editions: Editions, register: Register, catalogue: Catalogue, today: date) -> Stamp:
    """The current edition's stamp, its currency judged against the event register's stated cadence."""
    row = editions.row(register.number)
    cutoff = currency.data_cutoff(register.events, register.figures, today)
    entry = catalogue.dataset("events")
    judged = currency.currency(cutoff, today, int(entry["cadence_days"]), str(entry["cadence"]))
    return Stamp(edition=register.number, published=pd.Timestamp(row["published"]).date(), currency=judged)
