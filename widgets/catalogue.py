"""The catalogue: datasets, sources and figures by id; source lines for charts; dataset freshness.

Pure: built from tables by `widgets.loaders.load_catalogue`; knows no file paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

import pandas as pd

from widgets import fmt, vocabulary


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

    def source_line(self, ids: Iterable[str], *, max_named: int = 4) -> str:
        """One line naming the sources behind a chart: publishers and dates, ids, and dataset attributions.

        Beyond `max_named` sources the line names the first few and lists every id, so nothing is dropped.
        """
        sources, datasets = self.split_ids(ids)
        parts = []
        if sources:
            named = [self._cite(s) for s in sources[:max_named]]
            if len(sources) > max_named:
                named.append(f"{len(sources) - max_named} more ({', '.join(sources[max_named:])})")
            parts.append(("Source: " if len(sources) == 1 else "Sources: ") + "; ".join(named))
        attributions = list(dict.fromkeys(self.datasets.at[d, "attribution"] for d in datasets))
        if attributions:
            parts.append("Data: " + "; ".join(attributions))
        if not parts:
            raise UnknownId("a source line needs at least one id")
        return " · ".join(parts)

    def _cite(self, source_id: str) -> str:
        row = self.sources.loc[source_id]
        published = fmt.partial_date(row["published"]) if row["published"] else "undated"
        return f"{row['publisher']}, {published} [{source_id}]"

    def freshness(self, today: date) -> pd.DataFrame:
        """Per dataset: retrieved date, cadence, age in days and status fresh / due / overdue.

        fresh: age within the cadence; due: within twice the cadence; overdue: beyond.
        """
        table = self.datasets[["title", "retrieved", "cadence_days", "cadence"]].copy()
        retrieved = pd.to_datetime(table["retrieved"]).dt.date
        table["age_days"] = [(today - d).days for d in retrieved]
        cadence = table["cadence_days"].astype(int)
        table["status"] = ["fresh" if a <= c else "due" if a <= 2 * c else "overdue"
                           for a, c in zip(table["age_days"], cadence)]
        return table.rename_axis("dataset").reset_index()

    def sources_table(self) -> pd.DataFrame:
        """Every source, for the searchable table on the methods page."""
        cols = ["title", "publisher", "published", "kind", "terms", "url", "register"]
        return self.sources[cols].rename_axis("source_id").reset_index()
