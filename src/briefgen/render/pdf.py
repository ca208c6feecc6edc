"""The PDF writer: WeasyPrint renders our HTML, fetching nothing but files under allowed folders."""

from __future__ import annotations

import datetime as dt
import io
import logging
import mimetypes
import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from .. import status
from . import RenderError

VARIANTS = (None, "pdf/a-3b", "pdf/ua-1")
MAX_PLACEMENT_PASSES = 12
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
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


class _Stages(logging.Handler):
    """WeasyPrint's own account of its steps, as the stages of the status line."""

    STEPS = {"1": "reading the HTML", "2": "reading the styles", "3": "applying the styles",
             "4": "building the boxes", "6": "writing the file", "7": "writing the metadata"}

    def __init__(self):
        super().__init__(logging.INFO)
        self.prefix = "PDF"

    def emit(self, record: logging.LogRecord) -> None:
        step = str(record.msg).split(" - ", 1)[0].removeprefix("Step ")
        if step == "5":
            page = record.args[0] if isinstance(record.args, tuple) and record.args else None
            status.show(f"{self.prefix}: laying out page {page}" if isinstance(page, int)
                        else f"{self.prefix}: laying out the pages again (their numbers changed)")
        elif step in self.STEPS:
            status.show(f"{self.prefix}: {self.STEPS[step]}")


@contextmanager
def _reporting_stages():
    """WeasyPrint's steps shown on the status line while the block runs (when the line is on)."""
    if not status.on():
        yield None
        return
    logger = logging.getLogger("weasyprint.progress")
    handler = _Stages()
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _laid_out(weasyprint, html: str, base_dir: Path, fetcher, stages: _Stages | None = None):
    """The laid-out document, every footnote on the page of its call.

    WeasyPrint sometimes defers a note to the next page to make room for the lines that follow its
    call (its footnote reporting ignores `footnote-policy` there). Each time that happens, a block
    after the call is made to start a new page and the document is laid out again: first the last
    block that started on the call's page, then the one before it, and so on back to the block right
    after the call (so as little of the page as possible is left empty), then the paragraph of the
    call itself. When no note strays, the one layout the PDF needs anyway is all there is, and one
    walk over its boxes.
    """
    rules: dict[str, str] = {}
    choices: dict[str, list[str]] = {}
    attempts: dict[str, int] = {}
    for number in range(1, MAX_PLACEMENT_PASSES + 1):
        if stages is not None and number > 1:
            stages.prefix = f"PDF, pass {number} (keeping every footnote on the page of its call)"
        styled = html.replace("</style>", "".join(rules.values()) + "</style>", 1) if rules else html
        document = weasyprint.HTML(string=styled, base_url=str(base_dir.resolve()) + "/",
                                   url_fetcher=fetcher).render(font_config=_FONT_CONFIG)
        stray = misplaced_notes(document)
        if not stray:
            return document
        for note, (ancestors, following) in stray.items():
            if note not in choices:
                choices[note] = _breaks_to_try(ancestors, following)
            attempt = attempts.get(note, 0)
            if attempt < len(choices[note]):
                rules[note] = f"{choices[note][attempt]} {{ break-before: page; }}"
            attempts[note] = attempt + 1
    raise RenderError("footnotes could not all be kept on the page of their call; shorten the longest notes")


def _breaks_to_try(ancestors: list[str], following: dict[str, list[str]]) -> list[str]:
    """Selectors of the blocks to start a new page at, in the order to try them, for a note whose call
    sits inside the elements `ancestors` (outermost first); `following`: the tags of the blocks after
    each of them that start on the call's page. A block right after a heading is never chosen: the
    heading would stay behind alone."""
    inside_out = list(reversed(ancestors))
    tried = [f'[id="{i}"]' + " + *" * k for i in inside_out for k in range(len(following.get(i, [])), 0, -1)
             if k == 1 or following[i][k - 2] not in _HEADINGS]
    tried += [f'[id="{i}"] + *' for i in inside_out] + [f'[id="{i}"]' for i in inside_out]
    return list(dict.fromkeys(tried))


