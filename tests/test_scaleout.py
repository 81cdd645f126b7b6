"""The proxy configurations: the multi-machine file in deploy/ and the loopback one `make serve-many` derives from
it pass haproxy's own validator, and the derived one keeps every setting but the addresses.
(The live run behind haproxy is tests/browser/test_proxy.py.)"""

from __future__ import annotations

import ipaddress
import re
import shutil
from pathlib import Path

import pytest

from widgets.scaleout import HAPROXY_CONFIG, check_config, local_config

ADDRESS = re.compile(r"^\s*(?:bind|server\s+\S+)\s+([\d.]+):(\d+)", re.MULTILINE)


@pytest.fixture(scope="module")
def haproxy() -> str:
    path = shutil.which("haproxy")
    if path is None:
        pytest.fail("haproxy is missing: run `make haproxy` (make test installs it) - not skipping on purpose")
    return path


def settings(text: str) -> list[str]:
    """The configuration's lines without comments, blank lines, addresses."""
    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    return [line for line in lines if line and not re.match(r"(bind|server)\s", line)]


def test_the_multi_machine_configuration_is_valid(haproxy: str) -> None:
    assert "valid" in check_config(HAPROXY_CONFIG).lower()


def test_serve_many_uses_the_same_file_on_loopback(haproxy: str, tmp_path: Path) -> None:
    template = HAPROXY_CONFIG.read_text(encoding="utf-8")
    local = local_config(template, 9100, [9101, 9102, 9103])
    path = tmp_path / "haproxy.cfg"
    path.write_text(local, encoding="utf-8")
    check_config(path)
    addresses = ADDRESS.findall(local)
    assert addresses == [("127.0.0.1", "9100"), ("127.0.0.1", "9101"), ("127.0.0.1", "9102"), ("127.0.0.1", "9103")]
    assert all(ipaddress.ip_address(a).is_loopback for a, _ in addresses)
    assert settings(local) == settings(template), "serve-many must run the deployed settings, not its own"
    # What makes a kernel's websocket reach its kernel, and new readers avoid a stopped backend.
    for needed in ("cookie BRIEFING_SERVER insert", "timeout tunnel", "option redispatch", "option httpchk"):
        assert needed in local


def test_a_configuration_without_servers_is_refused() -> None:
    with pytest.raises(ValueError, match="server"):
        local_config("frontend f\n    bind 10.0.0.1:80\nbackend b\n    balance leastconn\n", 80, [81])


def test_haproxy_rejects_a_broken_file(haproxy: str, tmp_path: Path) -> None:
    """The validator really validates: a misspelt keyword fails (so a passing check means something)."""
    broken = HAPROXY_CONFIG.read_text(encoding="utf-8").replace("timeout tunnel", "timeout tunel")
    path = tmp_path / "broken.cfg"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValueError, match="rejects"):
        check_config(path)
