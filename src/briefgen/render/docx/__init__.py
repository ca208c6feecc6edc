"""The DOCX writer: a Document -> the bytes of a Word file (writer), its XML (wordml) and package (package)."""

from .writer import render_docx

__all__ = ["render_docx"]
