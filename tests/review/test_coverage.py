"""`briefgen coverage` on tests/roots/review-letter, whose figures are known by construction:

five claims printed (rally-detentions two news outlets; van-video two Facebook accounts; beaten-in-
custody our own report; ministry-denial the ministry; night-courts an outlet and our report), six
sources (one without an archive), three claims in the violations section, two recommendations.
"""

from __future__ import annotations

import json

from briefgen.cli import cli
from briefgen.pipeline import check_dossier
from briefgen.review.coverage import coverage

from conftest import ROOTS

LETTER = ROOTS / "review-letter"


def _letter() -> dict:
    dossier, report = check_dossier(LETTER, use_cache=False)
    assert report.errors == 0
    return coverage(dossier, ["letter"])


def test_counts_and_shares_of_the_submission():
    sub = _letter()["submissions"][0]
    assert sub["counts"] == {
        "claims": 5, "sourced": 5, "corroborated": 3, "social_only": 1, "self_sourced": 1, "official_only": 1,
        "in_violation_sections": 3, "with_norms": 3, "sources": 6, "archived": 5, "dated": 4, "web_sources": 6,
        "accessed": 6, "people": 0, "people_without_consent": 0}
    assert sub["shares"] == {"sourced": 100.0, "corroborated": 60.0, "with_norms": 100.0, "self_sourced": 20.0,
                             "social_only": 20.0, "official_only": 20.0, "archived": 83.3, "dated": 66.7,
                             "accessed": 100.0}
    assert sub["sources_by_kind"] == {"news": 2, "ngo-report": 1, "official": 1, "social-media": 2}
    assert sub["lists"]["not_preserved"] == ["outlet-b"]
    assert sub["lists"]["undated"] == ["post-one", "post-two"]
    assert sub["lists"]["self_sourced"] == ["beaten-in-custody"]
    assert sub["lists"]["uncorroborated"] == ["ministry-denial", "beaten-in-custody"]  # document order


def test_each_paragraph_with_its_claim_status_sources_and_norms():
    rows = [(p["number"], p["claim"], p["status"], p["sources"], p["norms"], p["where"])
            for p in _letter()["submissions"][0]["paragraphs"] if p["claim"]]
    assert rows == [
        (5, "rally-detentions", "corroborated", ["outlet-a", "outlet-b"], ["iccpr-9", "iccpr-21"], "claims/c.yaml:1"),
        (6, "van-video", "corroborated", ["post-one", "post-two"], ["iccpr-21"], "claims/c.yaml:8"),
        (7, "ministry-denial", "official", ["ministry"], [], "claims/c.yaml:24"),
        (8, "beaten-in-custody", "alleged", ["own-report"], ["iccpr-7"], "claims/c.yaml:16"),
        (9, "night-courts", "corroborated", ["outlet-a", "own-report"], ["iccpr-14"], "claims/c.yaml:30")]
    texts = [p for p in _letter()["submissions"][0]["paragraphs"] if not p["claim"]]
    assert texts[0]["text"] == ("On 9 June 2019 the police detained peaceful protesters in Almaty. We ask you to "
                                "address the Government of Kazakhstan.")
    assert [t["kind"] for t in texts].count("recommendation") == 2


def test_matrix_norms_and_recommendations():
    sub = _letter()["submissions"][0]
    assert [(n["id"], n["claims"], n["paragraphs"]) for n in sub["norms"]] == [
        ("iccpr-9", ["rally-detentions"], [5]), ("iccpr-21", ["rally-detentions", "van-video"], [5, 6]),
        ("iccpr-7", ["beaten-in-custody"], [8]), ("iccpr-14", ["night-courts"], [9])]
    assert [(r["number"], [(c["id"], c["in_document"], c["paragraph"]) for c in r["claims"]], r["argued"])
            for r in sub["recommendations"]] == [(1, [("rally-detentions", True, 5)], True),
                                                 (2, [("beaten-in-custody", True, 8)], True)]


def test_recommendation_resting_on_a_claim_not_printed(copy_root):
    root = copy_root(LETTER)
    path = root / "submissions" / "letter.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("claims: [beaten-in-custody]\n    norms",
                                                             "claims: [beaten-in-custody, unprinted]\n    norms"),
                    encoding="utf-8")
    with open(root / "claims" / "c.yaml", "a", encoding="utf-8") as fh:
        fh.write("- id: unprinted\n  statement: Nobody printed this.\n  date: 2019-06-10\n"
                 "  evidence: [{source: outlet-a}]\n  status: alleged\n")
    dossier, _ = check_dossier(root, use_cache=False)
    rec = coverage(dossier, ["letter"])["submissions"][0]["recommendations"][1]
    assert [(c["id"], c["in_document"]) for c in rec["claims"]] == [("beaten-in-custody", True), ("unprinted", False)]
    assert rec["argued"] is False


def test_dossier_figures_list_what_nothing_uses(copy_root):
    root = copy_root(LETTER)
    with open(root / "sources.yaml", "a", encoding="utf-8") as fh:
        fh.write("- id: spare\n  title: A spare report\n  kind: news\n")
    (root / "norms.yaml").write_text("- id: kz-law\n  instrument: Law on Assemblies\n  short: Assemblies Law\n"
                                     "  article: '5'\n  jurisdiction: KZ\n  kind: law\n", encoding="utf-8")
    dossier, _ = check_dossier(root, use_cache=False)
    whole = coverage(dossier, [])["dossier"]
    assert whole["unused_sources"] == [{"id": "spare", "where": "sources.yaml:49"}]
    assert whole["unused_norms"] == [{"id": "kz-law", "where": "norms.yaml:1"}]
    assert whole["counts"]["sources"] == 7 and whole["counts"]["claims"] == 5


def test_json_text_and_fail_under(runner):
    result = runner.invoke(cli, ["coverage", str(LETTER), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["submissions"][0]["shares"]["corroborated"] == 60.0
    text = runner.invoke(cli, ["coverage", str(LETTER)]).stdout
    assert "claims 5: sourced 5 (100%), corroborated (2+ publishers) 3 (60%)" in text
    assert "    iccpr-21 (ICCPR, art 21): claims rally-detentions, van-video; paras 5, 6" in text
    assert runner.invoke(cli, ["coverage", str(LETTER), "--fail-under", "sourced=100,corroborated=60"]).exit_code == 0
    failed = runner.invoke(cli, ["coverage", str(LETTER), "--fail-under", "corroborated=61,archived=90"])
    assert failed.exit_code == 1
    assert failed.stderr.splitlines() == ["coverage: letter: corroborated is 60%, under 61%",
                                          "coverage: letter: archived is 83.3%, under 90%"]
    bad = runner.invoke(cli, ["coverage", str(LETTER), "--fail-under", "sourcd=100"])
    assert bad.exit_code == 2 and "'sourcd' is not a share" in bad.stderr


def test_a_dossier_with_errors_gets_no_report(runner):
    result = runner.invoke(cli, ["coverage", str(ROOTS / "bg201-unknown-source")])
    assert result.exit_code == 1
    assert "error[BG201]" in result.stdout and "No coverage report: fix the errors above first" in result.stderr


def test_html_is_one_self_contained_file(runner, tmp_path):
    out = tmp_path / "report.html"
    assert runner.invoke(cli, ["coverage", str(LETTER), "--format", "html", "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script src" not in html and "<link" not in html and "@import" not in html
    assert 'href="https://a.example.org/forty-detained"' in html
    assert "claims/c.yaml:24" in html
