"""Accepted warnings: counted and listed, never failing --strict; errors and stale accepts reported."""

from __future__ import annotations

import json

from briefgen.cli import cli


def _accept(root, line: str) -> None:
    path = root / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  published: 2019-06-10\n",
                                                             f"  published: 2019-06-10\n{line}\n", 1),
                    encoding="utf-8")


def test_accepted_warning_does_not_fail_strict_but_is_counted(runner, copy_root):
    root = copy_root("bg304-no-archive")
    assert runner.invoke(cli, ["check", str(root), "--strict"]).exit_code == 1
    _accept(root, "  accept: [{code: BG304, reason: the outlet forbids archiving}]")
    result = runner.invoke(cli, ["check", str(root), "--strict"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "0 errors, 0 warnings (1 more accepted)"


def test_show_accepted_lists_each_with_its_reason_and_place(runner, copy_root):
    root = copy_root("bg304-no-archive")
    _accept(root, "  accept: [{code: BG304, reason: the outlet forbids archiving}]")
    text = runner.invoke(cli, ["check", str(root), "--show-accepted"]).stdout.splitlines()
    assert text == ["sources.yaml:4:3: warning[BG304] source 'src-a' has no archived or local copy: links rot, add "
                    "'archive' (a preserved copy) or 'file' with its 'sha256' "
                    "[accepted at sources.yaml:8:12: the outlet forbids archiving]"]
    data = json.loads(runner.invoke(cli, ["check", str(root), "--format", "json", "--show-accepted"]).stdout)
    assert data["diagnostics"] == []
    assert data["summary"] == {"errors": 0, "warnings": 0, "accepted": 1}
    assert [(a["code"], a["path"], a["line"], a["reason"], a["accepted_at"]) for a in data["accepted"]] == [
        ("BG304", "sources.yaml", 4, "the outlet forbids archiving", "sources.yaml:8")]
    plain = json.loads(runner.invoke(cli, ["check", str(root), "--format", "json"]).stdout)
    assert "accepted" not in plain and plain["summary"]["accepted"] == 1


def test_accept_on_another_entry_does_not_cover_the_warning(runner, copy_root):
    root = copy_root("bg304-no-archive")
    path = root / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  accept: [BG304]\n", encoding="utf-8")  # on src-b
    result = runner.invoke(cli, ["check", str(root), "--strict"])
    assert result.exit_code == 1
    codes = [line.split("[")[1].split("]")[0] for line in result.stdout.splitlines()]
    assert codes == ["BG304", "BG110"]  # src-a still warned; the accept on src-b covers nothing


def test_accept_of_an_error_is_itself_an_error(runner, copy_root):
    root = copy_root("bg304-no-archive")
    _accept(root, "  accept: [BG304, BG305]")
    result = runner.invoke(cli, ["check", str(root)])
    assert result.exit_code == 1
    assert "error[BG109] 'accept' names BG305, which is an error: fix it instead" in result.stdout


def test_example_passes_strict_with_every_accepted_warning_explained():
    from briefgen.pipeline import check_dossier
    from conftest import EXAMPLE
    _, report = check_dossier(EXAMPLE, use_cache=False)
    assert report.errors == 0 and report.accepted
    assert [str(a) for a in report.accepted if not a.reason] == []
    assert [str(d) for d in report.sorted()] == []  # check --strict passes
    assert report.exit_code(strict=True) == 0
