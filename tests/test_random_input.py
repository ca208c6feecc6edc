"""Random YAML structure, scalars and tags through `check` and `build`: diagnostics and exit codes, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.cli import cli
from briefgen.commands.init import starter_files
from briefgen.diagnostics import CODES

TAGS = ["", "", "", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!binary ", "!!set ",
        "!foo ", "! ", "!!map ", "!!seq ", "&a ", "*a ", "!!python/object:os.system "]
SCALARS = ["0x_", "0b_", "0o", "1" * 5000, "0x" + "f" * 400, "1e999", ".nan", "-.inf", "2019-02-30", "2019-06-09",
           "notadate", "yes", "~", "<<", "=", "1:20:30", "'quoted'", '"\\u2029"', '"\\x1b[2J"', '"\\ud800"',
           '"\\uffff"', '"\\0"', "iccpr-21", "example-news-2019-06-10", "detention", "public", "x" * 200]
KEYS = ["id", "statement", "date", "tags", "evidence", "source", "status", "norms", "people", "figures",
        "confidential", "<<", "? x", "sections", "claims", "title", "kind", "to", "formats"]


def scalars():
    return st.one_of(st.sampled_from(SCALARS), st.integers(-10**40, 10**40).map(str),
                     st.text(max_size=30).map(json.dumps))


def nodes():
    leaf = st.builds(lambda tag, value: tag + value, st.sampled_from(TAGS), scalars())
    return st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=5).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"),
    ), max_leaves=25)


def documents():
    """A claims-like list: block entries whose values are random flow nodes."""
    entry = st.dictionaries(st.sampled_from(KEYS), nodes(), min_size=1, max_size=8).map(
        lambda d: "- " + "\n  ".join(f"{k}: {v}" for k, v in d.items()))
    return st.lists(entry, min_size=1, max_size=4).map(lambda entries: "\n".join(entries) + "\n")


def _dossier(root: Path, name: str, text: str) -> Path:
    for rel, data in starter_files().items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / name).write_text(text, encoding="utf-8")
    return root


def _valid_diagnostics(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    output = result.output
    assert "Traceback" not in output and "crashed" not in output, output
    for line in output.splitlines():
        if "[BG" in line:
            assert line.split("[", 1)[1].split("]", 1)[0] in CODES, line


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("random")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents(), name=st.sampled_from(["claims/x.yaml", "sources.yaml", "people.yaml", "norms.yaml",
                                               "submissions/osce-letter.yaml", "dossier.yaml"]))
def test_check_gives_diagnostics_for_any_structure_scalar_and_tag(runner, workdir, text, name):
    root = _dossier(workdir / "check", name, text)
    result = runner.invoke(cli, ["check", str(root), "--format", "json"])
    assert result.exit_code in (0, 1), (text, result.output)
    _valid_diagnostics(result)
    data = json.loads(result.stdout)
    assert all(d["code"] in CODES and d["path"] and d["line"] >= 0 for d in data["diagnostics"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(statement="Police detained forty people.", place="Almaty", tag="")
@given(statement=st.text(min_size=1, max_size=60), place=scalars(), tag=st.sampled_from(["", "!!str "]))
def test_build_renders_or_refuses_any_text(runner, workdir, statement, place, tag):
    claims = (f"- id: random-claim\n  statement: {tag}{json.dumps(statement)}\n  place: {place}\n"
              "  date: 2019-06-09\n  tags: [detention]\n  norms: [iccpr-21]\n"
              "  evidence: [{source: example-news-2019-06-10}]\n  status: alleged\n")
    root = _dossier(workdir / "build", "claims/random.yaml", claims)
    out = workdir / "out" / "build"
    for old in out.glob("*"):
        old.unlink()
    result = runner.invoke(cli, ["build", str(root), "-o", str(workdir / "out"), "-f", "docx", "-f", "html"])
    assert result.exit_code in (0, 1), (claims, result.output)
    _valid_diagnostics(result)
    built = sorted(p.name for p in out.glob("*")) if out.exists() else []
    assert built == (["osce-letter.public.docx", "osce-letter.public.html", "osce-letter.public.manifest.json"]
                     if result.exit_code == 0
                     else []), result.output
    if statement == "Police detained forty people.":
        assert result.exit_code == 0, result.output


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents())
def test_build_never_crashes_on_a_random_claims_file(runner, workdir, text):
    root = _dossier(workdir / "build-any", "claims/x.yaml", text)
    result = runner.invoke(cli, ["build", str(root), "-o", str(workdir / "out-any"), "-f", "html"])
    assert result.exit_code in (0, 1), (text, result.output)
    _valid_diagnostics(result)
