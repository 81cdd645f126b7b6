"""One error guard per page: a cell that fails shows the reader a short message; the traceback goes to the log.

`install()` is called once by the page's first cell (`page.setup()`); the cells after it are plain calls. It sets
IPython's custom exception handler (`set_custom_exc`), which `run_code` calls instead of showing a traceback. The
kernel would still answer the cell's execute request with status "error", and Voilà then logs the cell and stops
executing the page (`voila/notebook_renderer.py`, `_jinja_cell_generator`: `except CellExecutionError: break`);
nbclient (the tests, the static export) raises. So the guard also registers a `post_run_cell` hook, which runs before
ipykernel builds its reply (`ipkernel.py`, `do_execute`), and clears the error it handled from the cell's result:
the reply is "ok", the message is the cell's output, and the rest of the page is drawn. Errors the handler did not
see (a syntax error, a KeyboardInterrupt) keep their "error" status and Voilà's own short message.
"""

from __future__ import annotations

import html
import io
import logging
import os
import sys
from typing import Any

from IPython import get_ipython
from IPython.core.interactiveshell import ExecutionResult, InteractiveShell
from IPython.display import HTML

from widgets.html_parts import PART_FAILED, PART_FAILED_CLASS, part_failed

MESSAGE = PART_FAILED  # in English; the box shows it in the page's language
LOG = logging.getLogger("briefing")
_handled: list[BaseException] = []  # errors shown as MESSAGE in the cell that is running


def message(error: BaseException | None = None) -> HTML:
    """What a reader sees instead of a failed part of the page (the `page.note` warning box): PART_FAILED in the
    page's language, or the error's own words when it is written for the page (`shown_on_page`, e.g. data not
    built: run `make data`)."""
    if getattr(error, "shown_on_page", False):
        return HTML(f'<div class="briefing-note warning {PART_FAILED_CLASS}">{html.escape(str(error))}</div>')
    return HTML(part_failed())


def _on_error(shell: InteractiveShell, etype: type, value: BaseException, tb: Any,
              tb_offset: int | None = None) -> list[str]:
    LOG.error("a part of the page could not be drawn", exc_info=(etype, value, tb))
    shell.display_pub.publish(data=shell.display_formatter.format(message(value))[0], metadata={})
    _handled.append(value)
    return []  # no structured traceback: nothing else is shown


def _forgive(result: ExecutionResult | None) -> None:
    """The cell's error was shown as MESSAGE: report the cell as done, so the page goes on (see the docstring)."""
    if result is not None and any(result.error_in_exec is e for e in _handled):
        result.error_in_exec = None
    _handled.clear()


def _server_log() -> io.TextIOBase:
    """The process's own stderr, which the server's log receives. Under ipykernel `sys.stderr` sends to the page
    (and so does descriptor 2, piped to it); its `fileno()` is a copy of the original descriptor."""
    try:
        return open(os.dup(sys.stderr.fileno()), "w", buffering=1, encoding="utf-8", errors="replace")
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return sys.__stderr__


def _log_to_server() -> None:
    if not any(getattr(h, "briefing_guard", False) for h in LOG.handlers):
        handler = logging.StreamHandler(_server_log())
        handler.briefing_guard = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("[briefing] %(asctime)s %(levelname)s %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
        LOG.propagate = False  # logging's last resort would write to sys.stderr, that is to the page


def install(shell: InteractiveShell | None = None) -> bool:
    """Guard every later cell of this kernel's page; False outside IPython (a script has no cells to guard)."""
    shell = shell if shell is not None else get_ipython()
    if shell is None:
        return False
    _log_to_server()
    shell.set_custom_exc((Exception,), _on_error)
    if _forgive not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", _forgive)
    return True
