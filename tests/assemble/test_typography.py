"""Typography of printed text: abbreviations spelled out at first use, with the article English needs."""

from __future__ import annotations

import pytest

from briefgen.assemble.typography import Abbreviations, no_break, smart_quotes


@pytest.mark.parametrize("text, expected", [
    ("We ask ODIHR and its mission to act.",
     "We ask the Office for Democratic Institutions and Human Rights (ODIHR) and its mission to act."),
    ("ODIHR observed the vote.", "The Office for Democratic Institutions and Human Rights (ODIHR) observed the vote."),
    ("Report to the ODIHR focal point.",
     "Report to the Office for Democratic Institutions and Human Rights (ODIHR) focal point."),
    ("Its ODIHR office.", "Its Office for Democratic Institutions and Human Rights (ODIHR) office."),
    ("The Office for Democratic Institutions and Human Rights (ODIHR) said.",
     "The Office for Democratic Institutions and Human Rights (ODIHR) said."),
    ("Three NGOs spoke.", "Three non-governmental organisations (NGOs) spoke."),
])
def test_first_use_is_spelled_out_with_the_article_it_needs(text, expected):
    assert Abbreviations({}).expand(text) == expected


def test_later_uses_stay_short_and_dossier_forms_without_article_are_kept_as_written():
    abbreviations = Abbreviations({"DCK": "Democratic Choice of Kazakhstan"})
    assert abbreviations.expand("DCK members met.") == "Democratic Choice of Kazakhstan (DCK) members met."
    assert abbreviations.expand("The DCK was banned.") == "The DCK was banned."


def test_quotes_become_typographic():
    assert smart_quotes('He said "no" and didn\'t sign.') == "He said “no” and didn’t sign."


def test_a_line_never_parts_a_title_from_a_name_or_art_from_its_number():
    assert no_break("Ms Shevchuk (ICCPR, arts 7, 9; see n 12) in Almaty") == \
        "Ms\u00a0Shevchuk (ICCPR, arts\u00a07, 9; see n\u00a012) in Almaty"
    assert no_break("in Almaty and no one") == "in Almaty and no one"
