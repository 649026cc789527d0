"""A download button that works with Vuetify 3: the file is made on click, in a worker thread.

(Solara's ``FileDownload`` renders no button with ipyvuetify 3, which this project uses.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import ipyvuetify
import solara
import traitlets

__all__ = ["DownloadButton", "DownloadButtonWidget"]

logger = logging.getLogger(__name__)


class DownloadButtonWidget(ipyvuetify.VuetifyTemplate):
    """A button; each click increments ``clicks``; setting ``payload`` makes the browser save it."""

    template_file = (__file__, "download_button.vue")
    label = traitlets.Unicode("Download").tag(sync=True)
    filename = traitlets.Unicode("download.dat").tag(sync=True)
    mime_type = traitlets.Unicode("application/octet-stream").tag(sync=True)
    payload = traitlets.Bytes(None, allow_none=True).tag(sync=True)
    clicks = traitlets.Int(0).tag(sync=True)
    busy = traitlets.Bool(False).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    make_data = traitlets.Any(None)  # () -> bytes | str, called on each click
    make_filename = traitlets.Any(None)  # () -> str, called on each click; else ``filename`` stays

    @traitlets.observe("clicks")
    def _on_click(self, change) -> None:
        if change["new"] > change["old"] and self.make_data is not None and not self.busy:
            self.busy = True
            threading.Thread(target=self.serve, daemon=True, name="succession-download").start()

    def serve(self) -> None:
        """Make the file and hand it to the browser (runs in a worker thread)."""
        try:
            if self.make_filename is not None:
                self.filename = self.make_filename()
            data = self.make_data()
            self.payload = None
            self.payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        except Exception:  # a failed export must not take the page down
            logger.exception("making %s failed", self.filename)
        finally:
            self.busy = False


@solara.component
def DownloadButton(label: str, filename: str | Callable[[], str], make_data: Callable[[], bytes | str],
                   mime_type: str = "application/octet-stream", disabled: bool = False):
    """A button that saves ``make_data()`` as ``filename`` (a name, or a function that gives it at the click)."""
    names = {"make_filename": filename} if callable(filename) else {"filename": filename}
    return DownloadButtonWidget.element(label=label, make_data=make_data, mime_type=mime_type, disabled=disabled,
                                        **names)
