"""Share a panel's state through the page URL: parameters written to the query string, restored on open.

Voilà hands the page's query string to the kernel (environment variable QUERY_STRING), so a panel can read its
parameters while the page is built. A tiny front-end widget (anywidget, inline ES module: nothing fetched) writes
the current parameters back with `history.replaceState` — no reload — as soon as it is drawn and after every
change, so the address always says what the page shows: a value from the address that was refused, clamped or
unknown is gone from it, and a copied link never carries it on. It also reports the query it saw, as a fallback.
"""

from __future__ import annotations

import math
import os
import re
from urllib.parse import parse_qsl

import anywidget
import traitlets

from widgets import fmt
from widgets.i18n import _

_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  const apply = () => {
    const params = new URLSearchParams(window.location.search);
    const prefix = model.get("prefix");
    for (const key of [...params.keys()]) { if (key.startsWith(prefix)) params.delete(key); }
    for (const [key, value] of Object.entries(model.get("state"))) { params.set(key, String(value)); }
    const query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  };
  model.on("change:state", apply);
  apply();  // at once: the address may hold values the panel refused or clamped
  model.set("seen_query", window.location.search.replace(/^\\?/, ""));
  model.save_changes();
}
export default { render };
"""


class UrlState(anywidget.AnyWidget):
    """Mirror of one panel's parameters in the URL (keys carry the panel's prefix, e.g. `fuel.stock_days`)."""

    _esm = _ESM
    prefix = traitlets.Unicode("").tag(sync=True)
    state = traitlets.Dict().tag(sync=True)
    seen_query = traitlets.Unicode("").tag(sync=True)


def parse_query(query: str, prefix: str) -> dict[str, str]:
    """The parameters of one panel in a query string: `a=1&fuel.x=2` with prefix `fuel.` → {'x': '2'}."""
    return {key[len(prefix):]: value for key, value in parse_qsl(query.lstrip("?"), keep_blank_values=False)
            if key.startswith(prefix) and len(key) > len(prefix)}


def page_query() -> str:
    """The query string Voilà passed to this kernel ('' in plain Jupyter).

    A preheated kernel (`widgets.serve --preheat`) runs its page before any reader asks for it: the first call
    here waits for the request (Voilà's `wait_for_request`, which puts the request's variables in the kernel's
    environment), so everything before it was computed in advance and everything after follows the address."""
    if os.environ.get("VOILA_PREHEAT") == "True" and not os.environ.get(REQUEST_SEEN):
        from voila.utils import wait_for_request  # only in a preheated kernel: Voilà is then installed
        wait_for_request()
        os.environ[REQUEST_SEEN] = "1"
    return os.environ.get("QUERY_STRING", "")


REQUEST_SEEN = "BRIEFING_REQUEST_SEEN"  # set once the preheated kernel has its reader's request
LANG = "lang"  # ?lang=fr: the page's language (the template keeps the reader's choice and puts it in every link)


def page_language(query: str) -> tuple[str, str | None]:
    """(language, message): the address's `lang` if the briefing has that language; otherwise English and, when the
    address asked for another, a short message for the page (in English, the language it is then shown in)."""
    asked = dict(parse_qsl(query.lstrip("?"))).get(LANG)
    if asked is None or asked.strip().lower() in fmt.LANGUAGES:
        return (asked.strip().lower() if asked else "en"), None
    return "en", (f"The address asks for the language {shown(asked, 12)}, which this briefing does not have; "
                  f"the page is shown in English (available: {', '.join(fmt.LANGUAGES)}).")


def shown(text: str, limit: int = 40) -> str:
    """A value from the address quoted in a message: on one line and shortened (an address can be kilobytes)."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", str(text))
    return repr(text if len(text) <= limit else text[:limit] + "…")


def short(value: float) -> str:
    """A number as short as it is exact ('0.2', '60'; '{:g}'), with the page language's decimal sign."""
    text = f"{value:g}"
    if fmt.language() == "en" or "e" in text:
        return text
    return fmt.number(value, len(text.partition(".")[2]))


def restore_numbers(saved: dict[str, str], defaults: dict[str, float], bounds: dict[str, tuple[float, float]]
                    ) -> tuple[dict[str, float], list[str]]:
    """Numeric parameters from a URL: unknown keys ignored, values that are not finite numbers (text, NaN,
    infinities) replaced by the default, values out of range clamped; one plain-words message per problem for the
    panel's message area, quoting the address's value shortened."""
    values, problems = dict(defaults), []
    for key, text in saved.items():
        if key not in defaults:
            problems.append(_("ignored unknown parameter {key} in the address").format(key=shown(key)))
            continue
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            problems.append(_("{key}: {value} in the address is not a number; the default {default} is used")
                            .format(key=key, value=shown(text), default=short(defaults[key])))
            continue
        low, high = bounds[key]
        if not low <= number <= high:
            clamped = min(max(number, low), high)
            problems.append(_("{key}: {value} in the address is outside {low}–{high}; {clamped} is used").format(
                key=key, value=short(number), low=short(low), high=short(high), clamped=short(clamped)))
            number = clamped
        values[key] = number
    return values, problems
