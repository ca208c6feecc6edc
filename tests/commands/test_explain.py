"""`briefgen explain` and the registry of explanations behind it and docs/diagnostics.md."""

from __future__ import annotations

import re

from briefgen.cli import cli
from briefgen.commands.explain import explanations
from briefgen.diagnostics import CODES

from conftest import ROOTS, expected_diagnostics


def test_every_code_is_explained_and_nothing_else():
    registry = explanations()
    assert sorted(registry) == sorted(CODES), "add the new code's trigger, example and fix to data/codes.yaml"
    for code, entry in registry.items():
        assert set(entry) <= {"trigger", "example", "fix"}, code
        assert entry.get("trigger", "").strip() and entry.get("fix", "").strip(), code


def test_every_code_a_root_produces_has_a_real_looking_example():
    produced = {line.split()[0] for case in ROOTS.iterdir() if case.is_dir() for line in expected_diagnostics(case)}
    for code in produced:
        example = explanations()[code].get("example", "")
        severity = CODES[code][0].value
        assert re.match(rf"^\S+:\d+:\d+: {severity}\[{code}\] \S", example), (code, example)


def test_explain_prints_one_code(runner):
    result = runner.invoke(cli, ["explain", "bg201"])
    assert result.exit_code == 0
    assert result.output.startswith("BG201 (error): unknown source\n")
    assert "When:" in result.output and "Example:" in result.output and "Fix:" in result.output
    assert runner.invoke(cli, ["explain", "201"]).output == result.output


def test_explain_without_code_lists_them_all(runner):
    lines = runner.invoke(cli, ["explain"]).output.splitlines()
    assert [l.split()[0] for l in lines] == list(CODES)


def test_explain_unknown_code_is_a_usage_error(runner):
    result = runner.invoke(cli, ["explain", "BG2O1"])
    assert result.exit_code == 2 and "did you mean BG201?" in result.output
