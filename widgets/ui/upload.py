"""The upload control for an analyst's own ACLED or UCDP GED export: pick a file, read what was wrong with it,
keep the valid rows if they choose, remove it, and download their own events in the current selection.

Only in memory, in this page's kernel: the file's bytes live in the widget until the reader removes them or
closes the page; nothing is written to disk and nothing is shared with other pages or readers.
Knows widgets, not files or paths: the checks are widgets.byod.loader's, the mapping widgets.byod.join's.
"""

from __future__ import annotations

import base64
import html
from typing import Callable

import ipywidgets as W

from widgets.byod import MAX_BYTES, MAX_ROWS, Problem, UploadResult, load_upload
from widgets import fmt
from widgets.byod.reading import clean_name
from widgets.i18n import N_, _, ngettext
from widgets.ui.file_picker import FilePicker
from widgets.ui.page import LOG, safe

LISTED = 25  # problems listed on the page; the rest are counted (all of them stay in the result)

# Shown under the control, before anything is uploaded.
THREAT_USES = N_("the timeline, the filters, the map and the change flags")


def intro(uses: str) -> str:
    """The text under the control before anything is uploaded; `uses` names what the data is shown on (English,
    translated here)."""
    return "<p>" + _(
        "<strong>Add your own data.</strong> If you hold an ACLED or UCDP GED export (CSV, in the producer's "
        "standard columns), add it here to see it on {uses}, marked <em>your data</em>. The file stays in this "
        "page's memory only: it is not saved on the server, not shown to anyone else, and gone when you remove it "
        "or close the page. Limit: {megabytes} MB and {rows} events. The events bundled with the briefing are not "
        "changed.").format(uses=html.escape(_(uses)), megabytes=fmt.number(MAX_BYTES // (1024 * 1024)),
                           rows=fmt.number(MAX_ROWS)) + "</p>"


class UploadBox:
    """The control; `on_data(result, use_label)` and `on_clear()` tell the explorer what to show."""

    def __init__(self, on_data: Callable[[UploadResult, str], None], on_clear: Callable[[], None],
                 uses: str = THREAT_USES) -> None:
        self._on_data, self._on_clear = on_data, on_clear
        self.intro = intro(uses)
        self._content: bytes | None = None
        self._name = ""
        self.upload = FilePicker(self.receive, self._refused, self._reading, limit=MAX_BYTES,
                                 tooltip=_("An ACLED or UCDP GED CSV export; it stays in this page's memory only"))
        self.upload.add_class("byod-upload")
        self.keep = W.Button(description=_("Use the valid rows"), layout=W.Layout(width="auto", display="none"),
                             tooltip=_("Leave out the rows listed above and show the others"))
        self.keep.add_class("byod-keep")
        self.remove = W.Button(description=_("Remove your data"), icon="trash", layout=W.Layout(width="auto",
                                                                                               display="none"),
                               tooltip=_("Forget the file and return to the bundled events"))
        self.remove.add_class("byod-remove")
        self.choice = W.ToggleButtons(options=[(_("Both"), "both"), (_("Briefing register"), "register"),
                                               (_("Your data"), "yours")], value="both", description=_("Show"),
                                      layout=W.Layout(display="none"), style={"button_width": "auto"})
        self.choice.add_class("byod-choice")
        self.status = W.HTML(self.intro)
        self.status.add_class("byod-status")
        self.download = W.HTML()
        self.download.add_class("byod-download")
        self.prepare = W.Button(description=_("Download your events in the selection (CSV)"),
                                layout=W.Layout(width="auto", display="none"), icon="download")
        self.prepare.add_class("byod-prepare")
        self.keep.on_click(self._on_keep)
        self.remove.on_click(self._on_remove)
        self.widget = W.VBox([W.HBox([self.upload, self.keep, self.remove, self.choice],
                                     layout=W.Layout(flex_flow="row wrap", align_items="center")),
                              self.status, W.HBox([self.prepare, self.download])])
        self.widget.add_class("byod-box")

    # ---- events -----------------------------------------------------------------------------------------

    @safe("upload")
    def receive(self, name: str, content: bytes) -> None:
        """A file arrived from the browser: check it and show it, or say what is wrong."""
        self._content, self._name = content, clean_name(name)  # no direction controls in what the page shows
        self._read(keep_valid_rows=False)

    @safe("upload: refused")
    def _refused(self, message: str) -> None:
        still = "<p>" + html.escape(_("Your earlier file is still shown.")) + "</p>"
        self.status.value = (f"<div class='briefing-note warning byod-rejected'>{html.escape(message)}</div>"
                             + (still if self._content is not None else ""))

    @safe("upload: reading")
    def _reading(self, name: str) -> None:
        receiving = _("Receiving {name}…").format(name=name)
        self.status.value = f"<p role='status'>{html.escape(receiving)}</p>"

    @safe("upload: keep valid rows")
    def _on_keep(self, _button) -> None:
        self._read(keep_valid_rows=True)

    @safe("upload: remove")
    def _on_remove(self, _button) -> None:
        self._content, self._name = None, ""
        self.keep.layout.display = self.remove.layout.display = self.choice.layout.display = "none"
        self.prepare.layout.display = "none"
        self.download.value = ""
        removed = html.escape(_("Your data was removed; the page shows the bundled events only."))
        self.status.value = self.intro + f"<p class='byod-removed'>{removed}</p>"
        self._on_clear()

    def _read(self, keep_valid_rows: bool) -> None:
        if self._content is None:
            return
        checking = _("Checking {name}…").format(name=self._name)
        self.status.value = f"<p>{html.escape(checking)}</p>"
        result = load_upload(self._content, self._name, keep_valid_rows=keep_valid_rows)
        usable = result.events is not None and len(result.events) > 0
        row_errors_only = self.row_errors_only(result)
        self.keep.layout.display = "" if (not usable and row_errors_only and not keep_valid_rows) else "none"
        self.remove.layout.display = "" if self._content is not None else "none"
        if usable:
            self.choice.layout.display = self.prepare.layout.display = ""
            self._on_data(result, self._name)
        else:
            self.choice.layout.display = self.prepare.layout.display = "none"
            self._on_clear()
        self.status.value = self.report(result, self._name, usable, keep_valid_rows)

    # ---- text ---------------------------------------------------------------------------------------------

    @staticmethod
    def row_errors_only(result: UploadResult) -> bool:
        """Every error belongs to a row (the loader's closing "…and N more" line stands for more of them)."""
        return bool(result.errors) and all(p.row is not None or p.message.startswith("…") for p in result.errors)

    @staticmethod
    def report(result: UploadResult, name: str, usable: bool, kept_valid: bool) -> str:
        """What the reader is told about the file: accepted (with notes) or not, and every problem in words."""
        title = html.escape(name)
        if usable:
            n = len(result.events)
            left_out = result.rows_left_out  # every one, also past the problems listed
            shown = _("<strong>Your data is shown:</strong> {n} events from <em>{title}</em> ({layout} layout)").format(
                n=fmt.number(n), title=title, layout=html.escape(result.layout or ""))
            left = ngettext("; {n} row with errors was left out, as you chose",
                            "; {n} rows with errors were left out, as you chose", left_out).format(
                n=fmt.number(left_out)) if kept_valid else ""
            source = _("<strong>Source line for your data:</strong> {title} — {citation}").format(
                title=title, citation=html.escape(result.citation))
            twice = _("Your events and the briefing's news-compiled register may describe the same incidents: "
                      "'Both' adds them up and can count one attack twice. Use 'Your data' or 'Briefing register' "
                      "to compare them side by side.")
            head = f"<p class='byod-ok'>{shown}{left}.</p><p class='byod-citation'>{source}</p><p>{twice}</p>"
        else:
            rows = result.rows_left_out
            if kept_valid:  # the reader already chose the valid rows: never ask them to press the button again
                why = _("No row of it could be used: every row has at least one error (listed below).")
            elif UploadBox.row_errors_only(result):
                why = ngettext("{n} row has errors (the first are listed below). Fix them in the file and add it "
                               "again, or choose 'Use the valid rows' to leave them out.",
                               "{n} rows have errors (the first are listed below). Fix them in the file and add it "
                               "again, or choose 'Use the valid rows' to leave them out.", rows).format(
                    n=fmt.number(rows))
            else:
                why = _("The problem:")
            not_added = _("{title} was not added.").format(title=title)
            head = (f"<div class='briefing-note warning byod-rejected'><p><strong>{not_added}</strong> "
                    f"{why}</p></div>")
        return head + UploadBox.problems_html(result.problems, result.total_problems)

    @staticmethod
    def problems_html(problems: list[Problem], total: int | None = None) -> str:
        """The first LISTED problems, then how many more there are (`total`: all of them, also those the loader
        did not list one by one)."""
        if not problems:
            return ""
        total = max(total or 0, len(problems))
        lines = {"note": _("Note: {message}"), "error": _("Error: {message}")}
        items = "".join(f"<li class='byod-{p.severity}'>"
                        + lines["note" if p.severity == "note" else "error"].format(message=html.escape(p.message))
                        + "</li>" for p in problems[:LISTED])
        more = _("…and {n} more, not listed here.").format(n=fmt.number(total - LISTED))
        more = f"<li>{more}</li>" if total > LISTED else ""
        return f"<ul class='byod-problems'>{items}{more}</ul>"

    def offer_download(self, csv_text: str, rows: int) -> None:
        """A link to the reader's own events as CSV, built in memory (a data: URL, never a file on the server)."""
        if rows == 0:
            nothing = _("None of your events is in the selection: nothing to download.")
            self.download.value = f"<span>{nothing}</span>"
            return
        encoded = base64.b64encode(csv_text.encode("utf-8")).decode("ascii")
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in self._name.rsplit(".", 1)[0])[:60]
        self.download.value = (f'<a class="byod-download-link" download="{stem}-selection.csv" '
                               f'href="data:text/csv;charset=utf-8;base64,{encoded}">'
                               + _("Save {n} events (CSV)").format(n=fmt.number(rows)) + "</a>")
        LOG.info("prepared a download of %d uploaded events", rows)
