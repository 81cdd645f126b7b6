"""Serve the briefing with Voilà: `python -m widgets.serve --port 8866` (what `make app` runs).

Replaces this process with Voilà (`python -m widgets.voila_app`: Voilà plus one hook) through os.execve, so
that a signal sent to the process group (the tests, Ctrl-C) reaches Voilà directly and there is no wrapper left.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from widgets.byod.schema import MAX_BYTES
from widgets.paths import NOTEBOOKS, TEMPLATES

WEBSOCKET_MAX_BYTES = MAX_BYTES + 4 * 1024 * 1024  # see the tornado_settings option below
# Shown to readers instead of a traceback (show_tracebacks=False); the server log keeps the details.
CELL_ERROR = "This part of the briefing could not be produced. The server log has the details."


MAX_KERNELS = 40  # page views alive at once (widgets/kernel_limit.py); ~150-300 MB each, see `make bench`


def voila_command(port: int, root: Path = NOTEBOOKS, extra: Sequence[str] = (),
                  max_kernels: int = MAX_KERNELS, ip: str = "127.0.0.1", compress: bool = True,
                  preheat: int = 0) -> list[str]:
    """The full Voilà command line for `root` (our notebooks folder); `extra` Voilà options last."""
    return [
        sys.executable, "-m", "widgets.voila_app", str(root),  # `python -m voila` + closed tabs stop their kernel
        f"--port={port}",
        f"--Voila.ip={ip}",  # loopback unless a proxy on another host must reach it (deploy/haproxy.cfg)
        "--no-browser",
        "--template=briefing",  # share/jupyter/voila/templates/briefing: no CDN links
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--VoilaExecutor.cell_error_instruction={CELL_ERROR}",
        "--Voila.port_retries=0",  # Voilà would silently take the next port; `make app PORT=` means that one
        # An uploaded export reaches the kernel as one websocket message; tornado's default cap (10 MiB) would cut
        # the page off its kernel. Allow the upload limit (widgets.byod MAX_BYTES) plus framing. The JSON form is
        # the one that keeps the value an int (the key=value form makes it a string, which tornado cannot compare).
        f'--Voila.tornado_settings={{"websocket_max_message_size": {WEBSOCKET_MAX_BYTES}'
        + (', "compress_response": True}' if compress else '}'),  # a Python literal: traitlets reads it so
        # Each page view starts a kernel (~140 MB) that closing the tab does not always stop: cull kernels
        # idle for 5 min with no open connection (an open tab keeps its kernel).
        "--MappingKernelManager.cull_idle_timeout=300",
        "--MappingKernelManager.cull_interval=60",
        # Voilà starts a kernel for every view and has no ceiling: refuse views beyond max_kernels with a
        # "busy" page rather than let reloads fill the memory.
        "--VoilaConfiguration.multi_kernel_manager_class=widgets.kernel_limit.CappedKernelManager",
        f"--CappedKernelManager.max_kernels={max_kernels}",
        # Preheated kernels: `preheat` per notebook run their page before a reader asks; the panels read the
        # address after Voilà hands the request over (widgets/ui/url_state.page_query). Off unless asked.
        *(["--preheat_kernel=True", f"--pool_size={preheat}"] if preheat > 0 else []),
        # The notebooks folder also holds the narrative's translations (notebooks/i18n): not a page, so not listed.
        *(f"--ContentsManager.hide_globs={glob}" for glob in ("__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "i18n")),
        *extra,
    ]


def voila_env() -> dict[str, str]:
    """The environment with TEMPLATES first on JUPYTER_PATH, so the template is found even without make."""
    env = dict(os.environ)
    paths = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(TEMPLATES) not in paths:
        paths.insert(0, str(TEMPLATES))
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--root", type=Path, default=NOTEBOOKS, help="folder of notebooks to serve (the bench's "
                        "baseline notebook lives elsewhere)")
    parser.add_argument("--max-kernels", type=int, default=MAX_KERNELS,
                        help="most page views served at once, each with its own kernel (0: no limit)")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default loopback only; a "
                        "private address for a proxy on another host, see deploy/haproxy.cfg)")
    # Measured (README, "Running it for an organisation"): a cold chapter view sends ~4 MB instead of ~12 MB, for
    # ~0.3 s of the server's CPU; repeat views come from the browser cache either way.
    parser.add_argument("--compress", action=argparse.BooleanOptionalAction, default=True,
                        help="gzip the responses (tornado's compress_response; default on)")
    parser.add_argument("--preheat", type=int, default=0, metavar="N",
                        help="keep N pre-rendered pages with their kernels ready per notebook (default 0: off)")
    # Anything else is passed on to Voilà, e.g. --VoilaConfiguration.progressive_rendering=True
    args, extra = parser.parse_known_args(argv)
    command = voila_command(args.port, args.root, extra, args.max_kernels, args.ip, args.compress, args.preheat)
    # `/` redirects to the first chapter (see the template's tree-lab.html); /voila/tree/ lists them all.
    print(f"Briefing: http://localhost:{args.port}/", flush=True)
    os.execve(sys.executable, command, voila_env())


if __name__ == "__main__":
    main()
