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
