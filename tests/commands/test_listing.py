"""`briefgen list`."""

from __future__ import annotations

import json

from briefgen.cli import cli
from conftest import ROOTS


def test_list_claims_table(runner):
    result = runner.invoke(cli, ["list", "claims", str(ROOTS / "good")])
    assert result.exit_code == 0
    header, rule, row = result.stdout.splitlines()
    assert header.split() == ["id", "date", "status", "sources", "norms", "statement", "file"]
    assert row.startswith("claim-a") and "claims/c.yaml:1" in row


def test_list_norms_json_includes_builtins(runner):
    result = runner.invoke(cli, ["list", "norms", str(ROOTS / "good"), "--format", "json"])
    rows = json.loads(result.stdout)
    iccpr21 = next(r for r in rows if r["id"] == "iccpr-21")
    assert iccpr21["builtin"] is True and iccpr21["short"] == "ICCPR"


def test_list_addressees_has_the_registry(runner):
    rows = json.loads(runner.invoke(cli, ["list", "addressees", str(ROOTS / "good"), "--format", "json"]).stdout)
    ids = {r["id"] for r in rows}
    assert {"osce-odihr", "eu-eeas", "ep-droi", "ep-peti", "un-hrc", "un-sr-assembly", "un-sr-hrd",
            "un-sr-expression", "un-wgad", "ohchr"} <= ids


def test_list_on_a_missing_folder_fails_as_check_does(runner, tmp_path):
    missing = str(tmp_path / "no-such-dir")
    listed = runner.invoke(cli, ["list", "claims", missing])
    checked = runner.invoke(cli, ["check", missing])
    assert listed.exit_code == checked.exit_code == 1
    line = f"{missing}:0:0: error[BG100] no such folder: give the path of a dossier folder"
    assert line in listed.stderr and line in checked.stdout
    assert listed.stdout == ""


def test_list_on_a_folder_without_dossier_yaml_fails(runner, tmp_path):
    result = runner.invoke(cli, ["list", "sources", str(tmp_path)])
    assert result.exit_code == 1 and "no dossier.yaml in this folder" in result.stderr
