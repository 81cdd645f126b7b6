"""`python -m widgets.voila_app ARGS`: Voilà (same arguments as `python -m voila`) with the briefing's hook and
handlers that answer a crafted address with 404.

A closed tab stops its kernel. Voilà's page, when it is closed or left, asks the server to shut its kernel down and
proves it is the page by sending the `_xsrf` cookie back; but Voilà never sets that cookie on a notebook page, so
the request was refused (403) and every kernel lived on until the idle culler stopped it five minutes later: a
reader clicking through the chapters held one kernel per chapter. Reading `xsrf_token` while the page handler
prepares the response makes tornado set the cookie. (It is done in the handler, not in a Voilà prelaunch hook,
because Voilà refuses any prelaunch hook together with preheated kernels, `widgets.serve --preheat`.)

Crafted addresses: Voilà served nothing outside its pages, but answered some probes with a server error (500)
instead of "not found" — a template path that leaves `<template>/static/` (an assert in its handler), a control
character such as `%00` in a page name (an unsafe redirect header) and `/logout` (a page template this server does
not have). Each is answered 404 here, so scanners leave no server errors in the log.

The page's language (issue 17): the kernel computes in the language of the page address (`?lang=fr`). A reader who
chose French (the page keeps the choice in the cookie `briefing_lang`) and opens a page address without `lang` (a
bookmark, a typed address) is sent to the same address with it, before any kernel starts. The template renders each
markdown cell's current translations next to the English through the Jinja filter `briefing_translations`
(widgets.narrative.shown_translations), registered here for Voilà's exporter.
"""

from __future__ import annotations

import inspect
import os
import re
from urllib.parse import parse_qsl, unquote, urlencode

from tornado.web import HTTPError
from voila.app import Voila
from voila.handler import VoilaHandler
from voila.static_file_handler import TemplateStaticFileHandler

from widgets import fmt, reading_copy

LANG_PARAM = "lang"
LANG_COOKIE = "briefing_lang"  # set by the template's briefing-lang.js
JINJA_FILTERS = {"briefing_translations": "widgets.narrative.shown_translations"}

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def has_control_characters(path: str) -> bool:
    """True for a request path that holds a control character, raw or percent-encoded (once or twice)."""
    return bool(CONTROL.search(unquote(unquote(path))))


class NoControlCharacters:
    """Mixin for every handler: a path with a control character names no page or file (404)."""

    async def prepare(self) -> None:
        result = super().prepare()  # type: ignore[misc]
        if inspect.isawaitable(result):  # Jupyter's handlers learn who asks here; their error page needs it
            await result
        if has_control_characters(self.request.path):  # type: ignore[attr-defined]
            # Answered here in plain text: Jupyter's error page template needs a setting Voilà lacks, and would
            # log a traceback of its own while answering.
            self.set_status(404)  # type: ignore[attr-defined]
            self.set_header("Content-Type", "text/plain; charset=utf-8")  # type: ignore[attr-defined]
            self.finish("404: Not Found")  # type: ignore[attr-defined]


class GivesXsrfCookie:
    """Mixin for Voilà's page handler: the page gets its `_xsrf` cookie, which its kernel-shutdown request needs."""

    async def prepare(self) -> None:
        result = super().prepare()  # type: ignore[misc]
        if inspect.isawaitable(result):
            await result
        self.xsrf_token  # type: ignore[attr-defined]  # noqa: B018 - the property sets the cookie on first access


def language_address(path: str, query: str, cookie: str | None) -> str | None:
    """Where to send a page request that has no `lang` in its address when the reader's cookie chose another
    language than English; None to serve it as asked."""
    if cookie not in fmt.LANGUAGES or cookie == "en" or LANG_PARAM in {k for k, _ in parse_qsl(query, True)}:
        return None
    return f"{path}?{query + '&' if query else ''}{urlencode({LANG_PARAM: cookie})}"


class LanguageInAddress:
    """Mixin for Voilà's page handler: the reader's chosen language goes into the address the kernel reads."""

    async def prepare(self) -> None:
        result = super().prepare()  # type: ignore[misc]
        if inspect.isawaitable(result):
            await result
        request = self.request  # type: ignore[attr-defined]
        if self._finished or request.method != "GET" or has_control_characters(request.path):  # type: ignore[attr-defined]
            return  # (a crafted path is answered 404 by NoControlCharacters, after this)
        target = language_address(request.path, request.query, self.get_cookie(LANG_COOKIE))  # type: ignore[attr-defined]
        if target:
            self.redirect(target)  # type: ignore[attr-defined]


class TemplateStaticOr404(TemplateStaticFileHandler):
    """Voilà's template files, `<template>/static/<file>`; any other shape is not found (Voilà asserts: 500)."""

    def parse_url_path(self, path: str) -> str:
        parts = path.split("/", 2)
        if len(parts) != 3 or parts[1] != "static" or not parts[0] or parts[0] in {".", ".."}:
            raise HTTPError(404)
        return super().parse_url_path(path)

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        parts = os.path.normpath(path).split(os.path.sep, 2)
        if len(parts) != 3 or parts[1] != "static":
            raise HTTPError(404)  # `briefing/static/../../x` leaves the static folder
        return super().get_absolute_path(root, path)


def _guarded(handler: type) -> type:
    if isinstance(handler, type) and issubclass(handler, TemplateStaticFileHandler):
        handler = TemplateStaticOr404
    if not isinstance(handler, type):
        return handler
    mixins = ((NoControlCharacters, LanguageInAddress, GivesXsrfCookie) if issubclass(handler, VoilaHandler)
              else (NoControlCharacters,))
    return type(f"Guarded{handler.__name__}", (*mixins, handler), {})


class BriefingVoila(Voila):
    """Voilà with every handler answering crafted paths 404, no /logout (there is no sign-in to leave), the
    reading copy's route (<base>/reading-copy/, widgets/reading_copy.py) and gzip when asked."""

    def init_handlers(self) -> list:
        handlers = []
        for pattern, handler, *rest in super().init_handlers():
            if pattern.rstrip("/").endswith("/logout"):
                continue
            handlers.append((pattern, _guarded(handler), *rest))
        return [*reading_copy.handlers(self.server_url), *handlers]

    def init_settings(self) -> dict:
        # tornado reads compress_response when the Application is built, but Voilà applies tornado_settings to it
        # afterwards, so `widgets.serve --compress` would change nothing without this.
        settings = super().init_settings()
        settings["compress_response"] = bool(self.tornado_settings.get("compress_response"))
        # Voilà builds an exporter per page from this config: the template's markdown cells need our filter.
        self.config.VoilaExporter.filters = {**self.config.VoilaExporter.get("filters", {}), **JINJA_FILTERS}
        return settings


def main() -> None:
    BriefingVoila.launch_instance()


if __name__ == "__main__":
    main()
