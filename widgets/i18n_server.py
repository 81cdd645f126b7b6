"""Words of the pages the server writes itself (the "busy" page, the reading copy's notices) in the reader's
language: the address's `lang` (`?lang=fr`), else the cookie the template sets when the reader picks a language
(`briefing_lang`), else English. The catalogue is the pages' own (data/processed/locale, widgets/i18n.py).

Loaded inside the Voilà server process: the standard library's gettext and widgets.paths only (no pandas, no Babel).
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from urllib.parse import parse_qsl

from widgets import paths

DOMAIN = "briefing"  # one gettext domain for the whole briefing
LANG_ARG = "lang"
COOKIE = "briefing_lang"
_CODE = re.compile(r"[a-z]{2,3}")  # a language code, never a path


def available(language: str) -> bool:
    """English (the source language), or a language whose catalogue the data build compiled."""
    return language == "en" or bool(_CODE.fullmatch(language)) and (
        paths.LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def choose(*asked: str | None) -> str:
    """The first language asked for that the briefing has; English otherwise."""
    for language in asked:
        if language and available(language.strip().lower()):
            return language.strip().lower()
    return "en"


def query_language(query: str) -> str:
    """The language a query string asks for ('lang=fr&…' → 'fr'), English if none or unknown."""
    return choose(dict(parse_qsl(query.lstrip("?"))).get(LANG_ARG))


def request_language(handler) -> str:
    """The language of a tornado request: its `lang` argument, else the reader's cookie."""
    return choose(handler.get_argument(LANG_ARG, None), handler.get_cookie(COOKIE))


@lru_cache(maxsize=None)
def translations(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(paths.LOCALE), languages=[language], fallback=True)
