"""The catalogue: datasets, sources and figures by id; source lines for charts; dataset freshness.

Pure: built from tables by `widgets.loaders.load_catalogue`; knows no file paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

import pandas as pd

from widgets import currency, fmt, vocabulary
from widgets.i18n import N_, _, ngettext
from widgets.register_text import translate  # the catalogue's own words in French (gettext domain "register")


class UnknownId(KeyError):
    """An id that is neither a dataset, a source nor a figure of the catalogue."""


@dataclass(frozen=True)
class Catalogue:
    datasets: pd.DataFrame  # index: dataset key (events, roads, …)
    sources: pd.DataFrame  # index: source_id (S…, F-S…)
    figures: pd.DataFrame  # index: figure_id (G…, C…, H…, T…)

    def dataset(self, key: str) -> pd.Series:
        if key not in self.datasets.index:
            raise UnknownId(f"no dataset {key!r} in the catalogue")
        return self.datasets.loc[key]

    def source(self, source_id: str) -> pd.Series:
        if source_id not in self.sources.index:
            raise UnknownId(f"no source {source_id!r} in the catalogue")
        return self.sources.loc[source_id]

    def figure(self, figure_id: str) -> pd.Series:
        if figure_id not in self.figures.index:
            raise UnknownId(f"no figure {figure_id!r} in the catalogue")
        return self.figures.loc[figure_id]

    def knows(self, item_id: str) -> bool:
        return item_id in self.datasets.index or item_id in self.sources.index or item_id in self.figures.index

    def split_ids(self, ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """(source ids, dataset keys) behind a mix of source, figure and dataset ids, in first-seen order."""
        sources: list[str] = []
        datasets: list[str] = []
        for raw in ids:
            for item in vocabulary.split_ids(raw):
                if item in self.figures.index:
                    item = self.figures.at[item, "source_id"]
                if item in self.sources.index:
                    sources.append(item) if item not in sources else None
                elif item in self.datasets.index:
                    datasets.append(item) if item not in datasets else None
                else:
                    raise UnknownId(f"{item!r} is not a source, figure or dataset id of the catalogue")
        return sources, datasets

    def source_line(self, ids: Iterable[str], *, max_named: int = 4, list_ids: bool = False) -> str:
        """One line naming the sources behind a chart: publishers and dates, ids, and dataset attributions.

        Up to `max_named` sources, each is cited (publisher, date, id). Beyond that the line names publishers in
        words, those behind most sources first ("Sources: RFI, Reuters, AFP, ACLED and 12 more publishers (40
        sources)"); `source_list` gives every source in full, for the list one click away under the chart. A table
        with no such list (the methods page's evidence column) passes `list_ids` to keep every id on the line.
        """
        sources, datasets = self.split_ids(ids)
        parts = []
        if len(sources) > max_named:
            ids_text = f": {', '.join(sources)}" if list_ids else ""
            parts.append(_("Sources: {publishers} ({n} sources{ids})").format(
                publishers=self._publishers(sources, max_named), n=len(sources), ids=ids_text))
        elif sources:
            parts.append(ngettext("Source: {cited}", "Sources: {cited}", len(sources)).format(
                cited=_("; ").join(map(self._cite, sources))))
        attributions = list(dict.fromkeys(translate(self.datasets.at[d, "attribution"]) for d in datasets))
        if attributions:
            parts.append(_("Data: {attributions}").format(attributions=_("; ").join(attributions)))
        if not parts:
            raise UnknownId("a source line needs at least one id")
        return " · ".join(parts)

    def _publishers(self, sources: list[str], max_named: int) -> str:
        """'A, B, C and 5 more publishers': distinct publishers, most sources first (ties: first cited first)."""
        counts: dict[str, int] = {}
        for s in sources:
            name = translate(str(self.sources.at[s, "publisher"]).strip()) or _("publisher not recorded")
            counts[name] = counts.get(name, 0) + 1
        ranked = sorted(counts, key=lambda name: -counts[name])  # stable: first cited first on a tie
        named, rest = ranked[:max_named], len(ranked) - max_named
        if rest > 0:
            return ngettext("{named} and {rest} more publisher", "{named} and {rest} more publishers", rest).format(
                named=", ".join(named), rest=rest)
        return named[0] if len(named) == 1 else _("{first} and {last}").format(first=", ".join(named[:-1]),
                                                                               last=named[-1])

    def source_list(self, ids: Iterable[str]) -> list[dict[str, str]]:
        """Every source behind a chart, in the order cited: id, title, publisher, date (as the page writes it), URL."""
        sources, _datasets = self.split_ids(ids)
        out = []
        for s in sources:
            row = self.sources.loc[s]
            out.append({"id": s, "title": translate(str(row["title"])), "publisher": translate(str(row["publisher"])),
                        "published": fmt.partial_date(row["published"]) if row["published"] else _("undated"),
                        "url": str(row["url"] or "")})
        return out

    def _cite(self, source_id: str) -> str:
        row = self.sources.loc[source_id]
        published = fmt.partial_date(row["published"]) if row["published"] else _("undated")
        return f"{translate(row['publisher'])}, {published} [{source_id}]"

    def freshness(self, today: date, content_dates: dict[str, date]) -> pd.DataFrame:
        """Per dataset: how old its content is, against its cadence (widgets.currency's statuses).

        The content's date is, in order: the date given in `content_dates` (the register's datasets: the newest
        dated fact), the dataset's publication date (a year counts from 1 January), or, when no publication date is
        recorded, its retrieval date (said in the `basis` column). Never the day the file was compiled.
        """
        rows = []
        for key, entry in self.datasets.iterrows():
            if key in content_dates:
                day, basis = content_dates[key], N_("newest dated fact in the register")
            elif str(entry["published"]).strip():
                day, basis = _first_day(str(entry["published"])), N_("publication date")
            else:
                day, basis = (date.fromisoformat(str(entry["retrieved"])),
                              N_("retrieval date (no publication date recorded)"))
            age, cadence = (today - day).days, int(entry["cadence_days"])
            status = ("current" if age <= currency.AGEING_AFTER_CADENCES * cadence else
                      "ageing" if age <= currency.STALE_AFTER_CADENCES * cadence else "stale")
            rows.append({"dataset": key, "title": entry["title"], "content_date": day, "basis": basis,
                         "cadence_days": cadence, "cadence": entry["cadence"], "age_days": age, "status": status})
        return pd.DataFrame(rows)

    def sources_table(self) -> pd.DataFrame:
        """Every source, for the searchable table on the methods page."""
        cols = ["title", "publisher", "published", "kind", "terms", "url", "register"]
        return self.sources[cols].rename_axis("source_id").reset_index()


def _first_day(text: str) -> date:
    """'2024' → 1 Jan 2024, '2024-05' → 1 May 2024, '2024-05-17' → itself."""
    parts = [int(p) for p in text.split("-")[:3]]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
