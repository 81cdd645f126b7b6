"""Words in code, in the page's language: gettext catalogues (Babel's extract / update / compile).

The French catalogue is `widgets/locale/fr/LC_MESSAGES/briefing.po` (committed, edited by translators); `make data`
compiles it to `data/processed/locale/fr/LC_MESSAGES/briefing.mo`, which this module reads. The page's language is
`widgets.fmt.language()` (one switch for words and for number and date formats).

- `_("text")` translates now, in the page's language; use it where the text is shown.
- `N_("text")` only marks a constant for extraction (module-level tables); translate it with `_()` when shown.
- `ngettext(singular, plural, n)` for counts.
Placeholders are named and filled after translation: `_("{n} attacks").format(n=...)`, so a translator can move them.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

from widgets import fmt
from widgets import paths

from widgets.i18n_server import DOMAIN  # one domain for the pages and the server's own pages


@lru_cache(maxsize=None)
def _loaded(language: str, folder: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=folder, languages=[language], fallback=True)


def _catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language`; English (the source language) and a missing catalogue give the text as
    written, so a page never fails on a word. Kept per folder: a catalogue read from another folder (a test's
    scratch copy, empty) is never served once the folder is back."""
    return _loaded(language, str(paths.LOCALE))


def _(message: str) -> str:
    """`message` in the page's language."""
    return _catalogue(fmt.language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the page's language."""
    return _catalogue(fmt.language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalogue without translating it (translated where shown, with `_`)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a (singular, plural) pair as one plural entry of the catalogue, for `ngettext(*pair, n)` where shown
    (two `N_` would give two singular entries, which `ngettext` never finds)."""
    return singular, plural


def reload() -> None:
    """Forget the loaded catalogues (after `make data` recompiled them, or in tests)."""
    _loaded.cache_clear()
