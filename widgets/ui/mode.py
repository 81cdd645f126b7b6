"""Live app or static export: the one switch the ui layer reads.

`python -m widgets.export` executes the notebooks with BRIEFING_EXPORT=1 in the kernel's environment; panels then
render a static counterpart (plain HTML and plotly figures with pre-computed native controls) instead of widgets,
which need a kernel.
"""

from __future__ import annotations

import os

ENV = "BRIEFING_EXPORT"


def is_export() -> bool:
    """True while the notebooks are executed for the static export."""
    return os.environ.get(ENV, "") == "1"
