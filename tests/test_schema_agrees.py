"""An editor validating against `briefgen schema` agrees with `briefgen check` (issue 12, item 4).

Every file of every tests/roots dossier, the example and the built-in library is validated with
the jsonschema library (formats checked, as editors do) and by check's schema stage: the same
entries must be flagged. Then single values at the edges (a bare year, a date that does not exist,
a number for text, a quoted true) are tried both ways.
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from briefgen.load.loader import load_builtin, load_dossier
from briefgen.load.resolve import file_entries
from briefgen.load.yamlparse import parse_text
from briefgen.load.loader import LoadedFile
from briefgen.schemas import schemas, undescribed

from conftest import EXAMPLE, ROOTS

VALIDATORS = {kind: Draft202012Validator(s, format_checker=FormatChecker()) for kind, s in schemas().items()}
DOSSIERS = sorted(p for p in ROOTS.iterdir() if p.is_dir()) + [EXAMPLE]


def _entry(path: tuple, is_list: bool) -> int | None:
    return path[0] if is_list and path else None


def _schema_flags(file: LoadedFile) -> set:
    """Entries (index in a list file, None for a whole file) the JSON Schema rejects."""
    is_list = isinstance(file.parsed.data, list)
    return {_entry(tuple(e.absolute_path), is_list) for e in VALIDATORS[file.kind].iter_errors(file.parsed.data)}


def _check_flags(file: LoadedFile) -> set:
    """Entries check's schema stage rejects (BG103/BG104 not found by the YAML parser itself)."""
    from_parser = {(p.line, p.column, p.message) for p in file.parsed.problems}
    data = file.parsed.data
    starts = [tree[0] for tree in file.parsed.locs[2]] if isinstance(data, list) else []
    flagged = set()
    for d in file_entries(file).diagnostics:
        if d.code not in ("BG103", "BG104") or (d.location.line, d.location.column, d.message) in from_parser:
            continue
        flagged.add(max((i for i, line in enumerate(starts) if line <= d.location.line), default=None)
                    if isinstance(data, list) else None)
    return flagged


def _files(root):
    """Files both can read. A YAML feature dossiers forbid (BG106: aliases, merge keys) is the parser's
    finding; the data an editor would see behind it differs, so such files are left out."""
    loaded = load_dossier(root, use_cache=False)
    return [f for f in loaded.files if f.parsed.data is not None and not any(p.code == "BG106" for p in f.parsed.problems)]


@pytest.mark.parametrize("root", DOSSIERS, ids=lambda p: p.name)
def test_schema_and_check_flag_the_same_entries(root):
    for file in _files(root):
        assert _schema_flags(file) == _check_flags(file), file.path


def test_builtin_library_is_valid_for_both():
    for file in load_builtin():
        assert _schema_flags(file) == set() == _check_flags(file), file.path


def test_the_roots_exercise_the_comparison():
    flagged = sum(bool(_check_flags(f)) for root in DOSSIERS for f in _files(root))
    assert flagged >= 10


def test_every_property_has_a_description():
    for kind, schema in schemas().items():
        assert undescribed(schema) == [], kind


CLAIM = "- id: claim-a\n  statement: Forty people were detained.\n  date: 2019-06-09\n  status: alleged\n"
PERSON = "- id: p\n  name: A Person\n"
SOURCE = "- id: s\n  title: T\n  kind: news\n"


