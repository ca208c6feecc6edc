"""The checks: pure functions from a resolved Dossier to diagnostics, one module per family."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..load.resolve import Dossier
from . import addressees, confidentiality, consistency, document, evidence, law, records, references, release, spelling

FAMILIES = (references, evidence, law, consistency, spelling, confidentiality, addressees, records, document, release)


def run_checks(dossier: Dossier) -> list[Diagnostic]:
    """Every check of every family, all problems at once."""
    found: list[Diagnostic] = []
    for family in FAMILIES:
        found.extend(family.check(dossier))
    return found
