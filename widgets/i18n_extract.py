"""Babel extraction method for the notebooks (`[tool.babel]` in pyproject.toml names it `ipynb`).

A notebook's code cells hold a few calls whose string arguments a reader sees (`page.header("Overview: …", …)`,
`page.table_view(frame, "Show the events …")`). Each code cell is fed to Babel's own Python extractor; for the page
functions listed in the mapping's `page_calls` option ("header:1,2 table_view:2,3": the 1-based positions of the
shown arguments, each its own message — not gettext's singular/plural pair), every string literal at those
positions becomes a message, and the function translates it with `_()` when it runs. `_`, `N_` and `ngettext`
in a cell are extracted as in any Python file. The notebooks themselves are not edited.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

LINE_STRIDE = 1000  # a message's line number: cell index × 1000 + line in the cell (cells have fewer lines)


def page_calls(option: str | list[str]) -> dict[str, tuple[int, ...]]:
    """'header:1,2 table_view:2,3' → {'header': (1, 2), 'table_view': (2, 3)}."""
    specs = option.split() if isinstance(option, str) else list(option)
    calls = {}
    for spec in specs:
        name, _sep, positions = spec.partition(":")
        calls[name] = tuple(int(p) for p in positions.split(",")) if positions else (1,)
    return calls


def extract_notebook(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                     options: Mapping[str, Any]) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    """Babel's extraction-method signature: yields (line, function name, message(s), comments)."""
    calls = page_calls(options.get("page_calls", ""))
    notebook = json.loads(fileobj.read().decode("utf-8"))
    names = {*keywords, *calls}
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell_options = {"encoding": "utf-8"}
        for line, funcname, messages, comments in extract_python(io.BytesIO(source.encode("utf-8")), names,
                                                                 comment_tags, cell_options):
            lineno = index * LINE_STRIDE + line
            if funcname not in calls:
                yield lineno, funcname, messages, comments
                continue
            arguments = messages if isinstance(messages, tuple) else (messages,)
            for position in calls[funcname]:
                if position <= len(arguments) and arguments[position - 1]:
                    # No function name: Babel then takes the one message as it is (a plain gettext message).
                    yield lineno, None, arguments[position - 1], comments