def misplaced_notes(document) -> dict[str, tuple[list[str], dict[str, list[str]]]]:
    """Notes that do not sit, in order, at the foot of the page of their call: note number -> the ids
    of the elements around its call (outermost first), and for each, the tags of the blocks that
    follow it and start on the call's page."""
    calls: dict[str, tuple[int, list[str]]] = {}
    placed: dict[str, int] = {}
    order_broken: list[str] = []
    for page_number, page in enumerate(document.pages):
        body, *others = page._page_box.children
        for note, ancestors in _calls(body, ()):
            calls.setdefault(note, (page_number, list(ancestors)))
        markers = [m for other in others for m in _markers(other)]
        for marker in markers:
            placed.setdefault(marker, page_number)
        numbers = [int(m) for m in markers if m.isdigit()]
        if numbers != sorted(numbers):
            order_broken.extend(str(n) for n in numbers)
    stray = {note: (page, ancestors) for note, (page, ancestors) in calls.items()
             if (placed.get(note) != page or note in order_broken) and ancestors}
    return {note: (ancestors, _following_on_page(document, page, ancestors))
            for note, (page, ancestors) in stray.items()}


def _elements(box):
    element = getattr(box, "element", None)
    if element is not None:
        yield element
    for child in getattr(box, "children", None) or []:
        yield from _elements(child)


def _following_on_page(document, page_number: int, ids: list[str]) -> dict[str, list[str]]:
    """For each element id, the tags of the element's following siblings that have boxes on the page."""
    body = document.pages[page_number]._page_box.children[0]
    root = getattr(body, "element", None)
    if root is None:
        return {}
    on_page = {id(e) for e in _elements(body)}
    parents = {id(child): parent for parent in root.iter() for child in parent}
    found: dict[str, int] = {}
    for element in root.iter():
        if element.get("id") in ids and id(element) in parents:
            siblings = list(parents[id(element)])
            after = siblings[siblings.index(element) + 1:]
            found[element.get("id")] = [str(s.tag) for s in after if id(s) in on_page]
    return found


def _text(box) -> str:
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.TextBox):
        return box.text
    return "".join(_text(c) for c in getattr(box, "children", None) or [])


def _calls(box, ancestors: tuple):
    """(note number, ids of the elements around it) for each footnote call under a box, in order."""
    tag = str(getattr(box, "element_tag", "") or "")
    if tag.endswith("::footnote-call"):
        yield _text(box).strip(), ancestors
        return
    element = getattr(box, "element", None)
    if tag in ("p", "li", "tr") and element is not None and element.get("id") and element.get("id") not in ancestors:
        ancestors = (*ancestors, element.get("id"))
    for child in getattr(box, "children", None) or []:
        yield from _calls(child, ancestors)


def _markers(box):
    tag = str(getattr(box, "element_tag", "") or "")
    if tag.endswith("::footnote-marker"):
        yield _text(box).strip().rstrip(".").strip()
        return
    for child in getattr(box, "children", None) or []:
        yield from _markers(child)


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
        with _source_date(created), _reporting_stages() as stages:
            document = _laid_out(weasyprint, html, base_dir, fetcher, stages)
            if stages is not None:
                stages.prefix = "PDF"
            return document.write_pdf(**options)
    except FatalURLFetchingError as exc:
        url = fetcher.refused[-1] if fetcher.refused else str(exc)
        raise RenderError(f"refused to load {url}: only files inside the dossier and template folders can be "
                          "used, never the network; remove the reference or copy the file into the dossier") from None


def render_pdf_fresh(html: str, options: dict, status_state: tuple) -> bytes:
    """render_pdf run in a fresh interpreter (isolate.run_bounded with fresh=True): the PDF engine,
    which needs the most memory, starts without the memory of the build; the status line goes on."""
    status.take_over(status_state)
    return render_pdf(html, **options)
