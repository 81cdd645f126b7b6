"""A ceiling on the kernels Voilà runs at once (`widgets.serve` installs it; Voilà and Jupyter Server have none).

Every page view starts a kernel (150-300 MB) that lives until the tab closes and the idle culler stops it, so
without a ceiling anyone who reloads a page often enough fills the server's memory. Above `max_kernels`, a new
view gets a short "busy" page (HTTP 503) instead of a kernel; readers already on a page are unaffected.
Loaded inside the Voilà server process, so it imports nothing of the briefing.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError
from traitlets import Integer

BUSY = "Busy: the briefing is serving as many readers as it can right now. Please try again in a few minutes."


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager that refuses to start more than `max_kernels` kernels."""

    max_kernels = Integer(40, config=True, help="Most kernels (page views) alive at once; 0 means no limit.")

    async def start_kernel(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        alive = len(self.list_kernel_ids())
        if self.max_kernels and kwargs.get("kernel_id") is None and alive >= self.max_kernels:
            self.log.warning("Refused a new kernel: %d alive, max_kernels=%d", alive, self.max_kernels)
            raise HTTPError(503, BUSY, reason=BUSY)  # the error page shows the reason
        return await super().start_kernel(*args, **kwargs)
