"""The real clients the DOCX tests use: LibreOffice and pdftotext (a missing one fails, never skips)."""

from __future__ import annotations

import shutil

import pytest


def client_tools() -> tuple[str, str]:
    """soffice and pdftotext, or a test failure saying how to get them."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not soffice or not pdftotext:
        pytest.fail("LibreOffice (soffice) and poppler-utils (pdftotext) are missing: run the README's test "
                    "command, ./dev.sh test, which installs them", pytrace=False)
    return soffice, pdftotext
