"""`briefgen init` writes a dossier that checks clean."""

from __future__ import annotations

from briefgen.cli import cli
from briefgen.pipeline import check_dossier


def test_init_writes_a_clean_dossier(runner, tmp_path):
    target = tmp_path / "new"
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "dossier.yaml").is_file() and (target / "submissions" / "osce-letter.yaml").is_file()
    _, report = check_dossier(target, use_cache=False)
    assert [str(d) for d in report.sorted()] == []


def test_init_refuses_a_folder_with_files(runner, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = runner.invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_init_into_an_unwritable_place_is_a_clear_error(runner, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = runner.invoke(cli, ["init", str(blocker / "new")])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "choose a folder" in result.output
    assert not isinstance(result.exception, OSError)
