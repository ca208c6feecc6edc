"""The bounds briefgen puts on every input, and the environment variables that move the adjustable ones.

Dossier files and templates come from many hands: each bound keeps a malformed or hostile input
from exhausting memory or time. The fixed ones are far beyond any real dossier; the adjustable
ones are those a large organisation may legitimately reach.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MIB = 1 << 20

# environment variable -> (field, default, unit in words)
SETTINGS = {
    "BRIEFGEN_MAX_FILE_MB": ("file_mb", 16, "megabytes"),
    "BRIEFGEN_TEMPLATE_SECONDS": ("template_seconds", 60, "seconds"),
    "BRIEFGEN_BUILD_SECONDS": ("build_seconds", 900, "seconds"),
    "BRIEFGEN_BUILD_MEMORY_MB": ("build_memory_mb", 4096, "megabytes"),
}


class BadSetting(ValueError):
    """An environment variable of SETTINGS holds something other than a positive whole number."""


@dataclass(frozen=True)
class Limits:
    """Every bound in force for one run."""

    file_mb: int = 16             # one dossier file, template or reference.docx, as stored
    template_seconds: int = 60    # running one submission's template
    build_seconds: int = 900      # assembling and rendering one submission, every format
    build_memory_mb: int = 4096   # address space of the process that builds one submission
    depth: int = 32               # nesting of lists and mappings in a dossier file
    text_chars: int = 100_000     # one text value (a statement, a title)
    number_digits: int = 30       # one number
    docx_members: int = 1000      # parts inside a reference.docx

    @property
    def file_bytes(self) -> int:
        return self.file_mb * MIB

    @property
    def values_per_file(self) -> int:
        """Keys, items and texts in one file: one per 16 bytes of the size bound."""
        return self.file_bytes // 16

    @property
    def docx_unpacked_bytes(self) -> int:
        """A reference.docx's parts once inflated."""
        return 8 * self.file_bytes

    @property
    def template_output_chars(self) -> int:
        """Markdown that one template run may produce."""
        return 4 * self.file_bytes


def current() -> Limits:
    """The limits in force: the defaults, moved by the environment variables of SETTINGS."""
    values = {}
    for name, (attr, _default, unit) in SETTINGS.items():
        raw = os.environ.get(name)
        if raw is None or not raw.strip():
            continue
        try:
            number = int(raw.strip())
        except ValueError:
            number = 0
        if number <= 0 or number > 10**7:
            raise BadSetting(f"{name} must be a whole number of {unit} between 1 and 10000000; got {raw!r}")
        values[attr] = number
    return Limits(**values)


def how_to_raise(name: str) -> str:
    """The words that tell a user how to move the bound behind environment variable `name`."""
    return f"set the environment variable {name} to a larger number of {SETTINGS[name][2]}"
