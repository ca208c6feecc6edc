"""`briefgen build` end to end: outputs read back, reproducible, safe, nothing written on errors."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from briefgen.cli import cli
from briefgen.pipeline import check_dossier

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CLAIMS = """\
- id: first
  statement: "Police detained forty people; *not* emphasis, <script>x</script>, \u200fRTL mark."
  date: 2019-06-09
  tags: [detention]
  evidence: [{source: src-a, pinpoint: para 2}]
  norms: [iccpr-21]
  status: alleged
- id: second
  statement: Courts sentenced them the same night.
  date: 2019-06-10
  tags: [detention]
  evidence: [{source: src-a, pinpoint: para 4}]
  status: alleged
- id: third
  statement: Observers reported the same.
  date: 2019-06-11
  tags: [detention]
  evidence: [{source: src-b}]
  status: alleged
- id: fourth
  statement: The ministry confirmed the detentions.
  date: 2019-06-12
  tags: [detention]
  evidence: [{source: src-a}]
  status: alleged
"""


@pytest.fixture
def dossier(copy_root):
    root = copy_root("good")
    (root / "claims" / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    (root / "submissions").mkdir()
    (root / "submissions" / "letter.yaml").write_text(
        "id: letter\nkind: collective-complaint\nto: un-sr-assembly\ntitle: A complaint\ndate: 2019-06-20\n"
        "sections:\n  - {title: Description, role: description, claims: {tags: [detention]}, require_norms: false}\n"
        "  - {title: The law, role: law, claims: [first], require_norms: true}\n"
        "  - {title: Victims, role: victims, text: 'Forty people.'}\n"
        "  - {title: Perpetrators, role: perpetrators, text: 'Police.'}\n"
        "  - {title: Date and place, role: date-place, text: 'Almaty, 9 June 2019.'}\n"
        "  - {title: Legal basis, role: legal-basis, text: 'Article 488.'}\n"
        "  - {title: Domestic steps, role: domestic-steps, text: 'Appeals.'}\n", encoding="utf-8")
    return root


def _build(runner, dossier, out, *extra):
    return runner.invoke(cli, ["build", str(dossier), "-o", str(out), *extra])


def _notes(docx):
    with zipfile.ZipFile(docx) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
    texts = {int(n.get(f"{W}id")): _spaces("".join(n.itertext(f"{W}t"))).strip() for n in notes.iter(f"{W}footnote")
             if int(n.get(f"{W}id")) > 0}  # w:t only: field instructions are not text
    refs = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    return texts, refs, _spaces("".join(body.itertext(f"{W}t")))


def _spaces(text: str) -> str:
    """Non-breaking spaces ('art 21', 'n 4') read as spaces."""
    return text.replace("\u00a0", " ")


def test_build_writes_docx_pdf_and_manifest_with_citations(runner, dossier, tmp_path):
    out = tmp_path / "out"
    result = _build(runner, dossier, out)
    assert result.exit_code == 0, result.output
    folder = out / dossier.name
    assert sorted(p.name for p in folder.iterdir()) == ["letter.public.docx", "letter.public.manifest.json", "letter.public.pdf"]
    texts, refs, body = _notes(folder / "letter.public.docx")
    assert refs == sorted(texts) == [1, 2, 3, 4, 5]
    assert texts[5].startswith("International Covenant on Civil and Political Rights (adopted 16 December 1966")
    assert "The facts set out in para 1 above engage ICCPR, art 21." in body
    assert body.count("Police detained forty people") == 1
    assert texts[1].startswith("Outlet A, ‘Report A’ (10 June 2019) para 2 <https://a.example.org/1>")
    assert "archived at <https://archive.example.org/a1>" in texts[1]
    assert texts[2] == "Ibid, para 4."
    assert texts[3].startswith("Outlet B, ‘Report B’ <https://b.example.org/1>")
    assert texts[4] == "Outlet A, ‘Report A’ (n 1)."
    assert "<script>x</script>" in body and "*not* emphasis" in body and "\u200f" in body
    manifest = json.loads((folder / "letter.public.manifest.json").read_text())
    assert manifest["claims"] == ["first", "second", "third", "fourth"]  # in the order printed
    assert manifest["sources"] == ["src-a", "src-b"] and "claims/c.yaml" in manifest["inputs"]
    pdf_text = subprocess.run(["pdftotext", str(folder / "letter.public.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Ibid, para 4." in pdf_text and "<script>x</script>" in pdf_text


def test_two_builds_are_byte_identical(runner, dossier, tmp_path):
    _build(runner, dossier, tmp_path / "a")
    _build(runner, dossier, tmp_path / "b")
    for name in ("letter.public.docx", "letter.public.pdf", "letter.public.manifest.json"):
        assert (tmp_path / "a" / dossier.name / name).read_bytes() == (tmp_path / "b" / dossier.name / name).read_bytes()


def test_nothing_is_written_when_check_finds_errors(runner, dossier, tmp_path):
    (dossier / "claims" / "c.yaml").write_text(CLAIMS.replace("source: src-b", "source: nope"), encoding="utf-8")
    result = _build(runner, dossier, tmp_path / "out")
    assert result.exit_code == 1 and "BG201" in result.output and "Nothing was built" in result.output
    assert not (tmp_path / "out").exists()


def test_a_template_that_reaches_for_python_internals_is_stopped(runner, dossier, tmp_path):
    (dossier / "templates").mkdir()
    (dossier / "templates" / "collective-complaint.md").write_text("Hello\n\n{{ ''.__class__.__mro__ }}\n")
    result = _build(runner, dossier, tmp_path / "out")
    assert result.exit_code == 1
    assert "templates/collective-complaint.md, line 3" in result.output and "not allowed" in result.output
    assert not (tmp_path / "out").exists()


def test_template_errors_name_file_and_line(runner, dossier, tmp_path):
    (dossier / "templates").mkdir()
    (dossier / "templates" / "collective-complaint.md").write_text("a\n{% if %}\n")
    result = _build(runner, dossier, tmp_path / "out")
    assert result.exit_code == 1 and "templates/collective-complaint.md, line 2" in result.output
    (dossier / "templates" / "collective-complaint.md").write_text("a\n\n{{ no_such_helper() }}\n")
    result = _build(runner, dossier, tmp_path / "out")
    assert "line 3" in result.output and "no_such_helper" in result.output


def test_an_unknown_filter_in_a_template_is_an_error_not_a_crash(runner, dossier, tmp_path):
    (dossier / "templates").mkdir()
    (dossier / "templates" / "collective-complaint.md").write_text("a\n\n{{ submission.title | no_such_filter }}\n")
    result = _build(runner, dossier, tmp_path / "out")
    assert result.exit_code == 1 and "no_such_filter" in result.output and "crashed" not in result.output


def test_images_in_templates_never_load_files(runner, dossier, tmp_path):
    (dossier / "templates").mkdir()
    (dossier / "templates" / "collective-complaint.md").write_text(
        "![pw](file:///etc/passwd)\n\n<img src='file:///etc/passwd'>\n\n[x](../../secret)\n")
    result = _build(runner, dossier, tmp_path / "out", "-f", "pdf", "-f", "html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / dossier.name / "letter.public.html").read_text()
    assert "root:" not in html and "<img" not in html.replace("&lt;img", "")


def test_unknown_submission_is_a_usage_error(runner, dossier, tmp_path):
    result = _build(runner, dossier, tmp_path / "out", "-s", "nope")
    assert result.exit_code == 2 and "no submission 'nope'" in result.output


def test_numbered_paragraphs_and_table_of_authorities(dossier):
    from briefgen.assemble.assembly import assemble
    from briefgen.document import AuthoritiesTable, Paragraph, plain_text
    d, _ = check_dossier(dossier, use_cache=False)
    doc = assemble(d, d.submissions["letter"]).document
    numbered = [b for b in doc.blocks if isinstance(b, Paragraph) and b.number]
    assert [b.number for b in numbered] == list(range(1, len(numbered) + 1))
    toa = [b for b in doc.blocks if isinstance(b, AuthoritiesTable)][-1]
    assert [g.title for g in toa.groups] == ["Treaties"]  # only what the document cites
    treaty, article = toa.groups[0].entries
    assert plain_text(treaty.children).startswith("International Covenant on Civil and Political Rights") and not treaty.places
    assert (_spaces(plain_text(article.children)), plain_text(article.places), article.level) == ("art 21 (right of peaceful assembly)", "para 5", 1)


def test_placeholder_text_stops_the_build_at_check(runner, dossier, tmp_path):
    (dossier / "claims" / "c.yaml").write_text(CLAIMS.replace("Observers reported the same.",
                                                              "Observers reported the same (verify)."), encoding="utf-8")
    result = _build(runner, dossier, tmp_path / "out")
    assert result.exit_code == 1 and re.search(r"claims/c.yaml:\d+:3: error\[BG801\] '\(verify\)' would be printed", result.output)
    assert not (tmp_path / "out").exists()


def test_placeholder_text_from_a_template_expression_stops_the_build(runner, dossier, tmp_path):
    (dossier / "templates").mkdir()
    (dossier / "templates" / "collective-complaint.md").write_text(
        '{% extends "base.md" %}{% block body %}{{ text("Facts " ~ "TO" ~ "DO.") }}{% endblock %}\n')
    result = _build(runner, dossier, tmp_path / "out")
    assert result.exit_code == 1 and "would print 'TODO'" in result.output
    assert not (tmp_path / "out").exists()


def _stderr_on_a_terminal(*args: str) -> tuple[int, str, str]:
    """briefgen run with standard error on a pseudo-terminal: exit code, standard output, and what the
    terminal received."""
    master, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    received = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        try:
            chunk = os.read(master, 1 << 16) if ready else b""
        except OSError:  # every process holding the terminal has ended
            chunk = b""
        if not chunk:
            break
        received += chunk
    os.close(master)
    output = proc.stdout.read().decode()
    return proc.wait(), output, received.decode()


def test_a_build_says_which_stage_it_is_in_on_a_terminal(dossier, tmp_path):
    code, output, terminal = _stderr_on_a_terminal("build", str(dossier), "-o", str(tmp_path / "out"))
    assert code == 0, terminal
    stages = [line for line in terminal.split("\r\x1b[K") if line]
    for stage in ("checking the dossier", "letter (public): assembling the document",
                  "letter (public): writing the DOCX", "letter (public): PDF: laying out page 1",
                  "letter (public): PDF: writing the file", "letter (public): reading the public edition back (leak guard)",
                  "writing 3 files"):
        assert stage in stages, (stage, stages)
    assert stages[-1].startswith("note: letter goes to")  # the line was erased before the summary
    assert output.splitlines() == [str(tmp_path / "out" / dossier.name / f"letter.public.{ext}")
                                   for ext in ("docx", "manifest.json", "pdf")]


def test_no_stage_line_when_standard_error_is_not_a_terminal(runner, dossier, tmp_path):
    result = _build(runner, dossier, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "laying out" not in result.output
