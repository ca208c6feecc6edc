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


@pytest.mark.parametrize("text", [
    "The article was published on 405 websites.",
    "Article 7 of the Law on Something Unknown",
    "Article 405 of the Code",  # ambiguous: two codes
])
def test_not_recognised(text):
    assert all(not m.norm_ids for m in NormIndex(NORMS).find(text))
