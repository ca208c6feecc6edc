"""Diagnostics as data: a stable code, a severity, a location and a message."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a dossier file: path relative to the dossier, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


# Every code briefgen can emit, with its severity and a short title. What each means and how to fix
# it is in data/codes.yaml (docs/diagnostics.md, `briefgen explain CODE`).
CODES: dict[str, tuple[Severity, str]] = {
    "BG100": (Severity.ERROR, "file cannot be read"),
    "BG101": (Severity.ERROR, "YAML syntax"),
    "BG102": (Severity.ERROR, "duplicate key"),
    "BG103": (Severity.ERROR, "missing or mistyped field"),
    "BG104": (Severity.ERROR, "unknown field"),
    "BG105": (Severity.ERROR, "duplicate id"),
    "BG106": (Severity.ERROR, "YAML feature not allowed in a dossier"),
    "BG201": (Severity.ERROR, "unknown source"),
    "BG202": (Severity.ERROR, "unknown norm"),
    "BG203": (Severity.ERROR, "unknown person"),
    "BG204": (Severity.ERROR, "unknown claim"),
    "BG205": (Severity.ERROR, "unknown addressee or template"),
    "BG301": (Severity.ERROR, "claim without evidence"),
    "BG302": (Severity.WARNING, "corroborated claim with a single source"),
    "BG303": (Severity.WARNING, "only social-media sources"),
    "BG304": (Severity.WARNING, "no archive or local copy"),
    "BG305": (Severity.ERROR, "local copy missing or hash mismatch"),
    "BG306": (Severity.WARNING, "unused source"),
    "BG401": (Severity.ERROR, "claim in a violations section without a norm"),
    "BG402": (Severity.WARNING, "norm named in the statement but not linked"),
    "BG403": (Severity.WARNING, "unused norm"),
    "BG501": (Severity.ERROR, "one figure with two values"),
    "BG502": (Severity.WARNING, "date outside the dossier period"),
    "BG503": (Severity.ERROR, "source dated after the submission"),
    "BG601": (Severity.ERROR, "confidential material in a public edition"),
    "BG602": (Severity.ERROR, "name without publish consent in a public edition"),
    "BG603": (Severity.ERROR, "victim without authority in an individual communication"),
    "BG701": (Severity.ERROR, "required section missing"),
    "BG702": (Severity.WARNING, "over the addressee's length limit"),
    "BG703": (Severity.ERROR, "language not accepted by the addressee"),
    "BG704": (Severity.ERROR, "submission kind not received by the addressee"),
}


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a dossier."""

    code: str
    location: Location
    message: str
    id: str | None = None
    severity: Severity = field(default=Severity.ERROR)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}[{self.code}] {self.message}"

    def to_json(self) -> dict:
        """The JSON object of `check --format json` (docs/diagnostics.md)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message,
            "id": self.id,
        }


def diagnostic(code: str, location: Location, message: str, id: str | None = None) -> Diagnostic:
    """Make a diagnostic with the severity its code carries."""
    return Diagnostic(code, location, message, id, CODES[code][0])


def sort_key(d: Diagnostic) -> tuple:
    """Order of output: by file, line, column, then code."""
    return (d.location.path, d.location.line, d.location.column, d.code, d.message)


@dataclass
class Report:
    """All diagnostics of one run; owns the exit code (black's lesson)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def extend(self, items) -> None:
        self.diagnostics.extend(items)

    def sorted(self) -> list[Diagnostic]:
        """Unique diagnostics in output order."""
        return sorted(set(self.diagnostics), key=sort_key)

    @property
    def errors(self) -> int:
        return sum(1 for d in set(self.diagnostics) if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in set(self.diagnostics) if d.severity is Severity.WARNING)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean or warnings only, 1 errors (or warnings under --strict)."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def summary(self) -> str:
        e, w = self.errors, self.warnings
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
