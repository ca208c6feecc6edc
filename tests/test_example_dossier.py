"""The example dossier briefs/kazakhstan-2019 checks clean and builds all five submissions."""

from __future__ import annotations

import subprocess

import pytest

from briefgen.cli import cli
from briefgen.pipeline import check_dossier
from conftest import EXAMPLE, HRC_PARTS

SUBMISSIONS = ["eu-eeas-post-election", "osce-odihr-pre-election", "un-hrc-shevchuk", "un-sp-june-detentions",
               "un-sp-kaziev"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from click.testing import CliRunner
    out = tmp_path_factory.mktemp("example")
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "-o", str(out), "--edition", "both"])
    assert result.exit_code == 0, result.output
    return out / "kazakhstan-2019"


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_example_checks_without_errors():
    dossier, report = check_dossier(EXAMPLE, use_cache=False)
    assert report.errors == 0, [str(d) for d in report.sorted() if d.severity.value == "error"]
    assert len(dossier.sources) > 150 and len(dossier.claims) >= 150
    assert sorted(dossier.submissions) == SUBMISSIONS
    assert {s.kind for s in dossier.submissions.values()} == {
        "recommendation-letter", "collective-complaint", "individual-communication"}


def test_only_warnings_a_user_should_see():
    _, report = check_dossier(EXAMPLE, use_cache=False)
    assert {d.code for d in report.sorted()} <= {"BG302", "BG303", "BG304", "BG306", "BG307", "BG403", "BG502", "BG705",
                                                 "BG706", "BG707", "BG802", "BG803"}


def test_every_submission_builds_to_docx_and_pdf(built):
    for sid in SUBMISSIONS:
        assert (built / f"{sid}.public.docx").stat().st_size > 5000
        text = _text(built / f"{sid}.public.pdf")
        assert "Open Dialogue Foundation" in text and "Yours faithfully" in text
        assert "Authority" in text  # the table of authorities


def test_key_figures_appear_with_their_sources(built):
    text = _text(built / "un-sp-june-detentions.public.pdf") + _text(built / "eu-eeas-post-election.public.pdf")
    for figure in ("677", "305", "172"):
        assert figure in text
    assert "35,604" in text or "35 604" in text or "35604" in text
    assert "51,164" in text or "51 164" in text or "51164" in text


def test_hrc_communication_has_the_committees_parts_in_order(built):
    text = _text(built / "un-hrc-shevchuk.public.pdf")
    positions = [text.index(p) for p in HRC_PARTS]
    assert positions == sorted(positions)


def test_joint_complaint_has_an_annex_of_detainees_and_wgad_records(built):
    text = _text(built / "un-sp-june-detentions.public.pdf")
    assert "Annex 1: the people detained" in text
    assert "one record per detainee for the Working Group" in text
    assert "Category II" in text


def test_public_editions_name_nobody_without_consent(built):
    dossier, _ = check_dossier(EXAMPLE, use_cache=False)
    people = dossier.people.values()
    public_words = {w.casefold() for p in people if p.consent.publish_name for w in p.name.replace(".", " ").split()}
    hidden = [p for p in people if not p.consent.publish_name]
    assert hidden
    for sid in SUBMISSIONS:
        public = " ".join(_text(built / f"{sid}.public.pdf").split())
        assert "CONFIDENTIAL" in _text(built / f"{sid}.confidential.pdf") and "CONFIDENTIAL" not in public
        public = public.casefold()
        for person in hidden:
            for name in (person.name, *person.aliases):
                assert name.casefold() not in public, (sid, name)
            if person.family.casefold() not in public_words:
                assert person.family.casefold() not in public, (sid, person.family)
