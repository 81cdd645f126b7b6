"""What a page shows that no reader changes, as `make data` computed it (widgets/build/pages.py): the page loads it.

A chapter's figures, tables, sentences and judgements depend on the data only, so the build computes them once per
language and writes data/processed/pages/<lang>/<chapter>.json; a page's kernel reads that file instead of
importing the geometry stack and redoing the analysis on every view. Figures are kept as plotly's mime bundle (what
the page displays, so no figure is rebuilt or validated), tables as pandas' table JSON (dtypes kept), texts as JSON.

Imports no geopandas, shapely, pyproj or networkx (tests/test_kernel_imports.py). A missing store, one built from
other inputs than data/processed, or one missing a part the page asks for says "run make data", never a traceback.
"""

from __future__ import annotations

import dataclasses
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from widgets import fmt, paths
from widgets.html_parts import StaticFigure
from widgets.i18n import _
from widgets.vocabulary import Judgement

FORMAT = "1"  # bump when the file's layout changes: a store of another format is stale
PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PartsNotBuilt(FileNotFoundError):
    """The page's stored parts are missing or out of date: run `make data`. The message is shown on the page."""

    shown_on_page = True  # widgets.ui.guard shows this message, not its generic one


def store_path(chapter: str, language: str) -> Path:
    """data/processed/pages/<language>/<chapter>.json, e.g. pages/en/02_corridors.json."""
    return paths.PROCESSED / "pages" / language / f"{chapter.removesuffix('.ipynb')}.json"


def _manifest_inputs() -> str | None:
    manifest = paths.PROCESSED_FILES["manifest"]
    return json.loads(manifest.read_text())["inputs"] if manifest.exists() else None


class StoredFigure(StaticFigure):
    """A figure as the build drew it: displayed from its stored mime bundle; `fig` rebuilds the plotly figure for a
    caller that changes it (the threat explorer restyles its map)."""

    def __init__(self, bundle: dict) -> None:  # noqa: super().__init__ would want the plotly figure
        self.bundle = bundle

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {PLOTLY_MIME: self.bundle}

    @property
    def fig(self) -> go.Figure:
        return go.Figure(self.bundle)

    def __repr__(self) -> str:
        title = self.bundle.get("layout", {}).get("title", {})
        return f"Figure: {title.get('text', '') if isinstance(title, dict) else ''}"


def encode(value: Any) -> dict:
    """One part as JSON: a plotly figure, a table, a judgement list, or text (a string, a list of strings, or
    strings by key, e.g. a "what changed" panel's body per edition)."""
    if isinstance(value, go.Figure):
        return {"kind": "figure", "bundle": value._repr_mimebundle_()[PLOTLY_MIME]}
    if isinstance(value, pd.DataFrame):
        return {"kind": "table", "json": value.to_json(orient="table", index=False, date_unit="ns")}
    if isinstance(value, list) and value and all(isinstance(v, Judgement) for v in value):
        return {"kind": "judgements", "value": [dataclasses.asdict(v) for v in value]}
    if isinstance(value, (str, int, float)) or (isinstance(value, (list, tuple)) and
                                                all(isinstance(v, str) for v in value)) or (
            isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
        return {"kind": "text", "value": list(value) if isinstance(value, tuple) else value}
    raise TypeError(f"a page part must be a figure, a table, judgements or text, not {type(value).__name__}")


def decode(part: dict) -> Any:
    """The value `encode` wrote (a figure comes back as a StoredFigure)."""
    kind = part["kind"]
    if kind == "figure":
        return StoredFigure(part["bundle"])
    if kind == "table":
        return pd.read_json(io.StringIO(part["json"]), orient="table", convert_dates=True)
    if kind == "judgements":
        return [Judgement(**v) for v in part["value"]]
    return part["value"]


class Parts:
    """One chapter's stored parts in the page's language: `P.figure("size_chart")`, `P.table(...)`, `P.text(...)`."""

    def __init__(self, chapter: str, language: str, store: dict) -> None:
        self.chapter, self.language, self._parts = chapter, language, store["parts"]

    def _get(self, name: str, kind: str) -> Any:
        part = self._parts.get(name)
        if part is None or part["kind"] != kind:
            raise PartsNotBuilt(_("The stored page parts of {chapter} ({language}) have no {kind} {name}: they "
                                  "are older than the page's code. Run `make data`.").format(
                chapter=self.chapter, language=self.language, kind=kind, name=repr(name)))
        return decode(part)

    def figure(self, name: str) -> StoredFigure:
        return self._get(name, "figure")

    def table(self, name: str) -> pd.DataFrame:
        return self._get(name, "table")

    def text(self, name: str) -> Any:
        return self._get(name, "text")

    def judgements(self, name: str) -> list[Judgement]:
        return self._get(name, "judgements")


def _shown(path: Path) -> str:
    return path.relative_to(paths.ROOT).as_posix() if path.is_relative_to(paths.ROOT) else str(path)


@lru_cache(maxsize=None)
def _load(chapter: str, language: str) -> dict:
    path = store_path(chapter, language)
    if not path.exists():
        raise PartsNotBuilt(_("This page's stored parts ({path}) are missing: run `make data`.").format(
            path=_shown(path)))
    store = json.loads(path.read_text(encoding="utf-8"))
    if store.get("format") != FORMAT or store.get("inputs") != _manifest_inputs():
        raise PartsNotBuilt(_("This page's stored parts ({path}) were built from other data or code than "
                              "data/processed: run `make data`.").format(path=_shown(path)))
    if "failed" in store:
        raise PartsNotBuilt(_("This page could not be computed from the current data when it was built: "
                              "data/processed/build_log.txt says why."))
    return store


def parts(chapter: str, language: str | None = None) -> Parts:
    """The stored parts of `chapter` (e.g. "02_corridors") in `language` (default: the page's, widgets.fmt)."""
    language = language or fmt.language()
    return Parts(chapter.removesuffix(".ipynb"), language, _load(chapter.removesuffix(".ipynb"), language))
