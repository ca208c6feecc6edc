"""`briefgen schema` writes JSON Schemas an editor can use."""

from __future__ import annotations

import json

from briefgen.cli import cli


def test_schema_files(runner, tmp_path):
    result = runner.invoke(cli, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{k}.schema.json" for k in
                           ("dossier", "sources", "norms", "people", "claims", "submissions", "addressees"))
    claims = json.loads((tmp_path / "claims.schema.json").read_text())
    assert claims["type"] == "array"
    item = claims["items"]
    assert item["additionalProperties"] is False
    assert set(item["required"]) >= {"id", "statement", "date", "status"}
    assert "yaml.schemas" in result.stdout


def test_unwritable_output_is_a_clear_error(runner, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = runner.invoke(cli, ["schema", "-o", str(blocker / "schema")])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "choose a folder" in result.output
    assert not isinstance(result.exception, OSError)


def test_dates_and_years_are_accepted_as_check_accepts_them(runner, tmp_path):
    runner.invoke(cli, ["schema", "-o", str(tmp_path)])
    claims = json.loads((tmp_path / "claims.schema.json").read_text())
    date = claims["items"]["properties"]["date"]
    kinds = [alt.get("type") or alt.get("$ref") for alt in date["anyOf"]]
    assert kinds.count("string") == 3 and "integer" in kinds and "#/$defs/DateSpan" in kinds
    assert "description" in date
