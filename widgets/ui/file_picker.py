"""A file picker that checks the size in the browser before sending anything to the kernel.

ipywidgets' FileUpload reads the whole file in the browser and sends it in one websocket message, whatever its
size; a file over the server's message limit closes the page's connection to its kernel and freezes the page.
This picker (anywidget, inline ES module, nothing fetched) refuses a file over `limit` bytes in the browser and
reports it, and sends an accepted file's bytes as one binary buffer (no base64 inflation). Nothing is stored:
the bytes go straight to `on_file`, which decides what to keep.
"""

from __future__ import annotations

from typing import Callable

import anywidget
import traitlets

from widgets import fmt
from widgets.i18n import _

_ESM = """
function render({ model, el }) {
  const label = document.createElement("label");
  label.className = "byod-picker jupyter-button widget-button";
  label.tabIndex = 0;
  label.setAttribute("role", "button");
  const input = document.createElement("input");
  input.type = "file";
  input.accept = model.get("accept");
  input.className = "byod-file-input";
  input.style.position = "absolute"; input.style.opacity = "0"; input.style.width = "1px"; input.style.height = "1px";
  const text = document.createElement("span");
  text.textContent = model.get("description");
  label.append(input, text);
  label.title = model.get("tooltip");
  label.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); }
  });
  input.addEventListener("click", () => { input.value = ""; });
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const limit = model.get("limit");
    if (file.size > limit) {
      model.send({ kind: "too_big", name: file.name, size: file.size });
      input.value = "";
      return;
    }
    model.send({ kind: "reading", name: file.name, size: file.size });
    const buffer = await file.arrayBuffer();
    model.send({ kind: "file", name: file.name, size: file.size }, undefined, [buffer]);
    input.value = "";
  });
  el.appendChild(label);
}
export default { render };
"""


class FilePicker(anywidget.AnyWidget):
    """One file at a time; `on_file(name, content)` gets accepted files, `on_refused(message)` the rest."""

    _esm = _ESM
    _css = """
    .byod-picker { display: inline-flex; align-items: center; position: relative; cursor: pointer;
                   padding: 0 12px; height: 28px; }
    .byod-picker.jupyter-button { width: auto; }  /* the label's own width, in any language */
    .byod-picker:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
    """
    description = traitlets.Unicode("Add your data (CSV)").tag(sync=True)  # in the page's language: __init__
    tooltip = traitlets.Unicode("").tag(sync=True)
    accept = traitlets.Unicode(".csv,text/csv").tag(sync=True)
    limit = traitlets.Int(0).tag(sync=True)

    def __init__(self, on_file: Callable[[str, bytes], None], on_refused: Callable[[str], None],
                 on_reading: Callable[[str], None] | None = None, **kwargs) -> None:
        super().__init__(**{"description": _("Add your data (CSV)"), **kwargs})
        self._on_file, self._on_refused, self._on_reading = on_file, on_refused, on_reading
        self.on_msg(self._receive)

    def _receive(self, _widget, content: dict, buffers: list) -> None:
        kind, name = content.get("kind"), str(content.get("name", ""))
        if kind == "too_big":
            self._on_refused(too_big_message(name, int(content.get("size", 0)), self.limit))
        elif kind == "reading" and self._on_reading is not None:
            self._on_reading(name)
        elif kind == "file":
            self._on_file(name, bytes(buffers[0]) if buffers else b"")


def too_big_message(name: str, size: int, limit: int) -> str:
    mb = 1024 * 1024
    return _("{name} is {size} MB, larger than the {limit} MB limit for uploads (far more than any country-year "
             "export). It was not sent to the server. Export a smaller date range or area.").format(
        name=name, size=fmt.number(size / mb, 1), limit=fmt.number(limit / mb))
