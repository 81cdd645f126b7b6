"""The corridors chapter's "your data" panel: an analyst's ACLED or UCDP GED export on the pressure map, given to
road links by the chapter's own snapping rule, counted per corridor beside the register's incidents.

Like the threat explorer's upload (widgets/ui/threat.py), in this page's kernel memory only: nothing is written,
nothing is kept after the page closes, the bundled data is never changed. Knows widgets, not files or paths.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as W
import pandas as pd

from widgets import fmt
from widgets.byod import UploadResult
from widgets.byod.schema import citation
from widgets.i18n import N_, _
from widgets.show import part
from widgets.ui import page
from widgets.ui.plot_view import PlotView
from widgets.ui.upload import UploadBox
from widgets.vocabulary import SNAP_KM

ALL_TYPES = (N_("All your event types"), "")


def where() -> str:
    """Where the downloaded events were shown (a line of the CSV's header)."""
    return _("the corridors chapter (events within {km} km of a corridor link)").format(km=fmt.number(SNAP_KM))


class CorridorUploadPanel:
    """Upload control, event-type filter, the recounted pressure map and the per-corridor table; `widget` is shown."""

    def __init__(self, data: Callable[[], dict]) -> None:
        # The chapter's data (widgets.analysis.corridors_data.CorridorsData), derived on the first upload only: it
        # needs the geometry stack, which a page without an upload never imports.
        self.data = data
        self.d: dict | None = None
        self.yours: pd.DataFrame | None = None
        self.assigned: pd.DataFrame | None = None
        self.at_hub: pd.Series | None = None
        self.label = ""
        self.upload = UploadBox(self._on_upload, self._on_clear,
                                uses=N_("a map of the corridor links and in counts per corridor, beside the register"))
        self.upload.choice.observe(self._on_change, names="value")
        self.upload.prepare.on_click(self._on_prepare)
        self.event_type = W.Dropdown(options=[(_(ALL_TYPES[0]), "")], value="", description=_("Your event types"),
                                     style={"description_width": "initial"},
                                     layout=W.Layout(width="auto", display="none"))
        self.event_type.add_class("corridor-yours-type")
        self.event_type.observe(self._on_change, names="value")
        self.summary = W.HTML()
        self.summary.add_class("corridor-yours-summary")
        self.view = PlotView(layout=W.Layout(display="none"))
        self.view.add_class("corridor-yours-map")
        self.table = W.HTML()
        self.table.add_class("corridor-yours-table")
        self.widget = W.VBox([self.upload.widget, self.event_type, self.summary, self.view, self.table])
        self.widget.add_class("corridor-yours-panel")

    # ---- events -----------------------------------------------------------------------------------------

    def _on_upload(self, result: UploadResult, name: str) -> None:
        from widgets.analysis.corridors_chapter import HUB
        from widgets.byod.join import to_register
        from widgets.byod.links import assign_uploaded_links, at_point

        if self.d is None:
            self.d = self.data()
        yours, _points = to_register(result.events, self.d["regions"], self.d["segments"], name)
        places = self.d["places"]
        capital = places[places["name"] == HUB].geometry.iloc[0]
        hub = at_point(yours["lon"], yours["lat"], capital.x, capital.y)
        self.yours, self.label, self.at_hub = yours, name, hub  # hub: True for events at the capital
        self.assigned = assign_uploaded_links(yours, self.d["links"], hub)
        types = sorted(set(yours["event_type"]))
        self.event_type.unobserve(self._on_change, names="value")
        self.event_type.options = [(_(ALL_TYPES[0]), ""), *[(t, t) for t in types]]
        self.event_type.value = ""
        self.event_type.observe(self._on_change, names="value")
        self.event_type.layout.display = ""
        self.upload.choice.value = "both"
        self._refresh()

    def _on_clear(self) -> None:
        self.yours = self.assigned = self.at_hub = None
        self.label = ""
        self.event_type.layout.display = self.view.layout.display = "none"
        self.view.clear()
        self.summary.value = self.table.value = self.upload.download.value = ""

    @page.safe("corridors: your data choice")
    def _on_change(self, _change) -> None:
        self.upload.download.value = ""
        self._refresh()

    @page.safe("corridors: download of your data")
    def _on_prepare(self, _button) -> None:
        from widgets.byod.join import filtered_csv

        mine = self._selected()
        shown = mine[mine["event_id"].isin(self._assigned_selected()["event_id"])]
        self.upload.offer_download(filtered_csv(shown, self._citation(), self.label, where()) if len(shown) else "",
                                   len(shown))

    # ---- what is shown ------------------------------------------------------------------------------------

    def _selected(self) -> pd.DataFrame:
        """The analyst's events of the chosen type."""
        chosen = self.event_type.value
        return self.yours if not chosen else self.yours[self.yours["event_type"] == chosen]

    def _assigned_selected(self) -> pd.DataFrame:
        return self.assigned[self.assigned["event_id"].isin(self._selected()["event_id"])]

    def _citation(self) -> str:
        return " ".join(citation(p, self.label) for p in sorted(set(self.yours["producer"])))

    def _refresh(self) -> None:
        if self.yours is None:
            return
        from widgets.byod.links import corridor_counts
        from widgets.figures.corridors_yours import pressure_with_your_data

        mine, assigned = self._selected(), self._assigned_selected()
        which = self.upload.choice.value
        fig = pressure_with_your_data(self.d, mine, assigned, which, _("Your data: {label} — {citation}").format(
            label=self.label, citation=self._citation()))
        self.view.show(fig)
        self.view.layout.display = ""
        self.summary.value = self._summary_html(mine, assigned)
        counts = corridor_counts(self.d["assigned"], assigned, self.d["summary"])
        self.table.value = page.table_html(counts, _("Events given to each corridor's links (an event on a road "
                                                     "shared by several corridors counts for each)"))

    def _summary_html(self, mine: pd.DataFrame, assigned: pd.DataFrame) -> str:
        """How many of the analyst's events the map counts, why the others are not, and the periods compared."""
        at_hub = int(self.at_hub.loc[mine.index].sum())  # computed once per upload, not per redraw
        far = len(mine) - len(assigned) - at_hub
        register = self.d["incidents"]["date_start"]
        counts = dict(n=fmt.number(len(mine)), km=fmt.number(SNAP_KM), assigned=fmt.number(len(assigned)),
                      hub=fmt.number(at_hub), far=fmt.number(far))
        text = (_("Your events of this type: {n}. Within {km} km of a corridor link, so counted on the map: "
                  "{assigned}. At Bamako, where every corridor ends, so given to none: {hub}. Further than {km} km "
                  "from every link: {far}. ") if self.event_type.value else
                _("Your events: {n}. Within {km} km of a corridor link, so counted on the map: {assigned}. At "
                  "Bamako, where every corridor ends, so given to none: {hub}. Further than {km} km from every link: "
                  "{far}. ")).format(**counts)
        if len(mine):
            first, last = mine["date_start"].min(), mine["date_start"].max()
            text += _("Your events run from {first} to {last}; the register's incidents from {start} to {end}. "
                      "Compare counts only over the same period: the register is compiled from news and "
                      "incomplete.").format(first=fmt.day(first), last=fmt.day(last), start=fmt.day(register.min()),
                                            end=fmt.day(register.max()))
        warning = "" if len(assigned) else str(page.note(_(
            "None of your events shown lies within {km} km of a corridor link: the map counts the register only. "
            "Choose another event type, or check that the file covers Mali's roads.").format(
                km=fmt.number(SNAP_KM)), "warning").data)
        return f"<p>{page.esc(text)}</p>{warning}"


@part
def corridor_upload_panel(data: Callable[[], dict]) -> W.VBox:
    """The panel for the notebook; `data()` gives the chapter's data when a reader first uploads."""
    return CorridorUploadPanel(data).widget
