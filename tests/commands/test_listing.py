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
