"""`briefgen build --edition`: a public and a confidential edition of one submission, read back
part by part: nothing confidential in the public one, everything (and the marking) in the other."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader

from briefgen.cli import cli
from conftest import ROOTS

CASE = ROOTS / "editions"
# Every spelling of a hidden person's name or of confidential material that the sample dossier uses.
HIDDEN = ["seitkali", "сейткали", "данияр", "daniyar", "seit-kali", "abenova", "абенов", "zhanna", "жанн",
          "e.m. shevchuk", "witness-statement", "drive.example.org", "neighbour of the family",
          "masked officers broke into", "seitkali-daniyar", "abenova-zhanna", "shevchuk-e-m"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from click.testing import CliRunner
    out = tmp_path_factory.mktemp("editions")
    result = CliRunner().invoke(cli, ["build", str(CASE), "-o", str(out), "--edition", "both"])
    assert result.exit_code == 0, result.output + result.stderr
    return out / "editions", result


def _docx_parts(path) -> dict[str, str]:
    """Every part of a DOCX as text, attributes included (bookmarks, link targets, properties)."""
    parts = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(data)
                bits = [t for el in root.iter() for t in (el.text, el.tail, *el.attrib.values()) if t]
                parts[name] = " ".join(bits)
            else:
                parts[name] = data.decode("utf-8", "replace")
    return parts


def _pdf_parts(path) -> dict[str, str]:
    reader = PdfReader(path)
    parts = {f"page {i}": p.extract_text() for i, p in enumerate(reader.pages, 1)}
    parts["metadata"] = " ".join(f"{k} {v}" for k, v in (reader.metadata or {}).items())
    parts["destinations"] = " ".join(reader.named_destinations)
    for name, contents in reader.attachments.items():
        parts[f"attachment {name}"] = name + " " + " ".join(c.decode("utf-8") for c in contents)
    parts["links"] = " ".join(str(a.get_object().get("/A", {}).get("/URI", "")) for p in reader.pages
                              for a in p.get("/Annots", []) or [])
    return parts


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\u00ad\u200b-\u200f\u2060\ufeff]", "", text)


def _all_parts(folder, edition) -> dict[str, str]:
    parts = {f"docx {k}": v for k, v in _docx_parts(folder / f"complaint.{edition}.docx").items()}
    parts.update({f"pdf {k}": v for k, v in _pdf_parts(folder / f"complaint.{edition}.pdf").items()})
    parts["html"] = (folder / f"complaint.{edition}.html").read_text(encoding="utf-8")
    parts["manifest"] = (folder / f"complaint.{edition}.manifest.json").read_text(encoding="utf-8")
    parts["pdftotext"] = subprocess.run(["pdftotext", str(folder / f"complaint.{edition}.pdf"), "-"],
                                        capture_output=True, text=True, check=True).stdout
    return parts


def test_one_submission_gives_both_editions_named_as_such(built):
    folder, _ = built
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"complaint.{e}.{x}" for e in ("public", "confidential") for x in ("docx", "pdf", "html", "manifest.json"))


def test_public_edition_has_no_confidential_string_in_any_part(built):
    folder, _ = built
    for part, text in _all_parts(folder, "public").items():
        folded = _folded(text)
        for secret in HIDDEN:
            assert secret not in folded, f"{secret!r} in {part}"


def test_public_edition_uses_stable_pseudonyms_and_codes(built):
    folder, _ = built
    text = " ".join(_all_parts(folder, "public")["pdftotext"].split())
    assert "Detentions of June 2019, including Person A" in text
    assert "among them Person A and Person B" in text
    assert "Person A’s brother-in-law Yerkin" in text and "her infant, Person C," in text
    assert "Oksana Shevchuk" in text and "Shevchuk and the" in text  # her name is hers to publish
    assert "Document on file with the author (S-1) para 4" in text
    manifest = json.loads((folder / "complaint.public.manifest.json").read_text())
    assert manifest["people"] == ["Person A", "Person B", "Person C", "kaziev-yerkin", "shevchuk-oksana"]
    assert "S-1" in manifest["sources"] and "night-raid" not in manifest["claims"]


def test_numbering_closes_up_without_the_confidential_claim(built):
    folder, _ = built
    with zipfile.ZipFile(folder / "complaint.public.docx") as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    ids = [int(n.get(f"{w}id")) for n in notes.iter(f"{w}footnote") if int(n.get(f"{w}id")) > 0]
    assert ids == list(range(1, len(ids) + 1)) == [1, 2, 3, 4, 5]  # 5: the Covenant cited in full in the requests
    text = _all_parts(folder, "public")["pdftotext"]
    numbers = [int(n) for n in re.findall(r"^(\d+)\.\s*$", text, re.M)] + \
              [int(n) for n in re.findall(r"^(\d+)\. \S", text, re.M) if int(n) < 20]
    paragraphs = sorted(set(n for n in numbers if n <= 10))
    assert paragraphs == list(range(1, 11))
    assert "see para 3" in text and "raid" in text  # the recommendation points at the printed claim only


def test_confidential_edition_has_everything_and_says_so(built):
    folder, _ = built
    parts = _all_parts(folder, "confidential")
    text = parts["pdftotext"]
    for name in ("Mr Seitkali", "Daniyar Seitkali", "Данияра Сейткали", "E.M. Shevchuk", "ABENOVA, Zhanna",
                 "Masked officers broke into", "Statement of the neighbour of the family"):
        assert name in " ".join(text.split()), name
    pages = text.split("\f")
    assert all("CONFIDENTIAL" in page for page in pages if page.strip())
    assert "CONFIDENTIAL — Page 1" in text
    assert "confidential" in parts["pdf metadata"].lower()
    assert "CONFIDENTIAL" in parts["docx word/header1.xml"] or any(
        "CONFIDENTIAL" in v for k, v in parts.items() if "header" in k)
    assert "confidential" in parts["docx docProps/core.xml"].lower()


def test_the_build_summary_names_the_addressees_confidentiality_rules(built):
    _, result = built
    assert "note: complaint goes to Special Rapporteur on freedom of peaceful assembly" in result.stderr
    assert "transmitted to the State" in result.stderr and "published after 60 days" in result.stderr


def test_broken_masking_is_caught_by_the_leak_guard(monkeypatch, tmp_path, runner):
    from briefgen.assemble.masking import Masker
    monkeypatch.setattr(Masker, "text", lambda self, text: text)
    monkeypatch.setattr(Masker, "document", lambda self, document: None)
    result = runner.invoke(cli, ["build", str(CASE), "-o", str(tmp_path / "out"), "--edition", "public"])
    assert result.exit_code == 1
    assert "would contain confidential text" in result.output and "Nothing was written" in result.output
    assert "Seitkali" in result.output and "complaint.public.pdf, page 1" in result.output
    assert "complaint.public.docx, word/document.xml" in result.output
    assert not (tmp_path / "out").exists()


def test_a_name_in_a_source_url_is_refused_by_check_first(copy_root, runner, tmp_path):
    root = copy_root(CASE)
    sources = (root / "sources.yaml").read_text().replace("https://b.example.org/news/2",
                                                          "https://b.example.org/news/zhanna-abenova-fined")
    (root / "sources.yaml").write_text(sources)
    result = runner.invoke(cli, ["build", str(root), "-o", str(tmp_path / "out"), "--edition", "both"])
    assert result.exit_code == 1 and "BG602" in result.output and "sources.yaml:12:" in result.output
    assert not (tmp_path / "out").exists()
    result = runner.invoke(cli, ["build", str(root), "-o", str(tmp_path / "out"), "--edition", "confidential"])
    assert result.exit_code == 0, result.output


def test_edition_override_is_checked_like_the_file(copy_root, runner, tmp_path):
    root = copy_root(CASE)
    sub = root / "submissions" / "complaint.yaml"
    sub.write_text(sub.read_text().replace("language: en", "language: en\nedition: confidential"))
    result = runner.invoke(cli, ["check", str(root)])
    assert "BG601" not in result.output  # a confidential edition leaves nothing out
    result = runner.invoke(cli, ["build", str(root), "-o", str(tmp_path / "out"), "--edition", "public", "--strict"])
    assert result.exit_code == 1 and "BG601" in result.output
