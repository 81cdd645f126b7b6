"""The blockade explorer: a week-range slider with play, filters (corridor, region, event type), the count of
events in the selection, change flags per region and per corridor, and one timeline and one map updated in place.

The only code of the chapter that knows ipywidgets. Every number comes from widgets.analysis.threat.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from widgets import fmt
from widgets.analysis import threat as A
from widgets.byod import UploadResult
from widgets.byod.join import combine, filtered_csv, is_yours, to_register
from widgets.byod.schema import citation
from widgets.catalogue import Catalogue
from widgets.figures import threat as F
from widgets.figures.changes import ring_new_on_map, ring_new_on_timeline
from widgets.figures.common import refresh_meta
from widgets.i18n import N_, _, ngettext
from widgets.show import part
from widgets import flags_html as flags_ui
from widgets.ui import page
from widgets.ui.plot_view import PlotView
from widgets.ui.url_state import UrlState, page_query, parse_query
from widgets.ui.upload import UploadBox

if TYPE_CHECKING:  # the page imports no geometry stack: geodata are loaded on an upload only
    import geopandas as gpd

ANY = (N_("All"), "")  # ipywidgets shows no label for a None value, so "" stands for "any"
URL_PREFIX = "threat."  # the view's keys in the page address, e.g. ?threat.from=2025-11-03&threat.region=Kayes
URL_FILTERS = {"corridor": "corridor", "region": "region", "type": "event_type"}  # address key → control


class ThreatPanel:
    """Controls and outputs of the explorer; `widget` is what the notebook displays."""

    def __init__(self, events: pd.DataFrame, points: pd.DataFrame, *, opening: tuple[go.Figure, go.Figure],
                 regions: gpd.GeoDataFrame | None = None, segments: gpd.GeoDataFrame | None = None) -> None:
        """`opening`: the timeline and map as `opening_figures` draws them (`make data` stores them); the panel
        restyles both for the window and filters the reader chooses."""
        self.bundled = events
        self.points = points
        self.regions, self.segments = regions, segments
        # An analyst's upload (widgets/byod), in memory only; None when the page shows the bundled events alone.
        self.yours: pd.DataFrame | None = None
        self.yours_points: pd.DataFrame | None = None
        self.yours_label = ""
        self.upload = UploadBox(self._on_upload, self._on_clear)
        self.upload.choice.observe(self._on_choice, names="value")
        self.upload.prepare.on_click(self._on_prepare)
        self.record_start = events["date_start"].min()
        self.weeks = A.week_starts(events)
        lo = max(0, len(self.weeks) - A.DEFAULT_WEEKS)
        self.slider = W.SelectionRangeSlider(
            options=self._week_options(), index=(lo, len(self.weeks) - 1),
            description=_("Weeks"), continuous_update=False, readout=False, layout=W.Layout(width="70%"),
            style={"description_width": "initial"})
        self.slider.add_class("threat-time-slider")
        self.play = W.Play(min=0, max=lo, value=lo, step=1, interval=1200, description=_("Play the window"),
                           tooltip=_("Move the window forward one week at a time"))
        self.play.add_class("threat-play")
        corridors, regions_, types = self._filter_options(events)
        self.corridor = self._dropdown(_("Corridor"), "threat-filter-corridor", corridors)
        self.region = self._dropdown(_("Region (pre-2023)"), "threat-filter-region", regions_)
        self.event_type = self._dropdown(_("Event type"), "threat-filter-type", types)
        self.window_text = W.HTML()
        self.count = W.HTML()
        self.count.add_class("threat-count")
        self.message = W.HTML()
        self.flags = W.HTML()
        self.table = W.HTML()
        self.table.add_class("threat-events-table")
        self.map_table = W.HTML()
        self.url = UrlState(prefix=URL_PREFIX)
        self.url_problems = self._restore(parse_query(page_query(), URL_PREFIX))
        self.timeline, self.map = opening
        self._syncing = False
        self._width = self.slider.index[1] - self.slider.index[0] + 1
        self.slider.observe(self._on_slider, names="value")
        self.play.observe(self._on_play, names="value")
        for control in (self.corridor, self.region, self.event_type):
            control.observe(self._on_filter, names="value")
        self.timeline_out, self.map_out = PlotView(), PlotView()  # see plot_view.py for why not FigureWidget
        self._refresh()
        table_box = W.Accordion(children=[self.table], selected_index=None)
        table_box.set_title(0, _("Show the events in the selection"))
        map_box = W.Accordion(children=[self.map_table], selected_index=None)
        map_box.set_title(0, _("Show the numbers on the map"))
        self.widget = W.VBox([
            self.upload.widget,
            W.HBox([self.play, W.HTML("<span style='margin-left:8px'>"
                                      + page.esc(_("moves the window one week at a time")) + "</span>")]),
            W.HBox([self.slider, self.window_text]),
            W.HBox([self.corridor, self.region, self.event_type], layout=W.Layout(flex_flow="row wrap")),
            self.count, self.message, self.url, self.timeline_out, table_box, self.map_out, map_box, self.flags])
        self.widget.add_class("threat-panel")

    @property
    def events(self) -> pd.DataFrame:
        """The events the explorer counts: the bundled register, your data, or both (the reader's choice)."""
        return combine(self.bundled, self.yours, self.upload.choice.value)

    def _week_options(self) -> list[tuple[str, pd.Timestamp]]:
        return [(fmt.day(w), w) for w in self.weeks]

    @staticmethod
    def _filter_options(events: pd.DataFrame) -> tuple[list, list, list]:
        """Choices of the corridor, region and type filters for the events shown."""
        dated = A.incidents(events)
        corridors = [(A.corridor_label(c), c) for c in sorted(dated["corridor"].unique())]
        region_names = sorted(set(A.by_region(dated)["region"]) - {A.NOT_STATED})
        regions = [(r, r) for r in region_names] + [(A.NOT_STATED, A.NOT_STATED)]
        present = set(dated["event_type"])
        order = [t for types in A.TYPE_FAMILIES.values() for t in types if t in present]
        order += sorted(set(dated.loc[is_yours(dated), "event_type"]))
        return corridors, regions, [(A.type_label(t), t) for t in order]

    # ---- your data ------------------------------------------------------------------------------------------

    def _on_upload(self, result: UploadResult, name: str) -> None:
        if self.segments is None or self.regions is None:  # loaded on first use only: most readers never upload
            from widgets import loaders
            self.regions, self.segments = loaders.load_regions(), loaders.load_corridor_segments()
        self.yours, self.yours_points = to_register(result.events, self.regions, self.segments, name)
        self.yours_label = name
        self.upload.choice.value = "both"
        self._data_changed()

    def _on_clear(self) -> None:
        if self.yours is None:
            return
        self.yours = self.yours_points = None
        self.yours_label = ""
        self._data_changed()

    @page.safe("threat data choice")
    def _on_choice(self, _change) -> None:
        self._data_changed()

    @page.safe("threat download of your data")
    def _on_prepare(self, _button) -> None:
        selected = self.selected()
        mine = int(is_yours(selected).sum())
        self.upload.offer_download(filtered_csv(selected, self._citation(), self.yours_label) if mine else "", mine)

    def _citation(self) -> str:
        producers = sorted(set(self.yours["producer"])) if self.yours is not None else []
        return " ".join(citation(p, self.yours_label) for p in producers)

    def _source_line(self) -> str:
        """The source line of the uploaded events while they are shown, '' otherwise."""
        if self.yours is None or self.upload.choice.value == "register":
            return ""
        return _("Your data: {label} — {citation}").format(label=self.yours_label, citation=self._citation())

    def _data_changed(self) -> None:
        """New events to show: the weeks, the filters' choices and every output follow."""
        events = self.events
        self.record_start = events["date_start"].min()
        self.weeks = A.week_starts(events)
        self._syncing = True
        try:
            width = min(self._width, len(self.weeks))  # the reader's window, as far as the new record allows
            self.slider.options = self._week_options()
            self.slider.index = (len(self.weeks) - width, len(self.weeks) - 1)
            self.play.max = max(0, len(self.weeks) - width)
            self.play.value = self.play.max
            for box, options in zip((self.corridor, self.region, self.event_type), self._filter_options(events)):
                keep = box.value if box.value in {v for _, v in options} else ""
                box.options = [(_(ANY[0]), ANY[1]), *options]
                box.value = keep
        finally:
            self._syncing = False
        self.upload.download.value = ""
        self._refresh()

    def _url_state(self) -> dict[str, str]:
        """The view in the page address: the window's first and last week, the filters and the data choice,
        each only when it differs from how the page opens."""
        state: dict[str, str] = {}
        lo, hi = self.slider.index
        if (lo, hi) != (max(0, len(self.weeks) - A.DEFAULT_WEEKS), len(self.weeks) - 1):
            state[URL_PREFIX + "from"] = self.weeks[lo].date().isoformat()
            state[URL_PREFIX + "to"] = self.weeks[hi].date().isoformat()
        for key, box in URL_FILTERS.items():
            if getattr(self, box).value:
                state[URL_PREFIX + key] = getattr(self, box).value
        if self.upload.choice.value != "both":
            state[URL_PREFIX + "data"] = self.upload.choice.value
        return state

    def _restore(self, saved: dict[str, str]) -> list[str]:
        """Set the window, filters and data choice from the address; each bad value is named and left at its
        default (the same plain-words messages as the scenario panels)."""
        problems = []
        weeks = {w.date().isoformat(): i for i, w in enumerate(self.weeks)}
        lo, hi = self.slider.index
        for key in ("from", "to"):
            if key in saved:
                if saved[key] in weeks:
                    lo, hi = (weeks[saved[key]], hi) if key == "from" else (lo, weeks[saved[key]])
                else:
                    problems.append(_("{key}: {value} is not the first day of a week in the record ({first} – "
                                      "{last}); using the default").format(
                        key=key, value=repr(saved[key]), first=fmt.day(self.weeks[0]), last=fmt.day(self.weeks[-1])))
        if lo <= hi:
            self.slider.index = (lo, hi)
            self.play.max = max(0, len(self.weeks) - (hi - lo + 1))
            self.play.value = min(lo, self.play.max)
        else:
            problems.append(_("from: the window starts after it ends; using the default"))
        for key, box in URL_FILTERS.items():
            if key in saved:
                control = getattr(self, box)
                if saved[key] in {v for _, v in control.options}:
                    control.value = saved[key]
                else:
                    problems.append(_("{key}: {value} is not one of the choices; showing all").format(
                        key=key, value=repr(saved[key])))
        if "data" in saved:
            if saved["data"] in {v for _, v in self.upload.choice.options}:
                # Set quietly: the outputs are drawn once, after the whole view is restored.
                self.upload.choice.unobserve(self._on_choice, names="value")
                self.upload.choice.value = saved["data"]
                self.upload.choice.observe(self._on_choice, names="value")
            else:
                problems.append(_("data: {value} is not one of the choices; using the default").format(
                    value=repr(saved["data"])))
        problems += [_("ignored unknown parameter {key} in the address").format(key=repr(k)) for k in saved
                     if k not in {"from", "to", "data", *URL_FILTERS}]
        return problems

    @staticmethod
    def _dropdown(description: str, css: str, options: list[tuple[str, str]]) -> W.Dropdown:
        box = W.Dropdown(options=[(_(ANY[0]), ANY[1]), *options], value="", description=description,
                         style={"description_width": "initial"}, layout=W.Layout(width="auto", margin="0 16px 0 0"))
        box.add_class(css)
        return box

    def window(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """First and last day of the selected weeks (Monday to Sunday)."""
        lo, hi = self.slider.index
        return self.weeks[lo], self.weeks[hi] + pd.Timedelta(days=6)

    def filters(self) -> dict[str, str | None]:
        """The filter values, None where 'All' is chosen."""
        return dict(corridor=self.corridor.value or None, region=self.region.value or None,
                    event_type=self.event_type.value or None)

    def selected(self) -> pd.DataFrame:
        start, end = self.window()
        return A.select(self.events, start, end, **self.filters())

    @page.safe("threat slider")
    def _on_slider(self, _change) -> None:
        if self._syncing:
            return
        lo, hi = self.slider.index
        self._width = hi - lo + 1
        self._syncing = True
        try:  # the play widget walks window starts; its end keeps the window inside the record
            self.play.max = max(0, len(self.weeks) - 1 - (hi - lo))
            self.play.value = min(lo, self.play.max)
        finally:
            self._syncing = False
        self._refresh()

    @page.safe("threat play")
    def _on_play(self, change) -> None:
        if self._syncing:
            return
        lo, hi = self.slider.index
        self._width = hi - lo + 1
        width = hi - lo
        start = min(int(change["new"]), len(self.weeks) - 1 - width)
        self.slider.index = (start, start + width)  # triggers _on_slider, which redraws

    @page.safe("threat filter")
    def _on_filter(self, _change) -> None:
        if not self._syncing:
            self._refresh()

    def _refresh(self) -> None:
        start, end = self.window()
        selected = self.selected()
        n_agg = len(A.select(self.events, start, end, aggregate=True, **self.filters()))
        weeks = self.slider.index[1] - self.slider.index[0] + 1
        span = ngettext("{start} – {end} ({n} week)", "{start} – {end} ({n} weeks)", weeks).format(
            start=fmt.day(start), end=fmt.day(end), n=weeks)
        self.window_text.value = f"<span>{span}</span>"
        mine = int(is_yours(selected).sum())
        yours = (" " + _("{n} of them come from your data ({label}).").format(n=fmt.number(mine),
                                                                             label=self.yours_label)
                 if self.yours is not None and self.upload.choice.value != "register" else "")
        self.count.value = (f"<p><strong>{page.esc(A.selection_sentence(selected, start, end, n_agg) + yours)}"
                            "</strong></p>")
        empty = "" if len(selected) else str(page.note(_(
            "No event matches this selection. Widen the weeks or set a filter back to 'All'. "
            "The bundled event list is compiled from news and is incomplete, so an empty selection is not evidence "
            "that nothing happened."), "warning").data)
        # Problems with the address are shown once, as the scenario panels show theirs.
        problems = ('<div class="briefing-note warning"><ul>' + "".join(
            f"<li>{page.esc(m)}</li>" for m in self.url_problems) + "</ul></div>") if self.url_problems else ""
        self.url_problems = []
        self.message.value = problems + empty
        self.url.state = self._url_state()
        self.table.value = (page.table_html(A.events_table(selected)) if len(selected)
                            else "<p>" + page.esc(_("No events.")) + "</p>")
        self.flags.value = self._flags_html(start, end)
        towns = A.located_towns(self.points, selected[~is_yours(selected)])
        your_places = (A.located_towns(self.yours_points, selected[is_yours(selected)])
                       if self.yours_points is not None else None)
        self.map_table.value = (
            page.table_html(A.count_by_region(selected).rename(columns={"region": _("region (pre-2023)")}),
                            _("Reported incidents per region (an event naming several regions counts in each)"))
            + (page.table_html(towns[["place", "events", "event_ids"]].rename(columns={"place": _("town named")}),
                               _("Located events per town named by the sources")) if len(towns) else "")
            + (page.table_html(your_places[["place", "events", "lon", "lat"]],
                               _("Your data: events per place ({label})").format(label=self.yours_label))
               if your_places is not None and len(your_places) else ""))
        F.restyle_timeline(self.timeline, self.events, set(selected["event_id"]), start, end)
        F.restyle_map(self.map, A.count_by_region(selected), towns, yours=your_places)
        F.set_extra_source(self.timeline, self._source_line())
        F.set_extra_source(self.map, self._source_line())
        for view, fig in ((self.timeline_out, self.timeline), (self.map_out, self.map)):
            refresh_meta(fig)  # alt text and title follow the selection
            view.show(fig)

    def _flags_html(self, start: pd.Timestamp, end: pd.Timestamp) -> str:
        """Flags per region and per corridor; the event-type filter applies, the place filters do not."""
        chosen = self.filters()["event_type"]
        typed = self.events if chosen is None else self.events[self.events["event_type"] == chosen]
        base_start, base_end = A.baseline_window(start, end)
        scope = (_("all event types") if chosen is None
                 else _("event type '{type}'").format(type=A.type_label(chosen)))
        compared = _("Reported incidents from {start} to {end} against {base_start} to {base_end} ({scope}; the "
                     "corridor and region filters do not apply here).").format(
            start=fmt.day(start), end=fmt.day(end), base_start=fmt.day(base_start), base_end=fmt.day(base_end),
            scope=scope)
        heading = page.esc(_("Change against the preceding window"))
        head = f"<h4>{heading}</h4><p>{page.esc(compared)} {flags_ui.rule_html()}"
        if base_start < self.record_start.normalize():
            head += " " + html.escape(_("The preceding window starts before the record does ({start}), so no flag "
                                        "can be set: 'no baseline'.").format(start=fmt.day(self.record_start)),
                                      quote=False)
        judge = flags_ui.judged(chosen)
        head += "</p>" + flags_ui.legend(judge=judge)
        return flags_ui.panel(head, flags_ui.tables(typed, start, end, self.record_start, judge=judge))


def opening_figures(events: pd.DataFrame, points: pd.DataFrame, countries: gpd.GeoDataFrame,
                    regions: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame, *, catalogue: Catalogue, n_unresolved: int,
                    new_events: tuple[pd.DataFrame, int] | None = None) -> tuple[go.Figure, go.Figure]:
    """The explorer's timeline and map over its opening window, events new since the previous edition ringed.
    Reader-independent: `make data` stores them (widgets/build/chapters.py), the panel restyles them."""
    weeks = A.week_starts(events)
    start, end = weeks[max(0, len(weeks) - A.DEFAULT_WEEKS)], weeks[-1] + pd.Timedelta(days=6)
    selected = A.select(events, start, end)
    timeline = F.timeline(events, catalogue=catalogue, start=start, end=end, selected_ids=set(selected["event_id"]))
    threat_map = F.threat_map(events, points, countries, regions, rivers, catalogue=catalogue, selected=selected,
                              n_unresolved=n_unresolved)
    if new_events is not None and new_events[1]:  # events added since the previous edition, ringed
        ring_new_on_timeline(timeline, *new_events)
        ring_new_on_map(threat_map, *new_events)
    return timeline, threat_map


@part
def threat_panel(events: pd.DataFrame, points: pd.DataFrame, unresolved: pd.DataFrame, *, catalogue: Catalogue,
                 opening: tuple[go.Figure, go.Figure]) -> W.VBox:
    """The explorer widget for the notebook; `opening` as `opening_figures` drew them."""
    return ThreatPanel(events, points, opening=opening).widget
