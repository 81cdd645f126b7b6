"""The page's one error guard (widgets/ui/guard.py) in a real IPython shell: a failing cell shows the short
message and no traceback, the traceback goes to the log, the cell counts as done, and later cells run."""

from __future__ import annotations

import logging

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from widgets.ui import guard


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def shell():
    """IPython's shell (the one `display` reaches), guarded; its handlers and our logger restored afterwards."""
    shell = InteractiveShell.instance()
    handlers, propagate, level = list(guard.LOG.handlers), guard.LOG.propagate, guard.LOG.level
    assert guard.install(shell)
    yield shell
    shell.set_custom_exc((), None)
    if guard._forgive in shell.events.callbacks["post_run_cell"]:
        shell.events.unregister("post_run_cell", guard._forgive)
    for handler in guard.LOG.handlers:
        if handler not in handlers:
            guard.LOG.removeHandler(handler)
    guard.LOG.propagate, guard.LOG.level = propagate, level


def html_outputs(cap) -> str:
    return "\n".join(o.data.get("text/html", "") for o in cap.outputs)


def test_a_failing_cell_shows_the_message_and_no_traceback(shell) -> None:
    records = Records()
    guard.LOG.addHandler(records)
    try:
        with capture_output() as cap:
            result = shell.run_cell("def broken():\n    raise ValueError('secret detail 4711')\nbroken()")
    finally:
        guard.LOG.removeHandler(records)
    assert guard.MESSAGE in html_outputs(cap)
    for text in (cap.stdout, cap.stderr, html_outputs(cap)):
        assert "Traceback" not in text and "secret detail" not in text and "ValueError" not in text, text
    # the cell counts as done (the kernel answers "ok"), so Voilà and nbclient go on with the page
    assert result.success and result.error_in_exec is None
    # the detail is in the log, with its traceback
    [record] = records.records
    assert record.exc_info and record.exc_info[0] is ValueError and "secret detail 4711" in str(record.exc_info[1])


def test_later_cells_run_and_show_their_output(shell) -> None:
    with capture_output() as cap:
        shell.run_cell("missing_name + 1")
        result = shell.run_cell("from IPython.display import HTML, display\ndisplay(HTML('<p>drawn after the failure</p>'))")
    assert result.success
    shown = html_outputs(cap)
    assert shown.count(guard.MESSAGE) == 1 and "drawn after the failure" in shown
    assert shown.index(guard.MESSAGE) < shown.index("drawn after the failure")


def test_an_error_the_guard_did_not_handle_keeps_its_status(shell) -> None:
    """A syntax error never runs, so the guard never saw it: it stays an error (Voilà shows its own short line)."""
    with capture_output():
        result = shell.run_cell("page.note(")
    assert not result.success and result.error_before_exec is not None


def test_outside_ipython_there_is_nothing_to_guard(monkeypatch) -> None:
    monkeypatch.setattr(guard, "get_ipython", lambda: None)
    assert guard.install() is False


def test_installing_twice_registers_one_hook(shell) -> None:
    guard.install(shell)
    assert shell.events.callbacks["post_run_cell"].count(guard._forgive) == 1
