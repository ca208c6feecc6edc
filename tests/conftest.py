"""Shared helpers: the sample dossiers of tests/roots and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
EXAMPLE = REPO / "briefs" / "kazakhstan-2019"
# The thirteen parts of a communication to the Human Rights Committee, in the order its guidance asks.
HRC_PARTS = ["I. Committee addressed", "II. State party", "III. Author of the communication", "IV. Alleged victim",
             "V. Authority to act", "VI. Facts", "VII. Articles of the Covenant violated", "VIII. Remedies sought",
             "IX. Exhaustion of domestic remedies", "X. Other international procedures", "XI. Interim measures",
             "XII. List of annexed documents", "XIII. Date and signature"]


def expected_diagnostics(case: Path) -> list[str]:
    """The lines of a case's expected.txt: 'CODE path:line', comments and blanks dropped."""
    path = case / "expected.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return sorted(l.strip() for l in lines if l.strip() and not l.startswith("#"))


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own parse cache folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def copy_root(tmp_path):
    """Copy a tests/roots case (or any folder) to a temporary folder and return its path."""
    def copy(name_or_path) -> Path:
        source = Path(name_or_path) if Path(name_or_path).is_absolute() else ROOTS / name_or_path
        target = tmp_path / source.name
        shutil.copytree(source, target)
        return target
    return copy
