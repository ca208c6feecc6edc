"""The PDF writer: WeasyPrint renders our HTML, fetching nothing but files under allowed folders."""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import RenderError

VARIANTS = (None, "pdf/a-3b", "pdf/ua-1")
_FONT_CONFIG = None


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    from ..limits import current as current_limits
    from ..load.paths import Refused, read_bounded, real_roots

    class SafeFetcher(URLFetcher):
        """Allows data: URLs and regular files inside the allowed roots (through the loader's gate), bounded
        in size; never the network, never redirects."""

        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.roots = real_roots(roots)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = unquote(urlparse(url).path)
                try:
                    body = read_bounded(path, self.roots, current_limits().file_bytes, "BRIEFGEN_MAX_FILE_MB")
                except Refused:
                    pass
                else:
                    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": kind})
            self.refused.append(url)
            raise FatalURLFetchingError(f"refused to load {url}")

    return SafeFetcher


@contextmanager
def _source_date(created: dt.date | None):
    """SOURCE_DATE_EPOCH for the render (the caller's value wins), restored afterwards."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    if old is None:
        day = created or dt.date(2000, 1, 1)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day,
                                                              tzinfo=dt.timezone.utc).timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_pdf(html: str, *, base_dir: Path, allowed_roots: list[Path], variant: str | None = None,
               attachments=(), created: dt.date | None = None) -> bytes:
    """PDF bytes of `html`; images and styles only from files under `allowed_roots`."""
    global _FONT_CONFIG
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    if variant not in VARIANTS:
        raise RenderError(f"unknown PDF variant {variant!r}: use one of pdf/a-3b, pdf/ua-1")
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    fetcher = _fetcher_class()(allowed_roots)
    day = created or dt.date(2000, 1, 1)
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    files = [weasyprint.Attachment(file_obj=io.BytesIO(data), name=name, description=description, created=stamp, modified=stamp,
                                   url_fetcher=fetcher)
             for name, data, description in attachments]
    options = {"attachments": files or None, "pdf_variant": variant, "pdf_tags": variant == "pdf/ua-1"}
    try:
        with _source_date(created):
            document = weasyprint.HTML(string=html, base_url=str(base_dir.resolve()) + "/", url_fetcher=fetcher)
            return document.write_pdf(font_config=_FONT_CONFIG, **options)
    except FatalURLFetchingError as exc:
        url = fetcher.refused[-1] if fetcher.refused else str(exc)
        raise RenderError(f"refused to load {url}: only files inside the dossier and template folders can be "
                          "used, never the network; remove the reference or copy the file into the dossier") from None
