"""`build -s ID` is stopped only by problems in what that submission uses; outputs stay out of the dossier."""

from __future__ import annotations

import os

import pytest

from briefgen.cli import cli

OTHER = """\
id: other
kind: recommendation-letter
to: osce-odihr
title: Another letter
date: 2019-06-20
summary: Another summary.
sections:
  - title: Facts
    claims: [claim-zz]
recommendations:
  - text: Release them.
"""
UNRELATED_CLAIM = """\
- id: unrelated
  statement: Something else entirely.
  date: 2019-13-01
  tags: [elections]
  evidence: [{source: src-a}]
  status: alleged
"""


@pytest.fixture
def dossier(copy_root):
    root = copy_root("selection-list-form")
    letter = root / "submissions" / "s.yaml"
    letter.write_text(letter.read_text().replace(",\n             claim-c]", "]").replace("    require_norms: true\n", ""))
    return root


def _build(runner, root, out, *extra):
    return runner.invoke(cli, ["build", str(root), "-o", str(out), "-f", "docx", *extra])


def test_errors_in_another_submission_and_an_unselected_claim_do_not_block(runner, dossier, tmp_path):
    (dossier / "submissions" / "other.yaml").write_text(OTHER)
    (dossier / "claims" / "more.yaml").write_text(UNRELATED_CLAIM)
    result = _build(runner, dossier, tmp_path / "out", "-s", "letter")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / dossier.name / "letter.public.docx").is_file()
    blocked = _build(runner, dossier, tmp_path / "out2", "-s", "other")
    assert blocked.exit_code == 1 and "BG204" in blocked.output and "Nothing was built" in blocked.output
    assert "BG103" not in blocked.output and "other problems of the dossier" in blocked.output
    assert not (tmp_path / "out2").exists()
    everything = _build(runner, dossier, tmp_path / "out3")
    assert everything.exit_code == 1 and "BG204" in everything.output and "BG103" in everything.output


def test_an_error_in_a_claim_the_submission_uses_blocks_it(runner, dossier, tmp_path):
    claims = dossier / "claims" / "c.yaml"
    claims.write_text(claims.read_text().replace("status: alleged", "status: aleged"))
    result = _build(runner, dossier, tmp_path / "out", "-s", "letter")
    assert result.exit_code == 1 and "claims/c.yaml:15:3: error[BG103] 'status'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_faulty_claim_a_section_may_select_by_tag_blocks_it(runner, dossier, tmp_path):
    letter = dossier / "submissions" / "s.yaml"
    letter.write_text(letter.read_text().replace("claims: [claim-a, claim-b]", "claims: {tags: [elections]}"))
    (dossier / "claims" / "more.yaml").write_text(UNRELATED_CLAIM)
    result = _build(runner, dossier, tmp_path / "out", "-s", "letter")
    assert result.exit_code == 1 and "more.yaml" in result.output


def test_a_faulty_claim_whose_figure_a_table_prints_blocks_it(runner, copy_root, tmp_path):
    root = copy_root("once-faulty-figure-claim")  # claim-a, missing its status, gives the first row's figure
    result = _build(runner, root, tmp_path / "out", "-s", "letter")
    assert result.exit_code == 1 and "claims/c.yaml:1:3: error[BG103] missing field 'status'" in result.output
    assert not (tmp_path / "out").exists()


def test_errors_in_the_dossier_as_a_whole_block_every_submission(runner, dossier, tmp_path):
    (dossier / "dossier.yaml").write_text((dossier / "dossier.yaml").read_text() + "period: {from: 2019-01-01}\n")
    result = _build(runner, dossier, tmp_path / "out", "-s", "letter")
    assert result.exit_code == 1 and "dossier.yaml" in result.output


def test_outputs_never_land_inside_the_dossier(runner, dossier, tmp_path):
    inside = runner.invoke(cli, ["build", str(dossier), "-o", str(dossier / "out")])
    assert inside.exit_code == 2 and "inside the dossier" in inside.output
    assert not (dossier / "out").exists()
    here = os.getcwd()
    os.chdir(dossier / "claims")
    try:
        result = runner.invoke(cli, ["build", "..", "-f", "docx"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    assert (dossier.parent / "output" / dossier.name / "letter.public.docx").is_file()
    assert not (dossier / "claims" / "output").exists() and not (dossier / "output").exists()
