"""Diagnostics as data: a stable code, a severity, a location and a message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

# What a terminal would act on instead of showing: C0 and C1 controls (escape sequences, a newline
# that forges a line), line and paragraph separators, bidirectional controls (text that reads
# otherwise than it is), and lone surrogates (from file names that are not UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def terminal_safe(text: str) -> str:
    """`text` with every character a terminal would act on shown as an escape (\\x1b, \\n, \\u202e)."""
    return _UNSAFE.sub(_escaped, text)


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text (from json.dumps, which escapes C0 controls itself) with the other characters a terminal
    would act on written as \\u escapes: the same data, safe to print."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
    "BG107": (Severity.ERROR, "over a size limit"),
    "BG108": (Severity.ERROR, "file outside the dossier or not a regular file"),
    "BG109": (Severity.ERROR, "accept names a code that is not a warning"),
    "BG110": (Severity.WARNING, "accepted warning does not occur"),
    "BG201": (Severity.ERROR, "unknown source"),
    "BG202": (Severity.ERROR, "unknown norm"),
    "BG203": (Severity.ERROR, "unknown person"),
    "BG204": (Severity.ERROR, "unknown claim"),
    "BG205": (Severity.ERROR, "unknown addressee or template"),
    "BG206": (Severity.ERROR, "unknown figure"),
    "BG301": (Severity.ERROR, "claim without evidence"),
    "BG302": (Severity.WARNING, "corroborated claim with a single source"),
    "BG303": (Severity.WARNING, "only social-media sources"),
    "BG304": (Severity.WARNING, "no archive or local copy"),
    "BG305": (Severity.ERROR, "local copy missing or hash mismatch"),
    "BG306": (Severity.WARNING, "unused source"),
    "BG307": (Severity.WARNING, "web source without an accessed date"),
    "BG401": (Severity.ERROR, "claim in a violations section without a norm"),
    "BG402": (Severity.WARNING, "norm named in the statement but not linked"),
    "BG403": (Severity.WARNING, "unused norm"),
    "BG501": (Severity.ERROR, "one figure with two values"),
    "BG502": (Severity.WARNING, "date outside the dossier period"),
    "BG503": (Severity.ERROR, "source dated after the submission"),
    "BG504": (Severity.ERROR, "norm adopted after the submission"),
    "BG505": (Severity.WARNING, "name spelt otherwise than in the person record"),
    "BG601": (Severity.WARNING, "confidential material left out of a public edition"),
    "BG602": (Severity.ERROR, "name without publish consent in a public edition"),
    "BG603": (Severity.ERROR, "victim without authority in an individual communication"),
    "BG701": (Severity.ERROR, "required section missing"),
    "BG702": (Severity.WARNING, "over the addressee's length limit"),
    "BG703": (Severity.ERROR, "language not accepted by the addressee"),
    "BG704": (Severity.ERROR, "submission kind not received by the addressee"),
    "BG705": (Severity.WARNING, "detainee record field not known"),
    "BG706": (Severity.WARNING, "named victim without consent to their name being sent to the State"),
    "BG707": (Severity.WARNING, "no category of arbitrary detention invoked"),
    "BG708": (Severity.WARNING, "victim's identity incomplete for the Human Rights Committee"),
    "BG801": (Severity.ERROR, "placeholder or editorial text would be printed"),
    "BG802": (Severity.WARNING, "abbreviation used and never defined"),
    "BG803": (Severity.WARNING, "recommendation not argued in the document"),
    "BG804": (Severity.WARNING, "annex person outside the submission's period"),
    "BG805": (Severity.WARNING, "claim resting only on the submitter's own publications"),
    "BG806": (Severity.WARNING, "source titled by a URL slug or a placeholder"),
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
        """The text line of `briefgen check`, safe to print (text from files shown escaped)."""
        return terminal_safe(f"{self.location}: {self.severity.value}[{self.code}] {self.message}")

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


@dataclass(frozen=True)
class AcceptedWarning:
    """A warning the team has weighed: `accept` on its entry (or in dossier.yaml) names its code."""

    diagnostic: Diagnostic
    reason: str | None
    accepted_at: Location

    def __str__(self) -> str:
        why = self.reason or "no reason given"
        return f"{self.diagnostic} [accepted at {self.accepted_at}: {why}]"

    def to_json(self) -> dict:
        """The diagnostic's JSON with the reason and the place of the `accept`."""
        return {**self.diagnostic.to_json(), "reason": self.reason,
                "accepted_at": f"{self.accepted_at.path}:{self.accepted_at.line}"}


@dataclass
class Report:
    """All diagnostics of one run; owns the exit code (black's lesson).

    Accepted warnings are kept apart: counted and listed on request, never failing `--strict`.
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)
    accepted: list[AcceptedWarning] = field(default_factory=list)

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
        text = f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
        accepted = len(set(self.accepted))
        return text + (f" ({accepted} more accepted)" if accepted else "")
