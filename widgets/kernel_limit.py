"""A ceiling on the kernels Voilà runs at once (`widgets.serve` installs it; Voilà and Jupyter Server have none).

Every page view starts a kernel (150-300 MB) that lives until the tab closes and the idle culler stops it, so
without a ceiling anyone who reloads a page often enough fills the server's memory. Above `max_kernels`, a new
view gets a short "busy" page (HTTP 503) instead of a kernel; readers already on a page are unaffected.

Exact under simultaneous requests: starting a kernel takes a second or more of awaiting, during which the new
kernel is not yet listed, so a check of the listed kernels alone lets every request that arrives in that second
through. Each start therefore reserves its kernel id before its first await (a set, so a kernel that is both
listed and still starting counts once) and releases it when the start ends, whether it succeeded or failed.
Loaded inside the Voilà server process, so it imports nothing of the briefing but the server's words
(widgets.i18n_server: the busy page in the language the address asks for).
"""

from __future__ import annotations

import uuid

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError
from traitlets import Integer

from widgets import i18n_server

BUSY = "Busy: the briefing is serving as many readers as it can right now. Please try again in a few minutes."


def busy_message(query: str) -> str:
    """BUSY in the language the page's address asks for. The HTTP status line carries it, so a translation
    outside Latin-1 (which a status line cannot hold) gives the English."""
    _ = i18n_server.translations(i18n_server.query_language(query)).gettext
    text = _("Busy: the briefing is serving as many readers as it can right now. Please try again in a few minutes.")
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return BUSY
    return text


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager that refuses to start more than `max_kernels` kernels."""

    max_kernels = Integer(40, config=True, help="Most kernels (page views) alive at once; 0 means no limit.")

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self._starting: set[str] = set()  # ids reserved by starts still under way

    def kernels_counted(self) -> int:
        """Kernels alive or starting (each once)."""
        return len(set(self.list_kernel_ids()) | self._starting)

    async def start_kernel(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kernel_id = kwargs.get("kernel_id")
        if kernel_id is not None and kernel_id in self:
            return await super().start_kernel(*args, **kwargs)  # an existing kernel: nothing new starts
        # From here to the reservation there is no await, so no other request can slip in between.
        counted = self.kernels_counted()
        if self.max_kernels and counted >= self.max_kernels:
            self.log.warning("Refused a new kernel: %d alive or starting, max_kernels=%d", counted, self.max_kernels)
            busy = busy_message((kwargs.get("env") or {}).get("QUERY_STRING", ""))  # Voilà passes the request's
            raise HTTPError(503, busy, reason=busy)  # the error page shows the reason
        kernel_id = kernel_id or str(uuid.uuid4())
        self._starting.add(kernel_id)
        try:
            return await super().start_kernel(*args, **{**kwargs, "kernel_id": kernel_id})
        finally:
            self._starting.discard(kernel_id)  # listed now if it started; gone if it failed
