"""An executed notebook as static HTML, and the page around one or several chapters.

Our own small template rather than nbconvert's: nbconvert's pages load MathJax and require.js from a CDN. Markdown
cells go through nbconvert's markdown filter (mistune), HTML outputs are kept as they are, plotly outputs become a
div and their figure JSON, drawn by the inlined plotly.js. Code never appears. A widget output means a panel has no
static counterpart: the export fails rather than ship a blank. An export is in one language: a markdown cell shows
its current translation in that language (widgets/narrative.py), else its English, as the served page does.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from nbconvert.filters.markdown_mistune import markdown2html_mistune
from plotly.offline import get_plotlyjs

from widgets import narrative
from widgets.html_parts import PART_FAILED_CLASS

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CHAPTER_LINK = re.compile(r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"')


class ExportError(RuntimeError):
    """The notebook cannot be exported as it is (a widget, an error or a traceback in its outputs)."""


@dataclass(frozen=True)
class Chapter:
    name: str  # notebook stem, e.g. "01_threat"; also the anchor in the whole briefing
    title: str
    body: str  # the chapter's HTML, figures as placeholders + JSON
    figures: int


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no '</' can close it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _figure(spec: dict[str, Any], fig_id: str) -> str:
    meta = (spec.get("layout") or {}).get("meta") or {}
    meta = meta if isinstance(meta, dict) else {}
    source = str(meta.get("source_line", ""))
    if not source:
        raise ExportError(f"figure {fig_id} has no source line (layout.meta.source_line)")
    label = str(meta.get("alt") or meta.get("title") or "chart")
    return (f'<figure class="briefing-figure" data-slug="{html.escape(str(meta.get("slug", "")), quote=True)}">'
            f'<div class="plotly-figure" id="{fig_id}" role="img" aria-label="{html.escape(label, quote=True)}">'
            f'</div><script type="application/json" class="figure-data" data-for="{fig_id}">'
            f'{_script_json({"data": spec.get("data", []), "layout": spec.get("layout", {})})}</script>'
            f'<figcaption class="figure-source">{html.escape(source)}</figcaption></figure>')


def _output(output: dict[str, Any], name: str, fig_ids: list[str]) -> str:
    kind = output.get("output_type")
    if kind == "error":
        raise ExportError(f"{name}: a cell raised {output.get('ename')}")
    if kind == "stream":
        if output.get("name") == "stderr":
            raise ExportError(f"{name}: stderr: {output.get('text', '')[:300]}")
        return ""  # stdout is not part of the page (the app does not show it either)
    data = output.get("data", {})
    if WIDGET_MIME in data:
        raise ExportError(f"{name}: a widget output has no static counterpart in export mode "
                          f"({data.get('text/plain', '')[:80]})")
    if PLOTLY_MIME in data:
        fig_ids.append(f"{name}-fig-{len(fig_ids) + 1}")
        return _figure(data[PLOTLY_MIME], fig_ids[-1])
    if PART_FAILED_CLASS in data.get("text/html", ""):
        raise ExportError(f"{name}: a part of the page could not be drawn (the kernel's log has the traceback)")
    if "text/html" in data:
        return f'<div class="output jp-RenderedHTMLCommon">{data["text/html"]}</div>'
    if "text/markdown" in data:
        return f'<div class="output jp-RenderedHTMLCommon">{markdown2html_mistune(data["text/markdown"])}</div>'
    if set(data) <= {"text/plain"}:
        raise ExportError(f"{name}: a cell shows plain text ({data.get('text/plain', '')[:80]!r}); "
                          "pages show HTML, markdown or figures only")
    raise ExportError(f"{name}: unexpected output types {sorted(data)}")


def markdown_in(cell: Any, name: str, language: str) -> str:
    """A markdown cell's source in `language`: its current translation, else the English."""
    if language == "en":
        return cell.source
    return narrative.current_text(language, name, cell.get("id", ""), cell.source) or cell.source


def chapter(nb: Any, name: str, title: str, language: str = "en") -> Chapter:
    """The executed notebook's reader-facing content: markdown (in `language`) and outputs, in order; never code."""
    parts, fig_ids = [], []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(f'<div class="markdown jp-RenderedMarkdown jp-RenderedHTMLCommon">'
                         f'{markdown2html_mistune(markdown_in(cell, name, language))}</div>')
        elif cell.cell_type == "code":
            parts.extend(_output(o, name, fig_ids) for o in cell.get("outputs", []))
    return Chapter(name, title, "\n".join(p for p in parts if p), len(fig_ids))


def relink(body: str, single_file: bool) -> str:
    """Links between notebooks point to the exported files, or to the chapter's anchor in the whole briefing."""
    return CHAPTER_LINK.sub(lambda m: f'href="#{m.group(1)}"' if single_file
                            else f'href="{m.group(1)}.html{m.group(2) or ""}"', body)


def _asset(name: str) -> str:
    return resources.files("widgets.export").joinpath(name).read_text(encoding="utf-8")


def _inline(text: str, tag: str) -> str:
    """A file's text inside <style> or <script>, unable to close its element early."""
    safe = re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)
    return f"<{tag}>\n{safe}\n</{tag}>"


def document(chapters: list[Chapter], *, title: str, config: dict[str, Any], static_dir: Path,
             language: str = "en") -> str:
    """A whole, self-contained page: CSS, config, plotly.js (once), the chapters, our renderer, the template's JS.

    The template's own static .css and .js files (page navigation, themes, downloads) are inlined in name order;
    they read window.BRIEFING_CONFIG, set before them, and show their words in the page's <html lang>.
    """
    css = [p.read_text(encoding="utf-8") for p in sorted(static_dir.glob("*.css"))] + [_asset("export.css")]
    js = [p.read_text(encoding="utf-8") for p in sorted(static_dir.glob("*.js"))]
    single = len(chapters) > 1
    sections = "\n".join(
        f'<section class="chapter" id="{c.name}" data-chapter="{c.name}">\n{relink(c.body, single)}\n</section>'
        for c in chapters)
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(language, quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        *(_inline(c, "style") for c in css),
        f"<script>window.BRIEFING_CONFIG = {_script_json(config)};</script>",
        _inline(get_plotlyjs(), "script"),
        "</head>",
        f'<body data-voila data-briefing-export="{"briefing" if single else "chapter"}">',
        f'<main id="rendered_cells">\n{sections}\n</main>',
        _inline(_asset("export.js"), "script"),
        *(_inline(j, "script") for j in js),
        "</body>",
        "</html>",
        "",
    ])
