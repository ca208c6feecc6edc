"""Recognising norms named in prose (BG402)."""

from __future__ import annotations

import pytest

from briefgen.models import Norm
from briefgen.checks.normtext import NormIndex


def _norm(id, instrument, short, article, aliases=()):
    return Norm(id=id, instrument=instrument, short=short, article=article, kind="code", aliases=list(aliases))


NORMS = {n.id: n for n in [
    _norm("kz-cc-405", "Criminal Code of the Republic of Kazakhstan", "Criminal Code", "405"),
    _norm("kz-cao-488", "Code of the Republic of Kazakhstan on Administrative Offences", "Code of Administrative Offences", "488"),
    _norm("iccpr-21", "International Covenant on Civil and Political Rights", "ICCPR", "21", ["Covenant"]),
    _norm("iccpr-25", "International Covenant on Civil and Political Rights", "ICCPR", "25", ["Covenant"]),
    _norm("iccpr-9", "International Covenant on Civil and Political Rights", "ICCPR", "9", ["Covenant"]),
]}


@pytest.mark.parametrize("text, ids", [
    ("charged under Article 405 of the Criminal Code", [("kz-cc-405",)]),
    ("under Article 405(2) of the Criminal Code of Kazakhstan", [("kz-cc-405",)]),
    ("see art. 21 ICCPR", [("iccpr-21",)]),
    ("ICCPR, art 21 protects", [("iccpr-21",)]),
    ("Article 25 of the International Covenant on Civil and Political Rights", [("iccpr-25",)]),
    ("Art. 488 of the Administrative Code", [("kz-cao-488",)]),
    ("Articles 9 and 21 of the Covenant", [("iccpr-9",), ("iccpr-21",)]),
    ("arts 9, 21 ICCPR", [("iccpr-9",), ("iccpr-21",)]),
])
def test_recognised(text, ids):
    assert [m.norm_ids for m in NormIndex(NORMS).find(text)] == ids


@pytest.mark.parametrize("text, default, ids", [
    # an article named alone is one of the instrument named last before it
    ("under Article 488 of the Code of Administrative Offences and some under Article 405",
     None, [("kz-cao-488",), ()]),
    ("under Article 405 of the Criminal Code, and some under Article 488, for disobeying",
     None, [("kz-cc-405",), ()]),
    ("charged under Article 405 of the Criminal Code; Article 405 again", None, [("kz-cc-405",), ("kz-cc-405",)]),
    # else of the one instrument the addressee applies; a paragraph alone is never a provision
    ("Holding her was arbitrary (articles 9 and 21); see paras 9 and 21", "ICCPR", [("iccpr-9",), ("iccpr-21",)]),
    ("Holding her was arbitrary (articles 9 and 21).", None, []),
    ("ICCPR, art 9 (paras 8 and 9), art 21 (para 7)", None, [("iccpr-9",), ("iccpr-21",)]),
])
def test_articles_named_alone(text, default, ids):
    assert [m.norm_ids for m in NormIndex(NORMS).find(text, default, bare=True)] == ids
    assert len(NormIndex(NORMS).find(text)) <= len(ids)  # without `bare`, as before: BG402 is unchanged


@pytest.mark.parametrize("text", [
    "The article was published on 405 websites.",
    "Article 7 of the Law on Something Unknown",
    "Article 405 of the Code",  # ambiguous: two codes
])
def test_not_recognised(text):
    assert all(not m.norm_ids for m in NormIndex(NORMS).find(text))


def _found(text):
    return [(m.norm_ids, m.instrument, m.article, m.unit, m.known_instrument) for m in NormIndex(NORMS).find(text)]


@pytest.mark.parametrize("text, found", [
    ("fined under Art. 23.34 of the Code of Administrative Offences",
     [((), "Code of the Republic of Kazakhstan on Administrative Offences", "23.34", "article", True)]),
    ("relied on Article 5 of the Law on Peaceful Assemblies, said the akimat",
     [((), "Law on Peaceful Assemblies", "5", "article", False)]),
    ("breaches paragraph 9.2 of the 1990 Copenhagen Document",
     [((), "Copenhagen Document", "9.2", "paragraph", False)]),
    ("under Article 7(2) of the Constitution", [((), "Constitution", "7", "article", False)]),
])
def test_provisions_of_instruments_no_norm_describes(text, found):
    assert _found(text) == found


@pytest.mark.parametrize("text", [
    "as paragraph 3 of the ODIHR report notes",
    "Article 667, for disobeying a police officer",
    "the article in Vlast, paragraph 4, quotes him",
    "The articles 3 and 4 days later were removed",
])
def test_not_a_provision(text):
    assert _found(text) == []


def test_builtin_library_knows_every_covenant_and_convention_article():
    from briefgen.load.loader import load_builtin
    from briefgen.load.resolve import resolve
    from briefgen.load.loader import LoadedDossier
    from pathlib import Path
    dossier, problems = resolve(LoadedDossier(Path(".")), load_builtin())
    assert problems == []
    for article in range(1, 28):
        norm = dossier.norms[f"iccpr-{article}"]
        assert (norm.article, norm.short, norm.series) == (str(article), "ICCPR", "999 UNTS 171") and norm.title
    for article in range(1, 17):
        norm = dossier.norms[f"uncat-{article}"]
        assert (norm.article, norm.short, norm.series) == (str(article), "UNCAT", "1465 UNTS 85") and norm.title
    assert dossier.norms["iccpr-6"].title == "right to life"
    for norm in dossier.norms.values():
        assert all(i in dossier.norms for i in norm.interpreted_by)
    index = NormIndex(dossier.norms)
    assert [m.norm_ids for m in index.find("Article 6 of the Covenant")] == [("iccpr-6",)]
    assert [m.norm_ids for m in index.find("article 15 of the Convention against Torture")] == [("uncat-15",)]
