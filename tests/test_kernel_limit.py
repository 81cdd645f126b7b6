"""The kernel ceiling counts a kernel from the moment its start begins until the start ends (issue 16, item 2).

The end-to-end check, N+2 pages opened at the same moment against the real server, is in
tests/browser/test_hardening.py; these stage the manager alone, with a slow or failing start in place of a real
kernel."""

import asyncio
from unittest import mock

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError

from widgets.kernel_limit import CappedKernelManager


def run_together(manager: CappedKernelManager, n: int, start) -> list[object]:
    """`n` start requests at the same moment, with `start` standing in for the real kernel start."""
    async def main():
        with mock.patch.object(AsyncMappingKernelManager, "start_kernel", start):
            return await asyncio.gather(*(manager.start_kernel(kernel_name="python3") for _ in range(n)),
                                        return_exceptions=True)
    return asyncio.run(main())


def test_simultaneous_starts_never_pass_the_ceiling():
    manager = CappedKernelManager(max_kernels=2)
    started: list[str] = []

    async def slow_start(self, *args, kernel_id=None, **kwargs):
        await asyncio.sleep(0.05)  # the kernel is not listed while it starts
        started.append(kernel_id)
        return kernel_id

    results = run_together(manager, 4, slow_start)
    refused = [r for r in results if isinstance(r, HTTPError)]
    assert len(started) == 2 and len(refused) == 2 and all(r.status_code == 503 for r in refused)
    assert manager._starting == set()


def test_a_failed_start_releases_its_place():
    manager = CappedKernelManager(max_kernels=1)

    async def failing_start(self, *args, **kwargs):
        await asyncio.sleep(0.01)
        raise RuntimeError("the kernel process died")

    assert isinstance(run_together(manager, 1, failing_start)[0], RuntimeError)
    assert manager.kernels_counted() == 0

    async def good_start(self, *args, kernel_id=None, **kwargs):
        return kernel_id

    assert isinstance(run_together(manager, 1, good_start)[0], str)  # the place is free again


@pytest.mark.parametrize("limit, requests, expected", [(0, 5, 5), (3, 3, 3)])
def test_no_limit_and_exactly_at_the_limit(limit, requests, expected):
    manager = CappedKernelManager(max_kernels=limit)

    async def slow_start(self, *args, kernel_id=None, **kwargs):
        await asyncio.sleep(0.01)
        return kernel_id

    assert sum(isinstance(r, str) for r in run_together(manager, requests, slow_start)) == expected
