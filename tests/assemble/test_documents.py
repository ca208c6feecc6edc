"""What a recipient reads: documents built from tests/roots/documents, read back from the PDF and
the DOCX. Each test is one thing an OHCHR petitions officer would check."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from briefgen.cli import cli
from conftest import HRC_PARTS, ROOTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("documents")
    result = CliRunner().invoke(cli, ["build", str(ROOTS / "documents"), "-o", str(out), "-f", "pdf", "-f", "docx"])
    assert result.exit_code == 0, result.output
    return out / "documents"


def _pdf(path) -> str:
    """The PDF's text with line breaks and hyphenation undone, as a reader takes it in."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("\u2010\n", "").split())


def _docx_body(path) -> str:
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return "".join(t.text or "" for t in body.iter(f"{W}t")).replace("\u00a0", " ")


def _build_edited(tmp_path, submission: str, edit, *formats: str):
    """The documents root copied, changed by `edit(root)`, and `submission` built: its output folder."""
    import shutil
    root = tmp_path / "documents"
    shutil.copytree(ROOTS / "documents", root)
    edit(root)
    out = tmp_path / "out"
    args = [a for f in formats for a in ("-f", f)]
    result = CliRunner().invoke(cli, ["build", str(root), "-s", submission, "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out / "documents"


def test_a_joint_communication_is_addressed_to_every_mandate(built):
    text = _pdf(built / "joint.public.pdf")
    assert "Dear Special Rapporteurs and Members of the Working Group," in text
    for mandate in ("Special Rapporteur on the rights to freedom of peaceful assembly and of association",
                    "Special Rapporteur on the situation of human rights defenders",
                    "United Nations Working Group on Arbitrary Detention"):
        assert mandate in text, mandate  # in the address block in full
    # the subject line names the mandates briefly, as the Special Procedures ask
    assert ("Not urgent — submission to the Special Rapporteurs on freedom of peaceful assembly and of association "
            "and on human rights defenders, and the Working Group on Arbitrary Detention (Kazakhstan): Detentions in "
            "Almaty") in text
    assert "Copy to" not in text
    assert ("Of the 3 alleged victims in this communication, 2 have agreed to their names being transmitted "
            "to the Government of Kazakhstan. We ask that the name of Person A not be transmitted until consent has "
            "been confirmed.") in text


def test_a_letter_lists_its_annexes_after_the_signature(built):
    text = _pdf(built / "joint.public.pdf")
    listed = ("Annexed: Annex 1, the people detained; Annex 2, one record per detainee for the Working Group on "
              "Arbitrary Detention; Annex 3, table of authorities.")
    assert text.index("Yours faithfully") < text.index(listed) < text.index("Annex 1: the people detained")
    assert "Annexed: table of authorities." in _pdf(built / "omit.public.pdf")


def test_each_claim_is_printed_once_and_referred_back_to(built):
    text = _pdf(built / "joint.public.pdf")
    assert text.count("counted forty people detained at a peaceful rally") == 1
    assert "The facts set out in para 5 above engage ICCPR, arts 9, 21; Copenhagen Document, para 9.2." in text
    # in a violations section the norms engaged are the international ones, not the national law applied
    assert "The facts set out in para 6 above engage ICCPR, art 14." in text
    assert _docx_body(built / "joint.public.docx").count("counted forty people detained") == 1


def test_facts_printed_before_that_engage_different_norms_are_listed_norm_by_norm(tmp_path):
    def select_both(root):
        joint = root / "submissions" / "joint.yaml"
        joint.write_text(joint.read_text().replace("claims: [rally-detentions], require_norms",
                                                   "claims: [rally-detentions, night-court], require_norms"))
    out = _build_edited(tmp_path, "joint", select_both, "pdf", "docx")
    expected = ("The facts set out in paras 5 and 6 above engage ICCPR, art 9 (para 5), art 14 (para 6) and "
                "art 21 (para 5); and Copenhagen Document, para 9.2 (para 5).")
    assert expected in _pdf(out / "joint.public.pdf")
    assert expected in _docx_body(out / "joint.public.docx")


FIGURE_CLAIMS = """
- id: fines-first
  statement: The first court fined 12 people.
  date: 2019-06-10
  evidence: [{source: SOURCE_FIRST, pinpoint: para 5}]
  figures: {fines-first: 12}
  status: alleged
- id: fines-second
  statement: The second court fined 30 people.
  date: 2019-06-10
  evidence: [{source: SOURCE_SECOND, pinpoint: para 5}]
  figures: {fines-second: 30}
  status: alleged
"""
FIGURE_LETTER = """id: fines
kind: recommendation-letter
to: osce-odihr
title: Fines
date: 2019-06-25
summary: Courts fined protesters.
recommendations:
  - {text: Review the fines., claims: [fines-first]}
sections:
  - title: Fines
    role: fines
    table:
      columns: [Court, Fines]
      rows:
        - [First court, {figure: fines-first}]
        - [Second court, {figure: fines-second}]
"""


@pytest.mark.parametrize("second_source, notes", [
    ("outlet-b-night-courts", ["Fines1", "First court", "Second court"]),  # one note, on the figures' heading
    ("outlet-a-2019-06-10-detentions", ["Fines", "First court1", "Second court2"]),  # a note per row
])
def test_a_figure_table_citing_one_source_throughout_has_one_note(tmp_path, second_source, notes):
    def add_table(root):
        (root / "claims" / "figures.yaml").write_text(
            FIGURE_CLAIMS.replace("SOURCE_FIRST", "outlet-b-night-courts").replace("SOURCE_SECOND", second_source))
        (root / "submissions" / "fines.yaml").write_text(FIGURE_LETTER)
    out = _build_edited(tmp_path, "fines", add_table, "docx")
    with zipfile.ZipFile(out / "fines.public.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    cells = ["".join(t.text or "" for t in c.iter(f"{W}t"))
             + "".join(f.get(f"{W}id") for f in c.iter(f"{W}footnoteReference")) for c in body.iter(f"{W}tc")]
    assert [cells[1], cells[2], cells[4]] == notes, cells


def test_an_abbreviation_is_spelled_out_at_its_first_use_only(built):
    text = _pdf(built / "joint.public.pdf")
    assert "Kazakhstan International Bureau for Human Rights (KIBHR) counted forty" in text
    assert "fined KIBHR’s client" in text
    assert text.count("Kazakhstan International Bureau for Human Rights (KIBHR)") == 1


def test_notes_are_complete_oscola_citations(built):
    text = _pdf(built / "joint.public.pdf")
    assert ("Outlet A, ‘Protesters detained in Almaty’ (10 June 2019) para 2 <https://a.example.org/news/1?id=7> "
            "accessed 15 June 2019, archived at <https://archive.example.org/copy>") in text
    assert "Jan Witness, [video of police pushing a man into a van, Almaty] (Facebook) " \
           "<https://www.facebook.com/jan/videos/1/> accessed 16 June 2019" in text
    assert "Outlet B, ‘Ночные суды’ [Night courts] [in Russian] <https://b.example.org/2> accessed 16 June 2019" in text
    # the note before also defined an instrument, so the same source is cited short, not 'Ibid'; an instrument
    # cited in full in the same note follows after a semicolon, as a second citation
    assert "Outlet B, ‘Ночные суды’ [Night courts] (n 2) para 5; International Covenant" in text and "Ibid" not in text
    for tracker in ("utm_source", "fbclid", "__tn__"):
        assert tracker not in text
    # the Covenant in full once, in the note of the paragraph that first cites it; short forms in the text
    assert text.count("International Covenant on Civil and Political Rights (adopted 16 December 1966") == 2  # note + table
    assert "See International Covenant" not in text


def test_the_annex_takes_the_people_of_the_period_sorted_by_family_name(built):
    text = _pdf(built / "joint.public.pdf")
    start = text.index("Annex 1: the people detained")
    annex = text[start:text.index("Annex 2:", start)]
    assert "Earlier" not in annex  # sentenced in 2018, outside the letter's period
    assert annex.index("DOE, Jan") < annex.index("ROE, Ann") < annex.index("Person A")
    # the column is of detentions: an event that is one says where and when only
    assert "9 June 2019, Republic Square, Almaty" in annex and "3 February 1990" in annex
    assert "about 9–12 June 2019, Almaty" in annex  # an approximate date stays approximate
    assert re.search(r"\bJune 2019, Nur-?Sultan", annex)  # a month, not a made-up day
    # a column known for nobody is left out, and the annex says so
    assert "Current status" not in annex
    assert "The table has no column for the current status, which is not known for anyone listed." in annex
    assert "Seitkali" not in text  # no consent to publish: a pseudonym everywhere


def _records(docx) -> dict[str, dict[str, str]]:
    """Each record table of the DOCX: the name above it -> {label: value}."""
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    records, name = {}, None
    for child in body:
        text = "".join(t.text or "" for t in child.iter(f"{W}t"))
        if child.tag == f"{W}p" and text:
            name = text
        elif child.tag == f"{W}tbl" and name:
            rows = [["".join(t.text or "" for t in tc.iter(f"{W}t")).replace("\u00a0", " ") for tc in tr.iter(f"{W}tc")]
                    for tr in child.iter(f"{W}tr")]
            if rows and rows[0] == ["Item", "Details"]:
                records[name] = {r[0]: r[1] for r in rows[1:] if len(r) == 2}
    return records


def test_one_working_group_record_per_detainee_with_every_field_known_or_named_as_not_known(built):
    records = _records(built / "joint.public.docx")
    assert list(records) == ["DOE, Jan", "ROE, Ann", "Person A"]
    doe, roe = records["DOE, Jan"], records["ROE, Ann"]
    for label, value in (("Family name", "Doe"), ("Sex", "male"), ("Date of birth", "3 February 1990"),
                         ("Nationality", "Kazakhstani"), ("Profession or occupation", "teacher"),
                         ("Forces who carried out the arrest", "police special unit"), ("Warrant or decision shown",
                                                                                        "none shown"),
                         ("Legal basis invoked", "Code of Administrative Offences, art 488"),
                         ("Place of custody", "Almaty temporary detention facility"), ("Duration", "15 days"),
                         ("Steps taken at national level", "An appeal was dismissed on 20 June 2019.")):
        assert doe[label] == value, label
    assert "Not known to the submitter" not in doe
    assert "Sex" not in roe and "Warrant or decision shown" not in roe and roe["Outcome"] == "fine"
    assert roe["Not known to the submitter"].startswith("Sex, ") and "warrant or decision shown" in roe["Not known to the submitter"]
    assert records["Person A"]["Family name"] == records["Person A"]["First name(s)"] == "withheld in this edition"
    text = _pdf(built / "joint.public.pdf")
    annex = text[text.index("Annex 2:"):text.index("Annex 3: table of authorities")]
    assert "Category II: The deprivation of liberty results from the exercise of the rights" in annex
    assert "Category I:" not in annex and "Category III" not in annex  # only what the letter invokes
    assert "(verify)" not in text
    # the Working Group's form ends with the submitter, the date and the signature
    assert re.search(r"Source of the records Submitted by: Test Centre .* Date: 25 June 2019", annex)


def test_a_record_says_what_happened_after_the_period_and_where_the_person_stands(tmp_path):
    def later(root):
        people = root / "people.yaml"
        people.write_text(people.read_text().replace(
            "    - {date: {from: 2019-06-09, to: 2019-06-12, approximate: true}, what: detained, where: Almaty, "
            "outcome: fine}\n",
            "    - {date: {from: 2019-06-09, to: 2019-06-12, approximate: true}, what: detained, where: Almaty, "
            "outcome: fine}\n    - {date: 2019-06-20, what: charged under Article 405, where: Almaty}\n"
            "  status: under criminal investigation\n"))
    records = _records(_build_edited(tmp_path, "joint", later, "docx") / "joint.public.docx")
    assert records["ROE, Ann"]["Since then"] == "20 June 2019, charged under Article 405, Almaty"
    assert records["ROE, Ann"]["Current status"] == "under criminal investigation"
    assert "Since then" not in records["DOE, Jan"] and "Current status" not in records["DOE, Jan"]


def test_the_table_of_authorities_is_grouped_by_kind_each_instrument_once(built):
    text = _pdf(built / "joint.public.pdf")
    toa = text[text.index("Annex 3: table of authorities"):]
    groups = ["Treaties", "United Nations instruments, general comments and declarations",
              "Regional and OSCE commitments", "European Union instruments", "National law"]
    assert [toa.index(g) for g in groups] == sorted(toa.index(g) for g in groups)
    assert toa.count("International Covenant on Civil and Political Rights (adopted") == 1
    assert "art 9 (liberty and security of person; no arbitrary arrest or detention) para 9; request (a)" in toa
    assert "General Comment No 35" in toa and "General Comment No 37" not in toa  # cited / not cited
    # a provision named in a request's words is indexed there; the Working Group's category texts,
    # which quote articles of the Covenant, are not citations
    assert "art 488 (breach of the rules on peaceful assemblies) paras 6, 10; request (b)" in toa
    assert "art 12 (freedom of movement)" not in toa


def test_requests_are_lettered_in_a_document_of_numbered_paragraphs(built):
    text = _pdf(built / "joint.public.pdf")
    assert ("Requests (a) Release those detained (ICCPR, art 9; HRC General Comment 35; EP resolution of 14 March 2019; "
            "see para 5).") in text


def test_the_human_rights_committee_gets_its_thirteen_parts_in_order(built):
    text = _pdf(built / "hrc.public.pdf")
    positions = [text.index(p) for p in HRC_PARTS]
    assert positions == sorted(positions)
    assert "No interim measures are requested." in text
    assert "The State party concerned is Kazakhstan." in text
    assert "Name: Vera Victim Nationality: Kazakhstani Date of birth: 2 April 1985 Address: 12 Abai Avenue, Almaty" in text
    signature = text.index("Yours faithfully")
    assert signature > text.index("XIII. Date and signature") and "Anna Signer" in text[signature:]
    assert not re.search(r"\b1\. Committee addressed", text)  # parts and paragraph numbers never collide


def test_a_section_may_leave_out_a_claim_printed_before(built):
    text = _pdf(built / "omit.public.pdf")
    assert text.count("The same night a court fined") == 1
    assert "The same facts again" in text and "See also" not in text


def test_a_table_title_and_cells_have_typographic_quotation_marks(built):
    text = _pdf(built / "omit.public.pdf")
    assert "The courts’ fines, as the bureau’s lawyers counted them" in text
    assert "Almaty “night” court" in text
    assert "'" not in _docx_body(built / "omit.public.docx")


def test_texts_the_dossier_links_as_interpreting_a_norm_are_listed_where_it_is_cited(built):
    toa = _pdf(built / "joint.public.pdf").split("Annex 3: table of authorities")[1]
    # the dossier's own Constitution, art 20 names General Comment 34 as interpreting it
    assert "General Comment No 34" in toa and "Constitution of the Republic of Kazakhstan" in toa


def test_an_unnumbered_letter_lists_the_parts_citing_a_norm_in_document_order(tmp_path):
    def two_parts(root):
        (root / "submissions" / "parts.yaml").write_text(
            "id: parts\nkind: recommendation-letter\nto: osce-odihr\ntitle: Parts\ndate: 2019-06-25\n"
            "summary: Courts fined protesters.\nrecommendations:\n  - {text: Review the fines., claims: [night-court]}\n"
            "sections:\n  - {title: Zeta night, role: zeta, claims: [night-court], require_norms: true}\n"
            "  - {title: Alpha night, role: alpha, claims: [second-night], require_norms: true}\n")
    out = _build_edited(tmp_path, "parts", two_parts, "pdf")
    toa = _pdf(out / "parts.public.pdf").split("table of authorities")[-1]
    assert re.search(r"art 14 \(fair trial[^)]*\) ‘Zeta night’, ‘Alpha night’", toa), toa


def test_a_norm_a_template_cites_with_norm_is_indexed(tmp_path):
    def own_template(root):
        (root / "templates").mkdir()
        (root / "templates" / "recommendation-letter.md").write_text(
            '{% extends "base.md" %}{% block body %}\n\n## Law\n\nThe letter relies on {{ norm("iccpr-19") }}.\n\n'
            '{{ claims(submission.sections[0]) }}\n{% endblock %}\n'
            '{% block annexes %}\n\n## Table of authorities\n\n{{ toa() }}\n{% endblock %}\n')
    out = _build_edited(tmp_path, "omit", own_template, "pdf")
    toa = _pdf(out / "omit.public.pdf").split("Table of authorities")[1]
    assert "art 19 (freedom of opinion and expression)" in toa
