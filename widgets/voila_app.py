"""`python -m widgets.voila_app ARGS`: Voilà (same arguments as `python -m voila`) with the briefing's hook.

The hook lets a closed tab stop its kernel. Voilà's page, when it is closed or left, asks the server to shut its
kernel down and proves it is the page by sending the `_xsrf` cookie back; but Voilà never sets that cookie on a
notebook page, so the request was refused (403) and every kernel lived on until the idle culler stopped it five
minutes later: a reader clicking through the chapters held one kernel per chapter. Reading `xsrf_token` on the
request makes tornado set the cookie. (A prelaunch hook is a Python callable, which the command line cannot
carry, hence this launcher; Voilà allows no prelaunch hook together with preheated kernels, which we do not use.)
"""

from __future__ import annotations

import sys
from typing import Any

from traitlets.config import Config
from voila.app import Voila

from widgets import reading_copy


def set_xsrf_cookie(handler: Any, notebook: Any = None, cwd: str | None = None) -> None:
    """Voilà prelaunch hook: give the page its `_xsrf` cookie (and change nothing else)."""
    handler.xsrf_token  # noqa: B018 - the property sets the cookie on first access


class BriefingVoila(Voila):
    """Voilà plus the reading copy's route (<base>/reading-copy/, widgets/reading_copy.py) and gzip when asked."""

    def init_handlers(self) -> list:
        return [*reading_copy.handlers(self.server_url), *super().init_handlers()]

    def init_settings(self) -> dict:
        # tornado reads compress_response when the Application is built, but Voilà applies tornado_settings to it
        # afterwards, so `widgets.serve --compress` would change nothing without this.
        settings = super().init_settings()
        settings["compress_response"] = bool(self.tornado_settings.get("compress_response"))
        return settings


def main() -> None:
    config = Config()
    if not any("preheat_kernel=True" in arg for arg in sys.argv):  # Voilà refuses the hook with preheating
        config.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
    BriefingVoila.launch_instance(config=config)


if __name__ == "__main__":
    main()
