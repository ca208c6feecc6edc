"""`briefgen watch`: the session re-checks only what changed and reports exactly what a fresh check does."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from briefgen.pipeline import check_dossier
from briefgen.session import Session, watched_files

from conftest import EXAMPLE


def _lines(report) -> list[str]:
    return [str(d) for d in report.sorted()]


def _fresh(root) -> list[str]:
    return _lines(check_dossier(root, use_cache=False)[1])


EDITS = [
    # (file, old, new): each leaves the dossier in a state a fresh check must agree with
    ("claims/june-ill-treatment.yaml", "status: corroborated", "status: corroberated"),
    ("claims/june-ill-treatment.yaml", "status: corroberated", "status: corroborated"),
    ("sources/news.yaml", "kind: news", "kind: social-media"),
    ("norms.yaml", "article: \"405\"", "article: \"406\""),
    ("dossier.yaml", "period:", "period2:"),
    ("dossier.yaml", "period2:", "period:"),
    ("submissions/un-sp-june-detentions.yaml", "to: ", "to: un-nobody\nx: "),
]


def test_every_recheck_agrees_with_a_fresh_check(copy_root):
    root = copy_root(EXAMPLE)
    session = Session(root)
    first = session.check()
    assert _lines(first.report) == _fresh(root) and first.changed == []
    total = first.checks_rerun
    for path, old, new in EDITS:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        outcome = session.check()
        assert outcome.changed == [path]
        assert _lines(outcome.report) == _fresh(root), (path, old, new)
        if path.startswith("claims/"):
            assert 0 < outcome.checks_rerun < total / 5  # only that file's claims were checked again


def test_names_masking_cannot_reach_follow_the_people_between_rechecks(copy_root):
    root = copy_root("bg602-unmaskable")
    session = Session(root)
    assert [d.code for d in session.check().report.sorted()] == ["BG602", "BG602"]
    for consent, codes in (("true", []), ("false", ["BG602", "BG602"])):
        people = root / "people.yaml"
        people.write_text(people.read_text(encoding="utf-8").replace("publish_name: " + ("false" if consent == "true"
                          else "true"), "publish_name: " + consent), encoding="utf-8")
        outcome = session.check()
        assert [d.code for d in outcome.report.sorted()] == codes
        assert _lines(outcome.report) == _fresh(root)


def test_a_new_file_and_a_removed_one(copy_root):
    root = copy_root(EXAMPLE)
    session = Session(root)
    session.check()
    (root / "claims" / "new.yaml").write_text("- id: brand-new\n  statement: x\n  date: 2019-06-09\n"
                                             "  status: alleged\n  evidence: [{source: nope}]\n", encoding="utf-8")
    outcome = session.check()
    assert outcome.changed == ["claims/new.yaml"] and _lines(outcome.report) == _fresh(root)
    assert any("unknown source 'nope'" in line for line in _lines(outcome.report))
    (root / "claims" / "new.yaml").unlink()
    outcome = session.check()
    assert outcome.changed == ["claims/new.yaml"] and _lines(outcome.report) == _fresh(root)


def test_only_the_submissions_a_change_concerns_are_rebuilt(copy_root):
    root = copy_root(EXAMPLE)
    session = Session(root)
    first = session.check()
    assert session.affected(first, None) == sorted(first.dossier.submissions)
    claim = first.dossier.claims["june9-almaty-detentions"] if "june9-almaty-detentions" in first.dossier.claims \
        else next(iter(first.dossier.claims.values()))
    path = claim.origin.file
    (root / path).write_text((root / path).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = session.check()
    affected = session.affected(second, first.dossier)
    users = [s for s, sub in second.dossier.submissions.items()
             if any(c.origin.file == path for c in _claims(second.dossier, sub))]
    assert set(users) <= set(affected) < set(second.dossier.submissions)
    (root / "dossier.yaml").write_text((root / "dossier.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = session.check()
    assert session.affected(third, second.dossier) == sorted(third.dossier.submissions)


def _claims(dossier, sub):
    from briefgen.assemble.selection import submission_claims
    return submission_claims(dossier, sub)


def test_watched_files_cover_what_a_check_reads(copy_root):
    root = copy_root(EXAMPLE)
    session = Session(root)
    outcome = session.check()
    watched = watched_files(root, outcome.dossier)
    assert set(outcome.dossier.files) - {p for p in outcome.dossier.files if p.startswith("<")} <= set(watched)


def _next_status(proc, timeout=60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if " — checked in " in line:
            return line
        if not line:
            break
    raise AssertionError("watch printed no summary")


@pytest.mark.parametrize("build", [False, True])
def test_watch_command_end_to_end(copy_root, tmp_path, build):
    root = copy_root("selection-list-form")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "briefgen", "watch", str(root), "--interval", "0.02"]
    if build:
        cmd += ["--build", "-f", "docx", "-o", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    try:
        assert "2 errors" in _next_status(proc)
        letter = root / "submissions" / "s.yaml"
        letter.write_text(letter.read_text().replace(",\n             claim-c]", "]").replace("    require_norms: true\n", ""))
        status = _next_status(proc)
        assert "0 errors" in status and "1 file changed" in status
        if build:
            assert "letter: rebuilt letter.public.docx" in proc.stderr.readline()
            assert (out / root.name / "letter.public.docx").is_file()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Stopped watching." in stderr
    assert not (root / "output").exists()
