"""Execute the chapter notebooks in export mode and write the HTML files.

The kernel inherits BRIEFING_EXPORT=1 from this process (widgets.show), so the interactive panels render their
pre-computed counterparts, and a page address naming the language (QUERY_STRING, as Voilà gives it), so the kernel
computes in it.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from widgets import fmt, paths
from widgets.export import html as H
from widgets import show
from widgets.i18n import N_, _
from widgets.vocabulary import CHAPTERS

TITLE = N_("Mali under blockade — an interactive briefing")
KERNEL_TIMEOUT_S = 600


def execute(notebook: str, language: str = "en") -> H.Chapter:
    """Run one notebook headless in export mode, in `language`; its reader-facing content as a Chapter."""
    os.environ[show.ENV] = "1"
    if language != "en":
        os.environ["QUERY_STRING"] = f"lang={language}"
    path = paths.NOTEBOOKS / notebook
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=KERNEL_TIMEOUT_S, kernel_name="python3",
                   resources={"metadata": {"path": str(paths.NOTEBOOKS)}}).execute()
    return H.chapter(nb, path.stem, dict(CHAPTERS)[notebook], language)


def _config(chapters: list[H.Chapter], current: str | None) -> dict:
    """What the template's JS reads (window.BRIEFING_CONFIG): where each chapter is, and that this is an export."""
    single = current is None
    return {"mode": "export", "single_file": single, "current": current,
            "chapters": [{"id": c.name, "title": c.title,
                          "href": f"#{c.name}" if single else f"{c.name}.html"} for c in chapters]}


def write(chapters: list[H.Chapter], out: Path, language: str = "en") -> list[Path]:
    """build/export/<chapter>.html for each chapter, and briefing.html with every chapter in order."""
    out.mkdir(parents=True, exist_ok=True)
    with fmt.using(language):
        title = _(TITLE)
    written = []
    for c in chapters:
        target = out / f"{c.name}.html"
        target.write_text(H.document([c], title=f"{c.title} — {title}", config=_config(chapters, c.name),
                                     static_dir=paths.TEMPLATE_STATIC, language=language), encoding="utf-8")
        written.append(target)
    if len(chapters) > 1:
        target = out / "briefing.html"
        target.write_text(H.document(chapters, title=title, config=_config(chapters, None),
                                     static_dir=paths.TEMPLATE_STATIC, language=language), encoding="utf-8")
        written.append(target)
    return written


def export(notebooks: list[str], out: Path, workers: int = 2, language: str = "en") -> list[Path]:
    """Execute the notebooks (`workers` kernels at a time) and write the HTML in `language`; fails on the first
    ExportError."""
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(notebooks)))) as pool:
        chapters = list(pool.map(partial(execute, language=language), notebooks))
    return write(chapters, out, language)
