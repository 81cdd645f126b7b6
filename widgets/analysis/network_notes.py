"""The routing's notes in the reader's words: widgets/corridors.py writes them in English (the maps select on them);
the corridor and methods tables show them through `network_note`. No geometry here: page kernels import it."""

from __future__ import annotations

import re

from widgets.i18n import N_, _

# The routing's notes (widgets/corridors.py writes them in English, and the maps select on them), in the reader's
# words: (pattern of the English note, its template for the catalogue).
NETWORK_NOTES = (
    (re.compile(r"same roads as (?P<corridor>.+) in the road data \(no separate link\)"),
     N_("same roads as {corridor} in the road data (no separate link)")),
    (re.compile(r"waypoint '(?P<name>.+)' is not in the gazetteer"), N_("waypoint '{name}' is not in the gazetteer")),
    (re.compile(r"no road link between (?P<a>.+) and (?P<b>.+) in the road data"),
     N_("no road link between {a} and {b} in the road data")),
)


def network_note(message: str) -> str:
    """A routing note in the page's language (a note of another shape is shown as written)."""
    for pattern, template in NETWORK_NOTES:
        hit = pattern.fullmatch(str(message))
        if hit:
            return _(template).format(**hit.groupdict())
    return str(message)
