"""What a finished figure tells a reader who cannot see it, or who downloads it: alt text, file slug, data cut-off
and the metadata lines of a CSV download (the contract the page JavaScript and the static export read).

Pure functions of a plotly figure and the catalogue. A trace whose `meta` is {"csv": False} is a background layer
(country polygons, rivers, labels, legend keys): it is neither described nor exported.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from widgets import fmt
from widgets.catalogue import Catalogue
from widgets.i18n import N_, _, ngettext, N_plural
from widgets.analysis.register import unit_words  # a figure's unit and basis in the page's language
from widgets.register_text import translate  # the register's own French (gettext domain "register")
from widgets.vocabulary import unique_ids

ALT_MAX = 300  # characters: a screen reader's alt text stays short; the CSV and the page hold the detail
SLUG_WORDS, SLUG_CHARS = 6, 50
NAMES_SHOWN = 3  # series named in the alt text; the rest are counted
# A figure states its own date, never a second "data cut-off": the page has one (issue 12), the figure says how
# recent the sources it cites are. The PNG/SVG burn-in and the CSV header read this same text from layout.meta.
NOT_RECORDED = N_("Latest source cited: date not recorded")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


# --- text ----------------------------------------------------------------------------------------------------
def plain_text(text: Any) -> str:
    """Plotly rich text as plain text: line breaks become spaces, tags go, entities are decoded."""
    value = re.sub(r"<br\s*/?>", " ", "" if text is None else str(text), flags=re.I)
    value = html.unescape(re.sub(r"<[^>]+>", "", value))
    return re.sub(r"\s+", " ", value).strip()


def slug(title: str) -> str:
    """A file stem from a title: its first words without numbers (so the name survives new data), a-z0-9 and '-'.

    'Reported attacks on fuel convoys ran from 3 Sep 2025…' → 'reported-attacks-on-fuel-convoys-ran'.
    """
    ascii_text = plain_text(title).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text) if not any(c.isdigit() for c in w)]
    stem = "-".join(words[:SLUG_WORDS])[:SLUG_CHARS].strip("-")
    return stem or "figure"


# --- data cut-off --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cutoff:
    iso: str | None  # YYYY-MM-DD, or None when the latest date is known to the month or year only, or not at all
    text: str  # the wording burned into the footer


def _period(published: str) -> tuple[date, date] | None:
    """First and last day a partial date ('2025', '2025-09', '2025-09-17') can stand for; None when undated."""
    parts = str(published).strip().split("-")
    try:
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return day, day
        if len(parts) == 2:
            first = date(int(parts[0]), int(parts[1]), 1)
            last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
            return first, last
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1), date(int(parts[0]), 12, 31)
    except ValueError:
        return None
    return None


def latest_date(published: Iterable[str]) -> str | None:
    """The latest of several partial dates, as written ('2026-02' or '2026-02-16'); None if none is dated.

    'Latest' is the one whose period ends last, so 'Feb 2026' beats 16 Feb 2026 (it may be later); on a tie (a
    month and its last day) the precise date wins.
    """
    dated = [(p, _period(p)) for p in published]
    dated = [(p, span) for p, span in dated if span is not None]
    if not dated:
        return None
    return max(dated, key=lambda item: (item[1][1], item[1][0]))[0]


def cutoff(catalogue: Catalogue, ids: Iterable[str]) -> Cutoff:
    """The data cut-off of a figure: the latest publication date among the sources it cites.

    Figure ids count through their source. A figure citing no dated source falls back to the publication date of
    the datasets it cites (for our own registers, the day they were compiled); with neither, 'not recorded'.
    A month- or year-only date is shown as such, and `iso` is then None rather than an invented day.
    """
    sources, datasets = catalogue.split_ids(ids)
    published = [str(catalogue.source(s)["published"]) for s in sources]
    latest, among = latest_date(published), "sources"
    undated = sum(_period(p) is None for p in published)
    if latest is None:
        latest, among, undated = latest_date(str(catalogue.dataset(d)["published"]) for d in datasets), "datasets", 0
    if latest is None:
        return Cutoff(None, _(NOT_RECORDED))
    cited = len(sources) if among == "sources" else len(datasets)
    also = _("; {n} undated").format(n=fmt.number(undated)) if undated else ""
    iso = latest if ISO_DAY.match(latest) else None
    text = (ngettext("Latest source cited: {date} (publication date, among {n} source{also})",
                     "Latest source cited: {date} (publication date, among {n} sources{also})", cited)
            if among == "sources" else
            ngettext("Latest dataset cited: {date} (publication date, among {n} dataset{also})",
                     "Latest dataset cited: {date} (publication date, among {n} datasets{also})", cited))
    return Cutoff(iso, text.format(date=fmt.partial_date(latest), n=fmt.number(cited), also=also))


# --- alt text ------------------------------------------------------------------------------------------------
def is_background(trace: Any) -> bool:
    """Background layers are marked `meta={"csv": False}` by their builder."""
    meta = getattr(trace, "meta", None)
    return isinstance(meta, dict) and meta.get("csv") is False


def _list(values: Any) -> list:
    """A plotly data array (tuple, numpy array or None) as a list."""
    return [] if values is None else [values] if isinstance(values, str) else list(values)


def _gap(v: Any) -> bool:
    return v is None or (isinstance(v, (float, np.floating)) and math.isnan(v))


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)) \
        and not _gap(v)


def _as_date(v: Any) -> pd.Timestamp | None:
    if isinstance(v, (pd.Timestamp, datetime, date, np.datetime64)):
        return None if pd.isna(v) else pd.Timestamp(v)
    if isinstance(v, str) and ISO_DAY.match(v):
        try:
            return pd.Timestamp(v)
        except ValueError:
            return None
    return None


def _number(v: float) -> str:
    """A value as the alt text reads it: whole numbers whole, otherwise up to two decimals."""
    digits = 0 if float(v).is_integer() or abs(v) >= 100 else 1 if abs(v) >= 10 else 2
    text = fmt.number(v, digits)
    point = "," if fmt.language() == "fr" else "."  # the decimal separator of the page's language
    return text.rstrip("0").rstrip(point) if point in text else text


def _axis(fig: go.Figure, trace: Any, letter: str) -> Any:
    """The layout axis a trace is drawn on ('x', 'y2', … → layout.xaxis, layout.yaxis2, …)."""
    ref = getattr(trace, f"{letter}axis", None) or letter
    return fig.layout[f"{letter}axis{ref[1:]}"]


def _tick_label(axis: Any, value: float) -> str | None:
    """The category an axis writes at a numeric position (an axis with tickvals/ticktext), if any."""
    vals, texts = _list(axis.tickvals), _list(axis.ticktext)
    if not vals or len(vals) != len(texts):
        return None
    return str(texts[int(np.argmin([abs(float(t) - value) for t in vals]))])


@dataclass(frozen=True)
class Series:
    """What one data trace draws, for the alt text."""
    name: str
    kind: str  # bars, lines, dots, labels (charts); places, routes, areas, labels (maps); else the trace type
    points: int
    peak: tuple[float, str] | None  # largest value and its label
    dates: tuple[pd.Timestamp, pd.Timestamp, bool] | None  # earliest, latest date plotted; True if months only
    geo: bool
    panel: str


def _kind(trace: Any) -> str:
    mode = getattr(trace, "mode", None) or ""
    if trace.type == "scattergeo":
        if getattr(trace, "fill", None) == "toself":
            return "areas"
        return "places" if "markers" in mode else "routes" if "lines" in mode else "labels"
    if trace.type == "bar":
        return "bars"
    if trace.type == "scatter":
        return "lines" if "lines" in mode else "dots" if "markers" in mode else "labels"
    return str(trace.type)


def _label(fig: go.Figure, trace: Any, letter: str, label: Any, monthly: bool) -> str:
    """How the alt text names the position of a value: a date, a category, or 'axis title value'."""
    stamp = _as_date(label)
    if stamp is not None:
        return fmt.partial_date(f"{stamp:%Y-%m}") if monthly else fmt.day(stamp)
    if not _is_number(label):
        return plain_text(label)
    axis = _axis(fig, trace, letter)
    tick = _tick_label(axis, float(label))
    if tick is not None:
        return plain_text(tick)
    # A position is a year, a week or a month number: no thousands separator.
    position = f"{axis.tickprefix or ''}{float(label):g}{axis.ticksuffix or ''}"
    title = plain_text(axis.title.text) if axis.title and axis.title.text else ""
    return position if axis.tickprefix or not title else f"{title} {position}"


def summarise(fig: go.Figure, trace: Any) -> Series:
    """Count, largest value and date span of one data trace of `fig`."""
    kind = _kind(trace)
    name = plain_text(getattr(trace, "name", "") or "")
    if trace.type == "scattergeo":
        lon = _list(trace.lon)
        if kind in ("areas", "routes"):  # one drawn shape, whatever its parts
            points = int(any(not _gap(v) for v in lon))
        else:
            points = sum(not _gap(v) for v in lon)
        return Series(name, kind, points, None, None, True, str(trace.geo or "geo"))
    if trace.type == "pie":
        values, labels, letter = _list(trace.values), _list(trace.labels), ""
    else:
        x, y = _list(getattr(trace, "x", None)), _list(getattr(trace, "y", None))
        y_axis = _axis(fig, trace, "y")
        by_x = (getattr(trace, "orientation", None) == "h" or not any(map(_is_number, y))
                or _tick_label(y_axis, 0.0) is not None) and any(map(_is_number, x))
        values, labels, letter = (x, y, "y") if by_x else (y, x, "x")
    stamps = [d for d in (_as_date(v) for v in labels + values) if d is not None]
    monthly = bool(stamps) and all(d.day == 1 for d in stamps)
    numeric = [(float(v), labels[i] if i < len(labels) else "") for i, v in enumerate(values) if _is_number(v)]
    peak = None
    if numeric:
        value, label = max(numeric, key=lambda p: p[0])
        peak = (value, _label(fig, trace, letter, label, monthly) if letter else plain_text(label))
    dates = (min(stamps), max(stamps), monthly) if stamps else None
    points = sum(not _gap(v) for v in values) or sum(not _gap(v) for v in labels)
    panel = f"{getattr(trace, 'xaxis', None) or 'x'}{getattr(trace, 'yaxis', None) or 'y'}"
    return Series(name, kind, points, peak, dates, False, panel)


KIND_NOUN = {"bars": N_("Bar chart"), "lines": N_("Line chart"), "dots": N_("Dot chart"), "labels": N_("Chart")}
COUNTED = {"bars": N_plural("bar", "bars"), "lines": N_plural("point", "points"),
           "dots": N_plural("point", "points"),
           "labels": N_plural("label", "labels"), "places": N_plural("place marked", "places marked"),
           "routes": N_plural("line drawn", "lines drawn"), "areas": N_plural("area shaded", "areas shaded")}
KIND_WORDS = {k: k for k in (N_("bars"), N_("lines"), N_("dots"), N_("labels"), N_("places"), N_("routes"),
                             N_("areas"))}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + _(" and ") + items[-1]


def _count(n: int, kind: str) -> str:
    one, many = COUNTED.get(kind, N_plural("item", "items"))
    return f"{fmt.number(n)} {ngettext(one, many, n)}"


def _names(series: list[Series], shown: int) -> str:
    names = list(dict.fromkeys(s.name for s in series if s.name))
    listed = [n if len(n) <= 40 else n[:39].rstrip() + "…" for n in names[:shown]]
    more = len(names) - len(listed)
    rest = (ngettext(" and {n} more", " and {n} more", more).format(n=fmt.number(more)) if more > 0 and listed
            else _("{n} named").format(n=fmt.number(more)) if more else "")
    return ", ".join(listed) + rest


def _content(series: list[Series], shown: int) -> str:
    """'2 series (A, B): 12 bars.' or 'A: 12 bars.' or '12 bars.'"""
    kinds = list(dict.fromkeys(s.kind for s in series))
    # Shapes of one name (a region in several parts, a route in several traces) count once.
    totals = {k: (len({s.name for s in series if s.kind == k}) if k in ("areas", "routes")
                  else sum(s.points for s in series if s.kind == k)) for k in kinds}
    counts = _("; ").join(_count(totals[k], k) for k in kinds)
    names = _names(series, shown) if shown else ""
    distinct = len({s.name for s in series})
    if distinct > 1:
        return (_("{n} series ({names}): {counts}.") if names else _("{n} series: {counts}.")).format(
            n=fmt.number(distinct), names=names, counts=counts)
    return f"{names}: {counts}." if names else f"{counts[0].upper()}{counts[1:]}."


def _extreme(series: list[Series]) -> str:
    """' Highest: value (where, series).' or ' Dates from … to ….' or ''."""
    peaks = [(s.peak, s.name) for s in series if s.peak is not None]
    if peaks:
        (value, label), name = max(peaks, key=lambda p: p[0][0])
        where = ", ".join(x for x in (label, name if len({s.name for s in series}) > 1 else "") if x)
        return " " + (_("Highest: {value} ({where}).") if where else _("Highest: {value}.")).format(
            value=_number(value), where=where)
    spans = [s.dates for s in series if s.dates is not None]
    if not spans:
        return ""
    first, last, monthly = min(d[0] for d in spans), max(d[1] for d in spans), all(d[2] for d in spans)
    show = (lambda d: fmt.partial_date(f"{d:%Y-%m}")) if monthly else fmt.day
    return " " + _("Dates from {first} to {last}.").format(first=show(first), last=show(last))


def alt_text(fig: go.Figure, title: str | None = None) -> str:
    """One to three plain sentences from the figure's data: what kind of chart, what it plots, how many items,
    and the largest value (or the date span) — at most ALT_MAX characters; the series list and then the title
    are shortened first, never the numbers."""
    title = plain_text(fig.layout.title.text if title is None else title)
    series = [s for s in (summarise(fig, t) for t in fig.data if not is_background(t)) if s.points]
    if not series:
        return _("Chart: {title}. No data is drawn for this selection.").format(title=title)[:ALT_MAX]
    kinds = list(dict.fromkeys(s.kind for s in series))
    if any(s.geo for s in series):
        noun = _("Map")
    elif len(kinds) == 1:
        noun = _(KIND_NOUN[kinds[0]]) if kinds[0] in KIND_NOUN else _("{kind} chart").format(kind=kinds[0].capitalize())
    else:
        noun = _("Chart of {kinds}").format(kinds=_and([_(KIND_WORDS[k]) if k in KIND_WORDS else k for k in kinds]))
    panels = len({s.panel for s in series if not s.geo})
    noun += _(" in {n} panels").format(n=fmt.number(panels)) if panels > 1 else ""
    extreme = _extreme(series)
    for shown in (NAMES_SHOWN, 1, 0):
        content = _content(series, shown)
        text = (_("{noun}: {title}.").format(noun=noun, title=title) if title else f"{noun}.") + f" {content}{extreme}"
        if len(text) <= ALT_MAX:
            return text
    room = ALT_MAX - len(_("{noun}: {title}.").format(noun=noun, title="…") + f" {content}{extreme}") + 1
    short = title[:max(room, 0)].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return (_("{noun}: {title}.").format(noun=noun, title=short)[:-1] + f"… {content}{extreme}")[:ALT_MAX]


# --- CSV header ----------------------------------------------------------------------------------------------
ROWS_CHART = N_("Rows: the data displayed in the chart as currently shown (one row per point; background layers "
                "such as borders, rivers and labels left out).")
ROWS_MAP = N_("Rows: the places and events the map marks, as currently shown (one row per marked place, or per event "
              "where a marker stands for several; lines and shaded areas such as roads, corridors, borders and "
              "regions left out).")


def csv_header(catalogue: Catalogue, *, title: str, source_line: str, ids: Iterable[str], cutoff_text: str,
               note: str = "", rows: str = ROWS_CHART) -> list[str]:
    """Metadata lines of a CSV download (without the leading '# ' the consumer adds): title, source line, each
    cited figure and source, each dataset's licence, the cut-off, and what the rows are (`rows`: ROWS_MAP for a
    map, whose CSV holds its marked points, widgets/figures/map_rows.py)."""
    ids = list(ids)
    lines = [plain_text(title) or _("Figure"), source_line]
    sources, datasets = catalogue.split_ids(ids)
    for item in unique_ids(ids):
        if item in catalogue.figures.index:
            f = catalogue.figure(item)
            value = " ".join(x for x in (str(f["value"]), unit_words(f["unit"]) if f["unit"] else "") if x)
            lines.append(_("Figure {id}: {metric} = {value}; as of {as_of}; {where}; source {source}").format(
                id=item, metric=f["metric"], value=value, as_of=translate(f["as_of"]) or _("not recorded"),
                where=translate(f["geography"]), source=f["source_id"]))
    for s in sources:
        row = catalogue.source(s)
        lines.append(_("Source {id}: {title}. {publisher}. {url}. Published {published}. Terms: {terms}").format(
            id=s, title=translate(row["title"]), publisher=translate(row["publisher"]), url=row["url"] or _("no URL"),
            published=fmt.partial_date(row["published"]) if row["published"] else _("not recorded"),
            terms=translate(row["terms"])))
    for d in datasets:
        row = catalogue.dataset(d)
        lines.append(_("Dataset {id}: {title}. {attribution}. Licence: {licence} Retrieved {retrieved}.").format(
            id=d, title=row["title"], attribution=row["attribution"], licence=row["licence"],
            retrieved=row["retrieved"]))
    if note:
        lines.append(_("Note: {note}").format(note=note))
    lines += [cutoff_text, _(rows)]
    return [plain_text(line) for line in lines]  # one line each: no line breaks, no markup


def figure_meta(fig: go.Figure, catalogue: Catalogue, *, title: str, ids: list[str], source_line: str,
                note: str) -> dict:
    """The full `layout.meta` of a finished figure: the keys the page JavaScript and the static export read
    (title, source_line, sources, cutoff, cutoff_text, alt, slug, csv_header) plus source_ids and note. `sources`
    is every cited source in full (id, title, publisher, published, url): the list folded under the chart."""
    cut = cutoff(catalogue, ids)
    plain = plain_text(title)
    return dict(source_ids=ids, source_line=source_line, sources=catalogue.source_list(ids), note=note, title=plain,
                cutoff=cut.iso,
                cutoff_text=cut.text, alt=alt_text(fig, plain), slug=slug(plain),
                csv_header=csv_header(catalogue, title=plain, source_line=source_line, ids=ids,
                                      cutoff_text=cut.text, note=note,
                                      rows=ROWS_MAP if any(t.type == "scattergeo" for t in fig.data) else ROWS_CHART))
