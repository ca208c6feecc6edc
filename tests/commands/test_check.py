"""`briefgen check` on every tests/roots dossier, and the command's output formats and exit codes."""

from __future__ import annotations

import json

import pytest

from briefgen.cli import cli
from briefgen.diagnostics import CODES
from briefgen.pipeline import check_dossier

from conftest import ROOTS, expected_diagnostics

CASES = sorted(p.name for p in ROOTS.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_root_gives_exactly_the_expected_diagnostics(case):
    _, report = check_dossier(ROOTS / case, use_cache=False)
    found = sorted(f"{d.code} {d.location.path}:{d.location.line}" for d in report.sorted())
    assert found == expected_diagnostics(ROOTS / case)


def test_every_check_code_has_a_root():
    covered = {line.split()[0] for case in CASES for line in expected_diagnostics(ROOTS / case)}
    wanted = {c for c in CODES if c[2] in "12345678"}
    assert wanted - covered == set()


def test_text_output_is_sorted_and_names_file_line_column(runner, copy_root):
    root = copy_root("bg402-norm-named")
    result = runner.invoke(cli, ["check", str(root)])
    lines = result.stdout.splitlines()
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))
    assert lines[0].startswith("claims/c.yaml:11:3: warning[BG402] ")
    assert result.exit_code == 0


def test_json_output_has_the_documented_shape(runner, copy_root):
    root = copy_root("bg201-unknown-source")
    result = runner.invoke(cli, ["check", str(root), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["summary"] == {"errors": 1, "warnings": 1, "accepted": 0}
    first = data["diagnostics"][0]
    assert set(first) == {"code", "severity", "path", "line", "column", "message", "id"}
    assert (first["code"], first["path"], first["line"], first["id"]) == ("BG201", "claims/c.yaml", 7, "claim-a")
    assert result.exit_code == 1


def test_exit_codes(runner, copy_root):
    assert runner.invoke(cli, ["check", str(copy_root("good"))]).exit_code == 0
    warn = copy_root("bg306-unused-source")
    assert runner.invoke(cli, ["check", str(warn)]).exit_code == 0
    assert runner.invoke(cli, ["check", str(warn), "--strict"]).exit_code == 1
    assert runner.invoke(cli, ["check", str(copy_root("bg105-duplicate-id"))]).exit_code == 1
    assert runner.invoke(cli, ["check", "--format", "xml"]).exit_code == 2


def test_missing_folder_is_a_diagnostic_not_a_traceback(runner, tmp_path):
    result = runner.invoke(cli, ["check", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such folder" in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_all_problems_are_reported_in_one_run(copy_root):
    root = copy_root("good")
    (root / "claims" / "c.yaml").write_text(
        "- id: a\n  statement: x\n  date: 2019-06-09\n  status: alleged\n  evidence: [{source: nope}]\n"
        "  norms: [nope-norm]\n- id: b\n  statement: y\n  date: 2019-06-09\n  status: bogus\n", encoding="utf-8")
    _, report = check_dossier(root, use_cache=False)
    codes = sorted(d.code for d in report.sorted())
    assert "BG201" in codes and "BG202" in codes and "BG103" in codes
