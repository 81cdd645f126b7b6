"""Live app or static export: the one place that decides how a page part is drawn.

The live app draws a page's interactive parts as widgets, which need a kernel. `python -m widgets.export` executes
the notebooks with BRIEFING_EXPORT=1 in the kernel's environment; a part then draws its static counterpart (plain
HTML, plotly figures with pre-computed native controls), which lives in `widgets/export/panels.py` under the live
function's name. The ui layer only marks its interactive parts with `@part` and never reads the switch.
"""

from __future__ import annotations

import functools
import os
from typing import Any, Callable, TypeVar

ENV = "BRIEFING_EXPORT"
F = TypeVar("F", bound=Callable[..., Any])


def is_export() -> bool:
    """True while the notebooks are executed for the static export."""
    return os.environ.get(ENV, "") == "1"


def name_of(live: Callable[..., Any]) -> str:
    """The name a live part's static counterpart is registered under, e.g. 'widgets.ui.page.table_view'."""
    return f"{live.__module__}.{live.__qualname__}"


def show(live: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The part drawn by `live` (a widget) in the app, or by its static counterpart in the export."""
    if is_export():
        from widgets.export.panels import COUNTERPARTS  # the export's renderers, loaded only when exporting
        return COUNTERPARTS[name_of(live)](*args, **kwargs)
    return live(*args, **kwargs)


def part(live: F) -> F:
    """Marks a ui function that draws widgets: calling it goes through `show`."""
    @functools.wraps(live)
    def shown(*args: Any, **kwargs: Any) -> Any:
        return show(live, *args, **kwargs)
    shown.live = live  # type: ignore[attr-defined]
    return shown  # type: ignore[return-value]
