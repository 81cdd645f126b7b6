"""`python -m widgets.scaleout --port 8866 --backends 2` (what `make serve-many` runs): several Voilà processes
behind haproxy on one machine, the same shape as several machines behind a load balancer.

Each backend is `python -m widgets.serve` (as `make app`) on its own loopback port; haproxy listens on `--port`
with the committed configuration, deploy/haproxy.cfg, of which only the `bind` address and the `server` lines
are replaced by loopback ones (`local_config`). A cookie pins each browser to the backend that started its
kernel, so the kernel's websocket and shutdown request reach it. A backend that stops is not restarted: haproxy
routes new readers to the others and its own readers see that the connection was lost (a reload brings them back
on another backend). Ctrl-C or SIGTERM stops haproxy and every backend (which stop their kernels).
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from widgets.paths import ROOT

HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
HAPROXY = "haproxy"
START_TIMEOUT_S = 120
STOP_GRACE_S = 15
LOOPBACK = "127.0.0.1"


def local_config(template: str, port: int, backend_ports: Sequence[int]) -> str:
    """deploy/haproxy.cfg with haproxy on LOOPBACK:port and one `server` line per backend port on LOOPBACK.

    Every other line (timeouts, cookie, health check, redispatch) is kept, so `make serve-many` tests the file
    an organisation deploys. Raises ValueError if the file has no `bind` or no `server` line to replace."""
    if not backend_ports:
        raise ValueError("at least one backend port is needed")
    lines = template.splitlines()
    binds = [i for i, line in enumerate(lines) if re.match(r"\s*bind\s", line)]
    servers = [i for i, line in enumerate(lines) if re.match(r"\s*server\s", line)]
    if len(binds) != 1 or not servers:
        raise ValueError("the haproxy configuration needs exactly one `bind` line and at least one `server` line")
    indent = re.match(r"\s*", lines[servers[0]]).group(0)
    bind_indent = re.match(r"\s*", lines[binds[0]]).group(0)
    lines[binds[0]] = f"{bind_indent}bind {LOOPBACK}:{port}"
    new_servers = [f"{indent}server app{i} {LOOPBACK}:{p} cookie app{i}" for i, p in enumerate(backend_ports, 1)]
    kept = [line for i, line in enumerate(lines) if i not in servers[1:]]
    at = kept.index(lines[servers[0]])
    return "\n".join(kept[:at] + new_servers + kept[at + 1:]) + "\n"


def check_config(path: Path) -> str:
    """haproxy's own validator (`haproxy -c -f path`); returns its output, raises ValueError if it rejects it."""
    done = subprocess.run([HAPROXY, "-c", "-f", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        raise ValueError(f"haproxy rejects {path}:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def answers(url: str) -> bool:
    """True once something answers HTTP on `url` (any status): a backend this module started, on loopback only."""
    if not url.startswith(f"http://{LOOPBACK}:"):
        raise ValueError(f"only the local backends are polled, not {url!r}")
    try:
        urllib.request.urlopen(url, timeout=2).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def stop(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each (Voilà then stops its kernels), SIGKILL to any still alive after STOP_GRACE_S."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="python -m widgets.scaleout", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8866, help="where haproxy listens (readers' address)")
    parser.add_argument("--backends", type=int, default=2, help="how many Voilà processes")
    parser.add_argument("--first-backend-port", type=int, help="backend ports start here (default: port + 1)")
    parser.add_argument("--backend-ports", type=int, nargs="+", metavar="PORT",
                        help="these backend ports instead (one backend each; --backends is then ignored)")
    # Anything else goes to every backend's `python -m widgets.serve`, e.g. --max-kernels 20
    args, extra = parser.parse_known_args(argv)
    if args.backends < 1:
        parser.error("--backends must be at least 1")
    return args, extra


def main(argv: Sequence[str] | None = None) -> int:
    args, extra = parse_args(argv)
    if shutil.which(HAPROXY) is None:
        print("haproxy is not installed: `make serve-many` installs Debian's package (apt-get install haproxy)",
              file=sys.stderr)
        return 2
    first = args.first_backend_port or args.port + 1
    ports = args.backend_ports or list(range(first, first + args.backends))
    if args.port in ports or len(set(ports)) != len(ports):
        print(f"backend ports {ports} overlap each other or haproxy's port {args.port}", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="briefing-haproxy-"))
    config = workdir / "haproxy.cfg"
    config.write_text(local_config(HAPROXY_CONFIG.read_text(encoding="utf-8"), args.port, ports), encoding="utf-8")
    try:
        check_config(config)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2

    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    backends = [subprocess.Popen([sys.executable, "-m", "widgets.serve", f"--port={p}", *extra], cwd=ROOT)
                for p in ports]
    children = list(backends)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        waiting = set(ports)
        while waiting and not stopping and time.monotonic() < deadline:
            waiting = {p for p in waiting if not answers(f"http://{LOOPBACK}:{p}/voila/tree/")}
            if any(c.poll() is not None for c in children):
                print("a backend exited during start-up; see the messages above", file=sys.stderr)
                return 1
            time.sleep(0.5)
        if waiting and not stopping:
            print(f"backends on ports {sorted(waiting)} did not answer within {START_TIMEOUT_S} s", file=sys.stderr)
            return 1
        # Started once the backends answer, so haproxy does not begin by marking them all down.
        # -db: stay in the foreground, so this process supervises it and Ctrl-C stops it.
        haproxy = subprocess.Popen([HAPROXY, "-db", "-f", str(config)], cwd=workdir)
        children.insert(0, haproxy)
        if not stopping:
            print(f"Briefing: http://localhost:{args.port}/ ({len(ports)} Voilà processes on ports "
                  f"{', '.join(map(str, ports))} behind haproxy; config {config})", flush=True)
        reported: set[int] = set()
        while not stopping and haproxy.poll() is None:
            for port, backend in zip(ports, backends):
                if backend.poll() is not None and port not in reported:
                    reported.add(port)
                    print(f"the backend on port {port} stopped (code {backend.returncode}); haproxy sends new "
                          f"readers to the others", file=sys.stderr, flush=True)
            if len(reported) == len(backends):
                print("every backend has stopped", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0 if stopping else 1
    finally:
        stop(children)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