@pytest.mark.parametrize("kind, text", [
    ("claims", CLAIM),
    ("claims", CLAIM.replace("2019-06-09", "2019-06")),
    ("claims", CLAIM.replace("2019-06-09", "2019")),
    ("claims", CLAIM.replace("2019-06-09", "'2019'")),
    ("claims", CLAIM.replace("2019-06-09", "{from: 2019-06-09, to: 2019-06-12, approximate: true}")),
    ("claims", CLAIM.replace("2019-06-09", "2019-02-30")),
    ("claims", CLAIM.replace("2019-06-09", "'2019-02-30'")),
    ("claims", CLAIM.replace("2019-06-09", "2019-13")),
    ("claims", CLAIM.replace("2019-06-09", "999")),
    ("claims", CLAIM.replace("2019-06-09", "9 June 2019")),
    ("claims", CLAIM.replace("2019-06-09", "{from: 2019-06-09}")),
    ("claims", CLAIM.replace("2019-06-09", "{start: 2019-06-09, end: 2019-06-10}")),
    ("claims", CLAIM + "  figures: {detained: 40}\n"),
    ("claims", CLAIM + "  figures: {detained: 40.5}\n"),
    ("claims", CLAIM + "  figures: {detained: '40'}\n"),
    ("claims", CLAIM + "  figures: {Detained: 40}\n"),
    ("claims", CLAIM + "  figures: {detained: true}\n"),
    ("claims", CLAIM + "  place: 405\n"),
    ("claims", CLAIM + "  place: yes\n"),
    ("claims", CLAIM + "  place: ''\n"),
    ("claims", CLAIM + "  tags: [detention, 12]\n"),
    ("claims", CLAIM + "  tags: [Detention]\n"),
    ("claims", CLAIM + "  tags: detention\n"),
    ("claims", CLAIM + "  confidential: yes\n"),
    ("claims", CLAIM + "  confidential: 'true'\n"),
    ("claims", CLAIM + "  confidential: 1\n"),
    ("claims", CLAIM + "  notes: ~\n"),
    ("claims", CLAIM + "  statement2: x\n"),
    ("claims", CLAIM + "  evidence: [{source: s, pinpoint: 3}]\n"),
    ("claims", CLAIM + "  evidence: [s]\n"),
    ("claims", CLAIM + "  provenance: [{report: s, footnotes: [1, 2]}]\n"),
    ("claims", CLAIM + "  provenance: [{report: s, footnotes: ['1']}]\n"),
    ("claims", CLAIM.replace("  status: alleged\n", "")),
    ("people", PERSON + "  born: 1995\n"),
    ("people", PERSON + "  born: '1995'\n"),
    ("people", PERSON + "  born: 1995-05-01\n"),
    ("people", PERSON + "  born: 1995-02-30\n"),
    ("people", PERSON + "  born: 95\n"),
    ("people", PERSON + "  born: 1995-05\n"),
    ("people", PERSON + "  events: [{what: detained, date: unknown}]\n"),
    ("people", PERSON + "  events: [{what: detained, date: Unknown }]\n"),
    ("people", PERSON + "  events: [{what: detained, date: 2019-06}]\n"),
    ("people", PERSON + "  events: [{what: detained, date: soon}]\n"),
    ("people", PERSON + "  consent: {publish_name: no, authority: 2019-06-01}\n"),
    ("people", PERSON + "  consent: {authority: 2019}\n"),
    ("people", PERSON + "  categories: [{category: II}]\n"),
    ("people", PERSON + "  categories: [{category: VI}]\n"),
    ("sources", SOURCE),
    ("sources", SOURCE.replace("  title: T\n", "")),
    ("sources", SOURCE.replace("  title: T\n", "  description: A video of the rally\n")),
    ("sources", SOURCE + "  published: 2019-06-10\n  accessed: 2019\n"),
    ("sources", SOURCE + "  file: evidence/a.pdf\n"),
    ("sources", SOURCE + "  file: evidence/a.pdf\n  sha256: '" + "a" * 64 + "'\n"),
    ("sources", SOURCE + "  sha256: ABC\n"),
    ("sources", SOURCE.replace("news", "newz")),
    ("norms", "- id: n\n  instrument: Criminal Code\n  short: CC\n  kind: code\n  article: 405\n"),
    ("norms", "- id: n\n  instrument: Criminal Code\n  short: CC\n  kind: code\n  article: 23.34\n"),
    ("norms", "- {id: 12, instrument: Criminal Code, short: CC, kind: code}\n"),
    ("dossier", "title: T\nstate: KZ\nauthor: {name: A}\nperiod: {from: 2019-01-01, to: 2019-12-31}\n"),
    ("dossier", "title: T\nstate: kz\nauthor: {name: A}\n"),
    ("dossier", "title: T\nstate: KZ\nauthor: {name: A}\nformat: 2\n"),
    ("dossier", "title: T\nstate: KZ\nauthor: {name: A}\nabbreviations: {CEC: Central Election Commission}\n"),
    ("submissions", "id: s\nkind: urgent-appeal\nto: un-wgad\ntitle: T\ndate: 2019-06-20\n"
                    "sections: [{title: Facts, claims: [a, b]}, {title: More, claims: {tags: [x], from: 2019-06-01}}]\n"),
    ("submissions", "id: s\nkind: urgent-appeal\nto: un-wgad\ntitle: T\ndate: 2019-06-20\n"
                    "sections: [{title: Facts, claims: a}]\n"),
    ("submissions", "id: s\nkind: urgent-appeal\nto: un-wgad\ntitle: T\ndate: 2019-06\n"),
    ("submissions", "id: s\nkind: urgent-appeal\nto: un-wgad\ntitle: T\ndate: 2019-06-20\nformats: [docx, odt]\n"),
])
def test_edge_values_agree(kind, text):
    parsed = parse_text(text)
    file = LoadedFile(kind, f"{kind}.yaml", parsed, "x")
    assert (_schema_flags(file) != set()) == (_check_flags(file) != set()), text
