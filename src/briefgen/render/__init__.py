"""Writers that turn a briefgen.document.Document into DOCX, HTML and PDF bytes."""

from __future__ import annotations


class RenderError(Exception):
    """A document that cannot be rendered, with a message a user can act on."""
