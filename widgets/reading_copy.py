"""The static export served by the running app at <base>/reading-copy/: the "Reading copy (no server)" link that
the template puts in every page's bar (static/briefing-server.js) opens the current chapter there.

Readers who only read need no kernel: the export's files (build/export/, `make export`) draw every figure from
data inlined in the file. If the copy is missing or older than the notebooks or the processed data, the first
request builds it in the background (`python -m widgets.export --no-pdf`, at low CPU priority, once at a time,
into a temporary folder moved into place when complete) and answers with a page that says so and reloads itself;
the reader never meets a dead end, and a server that was started without `make export` still offers the copy.
Only the export's own file names are served: any other path is a 404. Loaded inside the Voilà server process,
so it imports nothing of the briefing beyond widgets.paths and widgets.i18n_server (the notices are written in the
reader's language: the request's `lang`, else the template's cookie).
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tornado.web import HTTPError, RequestHandler, StaticFileHandler

from widgets import i18n_server
from widgets.paths import EXPORT, NOTEBOOKS, PROCESSED_FILES, ROOT

log = logging.getLogger(__name__)
WHOLE = "briefing.html"  # every chapter in one file (widgets/export/run.py)
PDF = "briefing.pdf"  # printed by `make export` only (needs Chromium); never built on demand
REFRESH_S = 5
EXPORT_COMMAND = (sys.executable, "-m", "widgets.export", "--no-pdf", "--out")


def html_names(notebooks: Path = NOTEBOOKS) -> set[str]:
    """The export's HTML file names: one per chapter notebook, plus the whole briefing."""
    return {f"{p.stem}.html" for p in notebooks.glob("*.ipynb")} | {WHOLE}


def is_stale(path: Path, notebooks: Path = NOTEBOOKS, manifest: Path = PROCESSED_FILES["manifest"]) -> bool:
    """True if `path` is missing or older than any notebook or the last data build (so the copy would show
    other numbers than the live pages)."""
    if not path.is_file():
        return True
    built = path.stat().st_mtime
    inputs = [*notebooks.glob("*.ipynb"), manifest]
    return any(p.is_file() and p.stat().st_mtime > built for p in inputs)


class ExportBuilder:
    """Builds the export once at a time in the background; remembers whether the last build failed."""

    def __init__(self, out: Path = EXPORT, command: Sequence[str] = EXPORT_COMMAND) -> None:
        self.out = out
        self.command = list(command)  # the output folder is appended
        self.task: asyncio.Task[None] | None = None
        self.failed = False

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def start(self) -> None:
        if not self.running:
            self.failed = False
            self.task = asyncio.get_running_loop().create_task(self._build())

    async def _build(self) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".reading-copy-", dir=self.out.parent))
        try:
            log.warning("reading copy: building the static export into %s", self.out)
            process = await asyncio.create_subprocess_exec(
                *self.command, str(scratch), cwd=ROOT,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
                preexec_fn=lambda: os.nice(10))  # readers' kernels come first
            output, _ = await process.communicate()
            if process.returncode != 0:
                self.failed = True
                log.error("reading copy: the export failed (code %s):\n%s", process.returncode,
                          output.decode(errors="replace")[-4000:])
                return
            self.out.mkdir(parents=True, exist_ok=True)
            for built in scratch.iterdir():  # each file replaced whole: a reader never gets half a file
                os.replace(built, self.out / built.name)
            log.warning("reading copy: ready in %s", self.out)
        except Exception:  # noqa: BLE001 - reported on the page and in the log, never a traceback to the reader
            self.failed = True
            log.exception("reading copy: the export failed")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


BUILDER = ExportBuilder()


def notice_page(title: str, message: str, live_href: str, refresh: bool, language: str = "en") -> str:
    """A short page in the briefing's plain style: what is happening, and the way back to the live chapter
    (title and message arrive in `language`)."""
    _ = i18n_server.translations(language).gettext
    meta = f'<meta http-equiv="refresh" content="{REFRESH_S}">' if refresh else ""
    back = html.escape(_("Back to the live briefing"))
    return f"""<!DOCTYPE html>
<html lang="{html.escape(language, quote=True)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{meta}<title>{html.escape(title)}</title>
<style>body {{ font: 17px/1.5 system-ui, sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em;
color: #1f2328; }} a {{ color: #0b5cad; }}</style></head>
<body><main><h1>{html.escape(title)}</h1><p>{message}</p>
<p><a href="{html.escape(live_href, quote=True)}">{back}</a></p></main></body></html>"""


class ReadingCopyHandler(StaticFileHandler):
    """GET <base>/reading-copy/NAME: a file of the export, or a page saying it is being prepared."""

    def initialize(self, path: str = str(EXPORT), builder: ExportBuilder = BUILDER,  # type: ignore[override]
                   live_base: str = "/") -> None:
        super().initialize(path=path, default_filename=WHOLE)
        self.builder = builder
        self.live_base = live_base

    async def get(self, path: str, include_body: bool = True) -> None:
        name = path or WHOLE
        if name not in html_names() | {PDF}:
            raise HTTPError(404)
        exported = Path(self.root) / name
        if name == PDF or not is_stale(exported):
            if not exported.is_file():  # the PDF: only `make export` prints it
                raise HTTPError(404)
            await super().get(name, include_body)
            return
        chapter = name.removesuffix(".html")
        live = f"{self.live_base}voila/render/{chapter}.ipynb" if name != WHOLE else self.live_base
        language = i18n_server.request_language(self)
        _ = i18n_server.translations(language).gettext
        if language != "en":
            live += f"?{i18n_server.LANG_ARG}={language}"  # the way back keeps the reader's language
        if self.builder.failed and not self.builder.running:
            self.set_status(503)
            self.finish(notice_page(
                _("The reading copy could not be built"),
                _("The static copy of the briefing could not be built on this server; the server log has the "
                  "details. Whoever runs the briefing can build it with <code>make export</code>."), live, False,
                language))
            return
        self.builder.start()
        self.set_status(503)
        self.set_header("Retry-After", str(REFRESH_S))
        self.set_header("Cache-Control", "no-store")
        self.finish(notice_page(
            _("Preparing the reading copy"),
            _("The static copy of the briefing is being built on the server (about a minute, the first time and "
              "whenever the notebooks or the data change). This page opens it by itself when it is ready."), live,
            True, language))


def handlers(server_url: str) -> list[tuple[str, type[RequestHandler], dict]]:
    """Tornado routes for the reading copy under Voilà's base URL `server_url` (ends with /)."""
    return [(f"{server_url}reading-copy/(.*)", ReadingCopyHandler, {"live_base": server_url})]
