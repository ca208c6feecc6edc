"""A dossier's template overrides (its templates/ folder): read through the gate, then checked as what they are.

Text templates and print.css must be UTF-8. A .docx (reference.docx) is a zip that python-docx
inflates whole: it is accepted only when its members and their inflated sizes, as the zip
declares them, are within bounds, checked before anything is inflated. Python's zipfile never
inflates a member past its declared size, so the declared sizes are the real bound.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..diagnostics import Diagnostic, Location, diagnostic
from ..limits import Limits
from .paths import Refused, is_folder, list_folder, read_bounded, relative_name

TEXT_SUFFIXES = (".md", ".css", ".html", ".txt")
DOCX_REQUIRED = ("[Content_Types].xml", "word/document.xml")


def check_docx(raw: bytes, limits: Limits) -> None:
    """Refuse a Word file whose zip directory is unusable or would inflate past the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
        raise Refused("BG100", f"is not a Word file ({exc}): save it again from Word as .docx") from None
    if len(members) > limits.docx_members:
        raise Refused("BG107", f"Word file has {len(members):,} parts; at most {limits.docx_members:,} are "
                               "allowed: save it again from Word, or start from briefgen's own reference.docx")
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.docx_unpacked_bytes:
        raise Refused("BG107", f"Word file would unpack to {unpacked / (1 << 20):,.0f} MB; at most "
                               f"{limits.docx_unpacked_bytes >> 20} MB are allowed: remove large images or "
                               "fonts from it, or set the environment variable BRIEFGEN_MAX_FILE_MB higher")
    names = {m.filename for m in members}
    missing = [n for n in DOCX_REQUIRED if n not in names]
    if missing:
        raise Refused("BG100", f"is not a Word file (no {missing[0]} inside): save it again from Word as .docx")


def _check(name: str, raw: bytes, limits: Limits) -> None:
    if name.endswith(TEXT_SUFFIXES):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Refused("BG100", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}): "
                                   "save it as UTF-8") from None
    elif name.endswith(".docx"):
        check_docx(raw, limits)


def read_overrides(root: Path, roots: list[str], limits: Limits) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The files of root/templates by name, and a diagnostic for each one refused."""
    folder = root / "templates"
    found: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    if not (folder.is_symlink() or is_folder(folder)):
        return found, problems
    try:
        entries = list_folder(folder, roots)
    except Refused as exc:
        return found, [diagnostic(exc.code, Location("templates", 1, 1), exc.message)]
    for path in entries:
        rel, valid_name = relative_name(path, root)
        if is_folder(path) and not path.is_symlink():
            continue  # sub-folders (images for print.css) are read by the PDF engine's fetcher, not here
        try:
            if not valid_name:
                raise Refused("BG100", "file name is not valid UTF-8: rename it")
            raw = read_bounded(path, roots, limits.file_bytes, "BRIEFGEN_MAX_FILE_MB")
            _check(path.name, raw, limits)
        except Refused as exc:
            problems.append(diagnostic(exc.code, Location(rel, 1, 1), exc.message))
            continue
        found[path.name] = raw
    return found, problems
