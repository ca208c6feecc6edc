"""The DOCX writer: a Document -> the bytes of a Word file (writer), and the reading API an audit
uses on a built or edited DOCX (claim bookmarks, the manifest in its properties)."""

from .fields import claim_bookmark
from .properties import claim_bookmarks, read_manifest
from .writer import render_docx

__all__ = ["claim_bookmark", "claim_bookmarks", "read_manifest", "render_docx"]
