"""The reading copy served by the app (widgets/reading_copy.py): the export's files when built and current; a
page that says it is being prepared (and builds it, once) when missing or stale; a clear page if the build failed;
a 404 for any other name. A short command stands in for `python -m widgets.export` (which takes a minute)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import tornado.web
from tornado.testing import AsyncHTTPTestCase

from widgets.reading_copy import ExportBuilder, ReadingCopyHandler, handlers

# Writes "copy of NAME" for two of the export's files into the folder given as its last argument.
FAKE_EXPORT = (sys.executable, "-c", "import pathlib, sys; out = pathlib.Path(sys.argv[1]); "
               "[(out / n).write_text('copy of ' + n) for n in ('02_corridors.html', 'briefing.html')]")
FAILING_EXPORT = (sys.executable, "-c", "import sys; sys.exit('export failed')")


class ReadingCopyCase(AsyncHTTPTestCase):
    command: tuple[str, ...] = FAKE_EXPORT

    def get_app(self) -> tornado.web.Application:
        self.folder = Path(tempfile.mkdtemp()) / "export"
        self.builder = ExportBuilder(self.folder, self.command)
        return tornado.web.Application([(r"/reading-copy/(.*)", ReadingCopyHandler,
                                         {"path": str(self.folder), "builder": self.builder, "live_base": "/"})])

    def built(self) -> None:
        """Wait for the background build to finish."""
        async def wait() -> None:
            await self.builder.task
        self.io_loop.run_sync(wait, timeout=60)


class TestBuiltOnDemand(ReadingCopyCase):
    def test_missing_copy_is_prepared_then_served(self) -> None:
        response = self.fetch("/reading-copy/02_corridors.html")
        page = response.body.decode()
        assert response.code == 503 and response.headers["Retry-After"]
        assert "Preparing the reading copy" in page and 'http-equiv="refresh"' in page
        assert 'href="/voila/render/02_corridors.ipynb"' in page, "no way back to the live chapter"
        assert self.builder.running
        self.built()
        assert self.fetch("/reading-copy/02_corridors.html").body == b"copy of 02_corridors.html"
        assert self.fetch("/reading-copy/").body == b"copy of briefing.html"  # the whole briefing by default

    def test_a_copy_older_than_the_notebooks_is_rebuilt(self) -> None:
        self.folder.mkdir(parents=True)
        old = self.folder / "02_corridors.html"
        old.write_text("an old copy")
        os.utime(old, (0, 0))
        response = self.fetch("/reading-copy/02_corridors.html")
        assert response.code == 503 and b"Preparing" in response.body
        self.built()
        assert self.fetch("/reading-copy/02_corridors.html").body == b"copy of 02_corridors.html"

    def test_only_the_exports_files_are_served(self) -> None:
        (self.folder).mkdir(parents=True)
        (self.folder / "notes.txt").write_text("not part of the export")
        for path in ("x.html", "notes.txt", "../Makefile", "%2e%2e/Makefile", "..%2fREADME.md", "briefing.pdf",
                     "/etc/passwd", "02_corridors.html/"):
            assert self.fetch(f"/reading-copy/{path}").code == 404, path
        assert not self.builder.running, "a wrong name must not start a build"


class TestFailedBuild(ReadingCopyCase):
    command = FAILING_EXPORT

    def test_a_failed_build_says_how_to_make_it(self) -> None:
        assert self.fetch("/reading-copy/03_gold.html").code == 503
        self.built()
        response = self.fetch("/reading-copy/03_gold.html")
        page = response.body.decode()
        assert response.code == 503 and "could not be built" in page and "make export" in page
        assert 'href="/voila/render/03_gold.ipynb"' in page
        assert not self.builder.running, "a failed build is not retried on every request"


def test_routes_live_under_the_base_url() -> None:
    [(pattern, handler, kwargs)] = handlers("/briefing/")
    assert pattern == "/briefing/reading-copy/(.*)" and handler is ReadingCopyHandler
    assert kwargs == {"live_base": "/briefing/"}
