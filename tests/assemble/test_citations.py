"""OSCOLA notes: full citation first, `(n X)` later, `Ibid` only where the note before says the same."""

from __future__ import annotations

import pytest

from briefgen.assemble.citations import Citer
from briefgen.document import plain_text
from briefgen.models import Evidence, Source

A = Source(id="a", title="Report A", publisher="Outlet A", kind="news")
B = Source(id="b", title="Report B", publisher="Outlet B", kind="news")


def _note(citer: Citer, number: int, *cited: tuple[Source, str | None]) -> str:
    return plain_text(citer.note(number, [(s, Evidence(source=s.id, pinpoint=p)) for s, p in cited], []))


def test_a_note_citing_what_the_note_before_cited_reads_ibid():
    citer = Citer()
    first = _note(citer, 1, (A, "para 2"), (B, None))
    assert first.startswith("Outlet A, ‘Report A’") and "Outlet B" in first
    assert _note(citer, 2, (A, "para 2"), (B, None)) == "Ibid."
    assert _note(citer, 3, (A, "para 3"), (B, None)) == "Outlet A, ‘Report A’ (n 1) para 3; Outlet B, ‘Report B’ (n 1)."


def test_ibid_after_a_single_source_and_never_after_several():
    citer = Citer()
    _note(citer, 1, (A, "para 2"))
    assert _note(citer, 2, (A, "para 2")) == "Ibid."
    assert _note(citer, 3, (A, "para 5")) == "Ibid, para 5."
    _note(citer, 4, (A, None), (B, None))
    assert _note(citer, 5, (A, None)).startswith("Outlet A, ‘Report A’ (n 1)")


def test_a_platform_is_never_the_author_and_a_later_note_shortens_a_long_title():
    post = Source(id="p", description="photo post showing police detaining protesters at the Old Square",
                  publisher="Facebook", kind="social-media", url="https://www.facebook.com/photo/1")
    citer = Citer()
    assert _note(citer, 1, (post, None)) == ("[photo post showing police detaining protesters at the Old Square] "
                                             "(Facebook) <https://www.facebook.com/photo/1>.")
    _note(citer, 2, (A, None))
    assert _note(citer, 3, (post, None)) == "[photo post showing police detaining protesters] (n 1)."
    assert _note(citer, 4, (A, None)) == "Outlet A, ‘Report A’ (n 2)."  # a news outlet stays the author


@pytest.mark.parametrize("description, short", [
    ("report of June 2019 on the presidential election of 9 June 2019 in Kazakhstan", "[report of June 2019]"),
    ("post listing people detained across Kazakhstan on 9 May 2019", "[post listing people detained]"),
    ("press release on the signatures collected in support of a candidacy",
     "[press release on the signatures collected]"),
    ("press release with the official results of the presidential election", "[press release with the official results]"),
    ("video of many police officers and soldiers lined up near the square", "[video of many police officers]"),
])
def test_a_later_note_ends_a_long_description_where_a_phrase_starts(description, short):
    source = Source(id="d", description=description, kind="ngo-report")
    citer = Citer()
    _note(citer, 1, (source, None))
    _note(citer, 2, (A, None))
    assert _note(citer, 3, (source, None)) == f"{short} (n 1)."


def test_a_later_note_cuts_a_long_title_at_its_colon():
    report = Source(id="r", title="Presidential elections in Kazakhstan: a simulated handover of power in a void",
                    author="Open Dialogue Foundation", kind="ngo-report")
    citer = Citer()
    _note(citer, 1, (report, None))
    _note(citer, 2, (A, None))
    assert _note(citer, 3, (report, "section 3")) == \
        "Open Dialogue Foundation, ‘Presidential elections in Kazakhstan’ (n 1) section 3."
