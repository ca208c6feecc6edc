"""docs/format.md and docs/diagnostics.md are generated and up to date; their examples are valid; the
project's user-facing text stands alone (no pointer to files a clone does not have)."""

from __future__ import annotations

import importlib.util
import re

import pytest

from briefgen.load.loader import LAYOUT, LoadedFile
from briefgen.load.resolve import file_entries, kind_of_path
from briefgen.load.yamlparse import parse_text

from conftest import REPO

_spec = importlib.util.spec_from_file_location("make_docs", REPO / "tools" / "make_docs.py")
make_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_docs)

EXAMPLE = re.compile(r"```yaml\n# (?P<file>\S+)\n(?P<body>.*?)```", re.DOTALL)


def test_committed_docs_are_up_to_date():
    for name, text in make_docs.generated().items():
        committed = (REPO / "docs" / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/{name} is out of date: run python tools/make_docs.py"


def test_format_documents_every_field_of_every_kind():
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    from briefgen.models import FILE_KINDS
    for model, _ in FILE_KINDS.values():
        for name, info in model.model_fields.items():
            assert f"| `{info.alias or name}` |" in text, (model.__name__, name)


def _examples():
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    return [(m.group("file"), m.group("body")) for m in EXAMPLE.finditer(text)]


def test_there_is_an_example_of_every_file_kind():
    kinds = {kind_of_path(path) for path, _ in _examples()}
    assert kinds == set(LAYOUT)


@pytest.mark.parametrize("path, body", _examples(), ids=lambda v: v if "/" in v or v.endswith(".yaml") else "")
def test_every_example_is_valid(path, body):
    kind = kind_of_path(path)
    parsed = parse_text(body)
    assert parsed.problems == []
    found = file_entries(LoadedFile(kind, path, parsed, "x"))
    assert [str(d) for d in found.diagnostics] == []


def test_diagnostics_explain_every_code():
    from briefgen.diagnostics import CODES
    text = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"### {code}: " in text


def test_the_project_stands_alone():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme and "docs/diagnostics.md" in readme
    user_facing = [REPO / "README.md", *(REPO / "docs").glob("*.md"), *(REPO / "src" / "briefgen" / "data").rglob("*.yaml"),
                   *(REPO / "templates").glob("*.md")]
    for path in user_facing:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and "DESIGN.md" not in text, path
