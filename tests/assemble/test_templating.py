"""Template runs are bounded: operators refuse huge results, output is counted, time runs out, loops are named."""

from __future__ import annotations

import time

import pytest

from briefgen.assemble.templating import TemplateProblem, environment, render


def _render(source: str, **context) -> str:
    return render(environment({"t.md": source.encode()}), "t.md", context)


def _problem(source: str) -> TemplateProblem:
    with pytest.raises(TemplateProblem) as caught:
        _render(source)
    return caught.value


def test_ordinary_templates_still_render():
    assert _render("{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 'a' + 'b' }} {% for i in range(3) %}{{ i }}{% endfor %}") \
        == "ababab 1024 ab 012"


@pytest.mark.parametrize("source, words", [
    ("{{ 'x' * 10**9 }}", "1,000,000,000 characters or items"),
    ("{{ [0] * 10**9 }}", "1,000,000,000 characters or items"),
    ("{{ 3 ** 100000000 }}", "too large a number"),
    ("{% for i in range(10**9) %}{% endfor %}", "Range too big"),
])
def test_huge_results_are_refused_before_they_are_computed(source, words):
    start = time.monotonic()
    problem = _problem(source)
    assert words in problem.message and (problem.template, problem.line) == ("templates/t.md", 1)
    assert time.monotonic() - start < 5


def test_output_is_bounded_as_it_is_produced(monkeypatch):
    monkeypatch.setenv("BRIEFGEN_MAX_FILE_MB", "1")
    problem = _problem("{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}")
    assert "more than 4,194,304 characters" in problem.message and "BRIEFGEN_MAX_FILE_MB" in problem.message


def test_a_run_that_does_not_end_is_stopped_at_its_line(monkeypatch):
    monkeypatch.setenv("BRIEFGEN_TEMPLATE_SECONDS", "1")
    start = time.monotonic()
    problem = _problem("line one\n{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    assert time.monotonic() - start < 10
    assert problem.line == 2 and "longer than 1 s" in problem.message


def test_a_template_that_includes_itself_is_named():
    problem = _problem("{% include 't.md' %}")
    assert problem.template == "templates/t.md" and "includes or calls itself" in problem.message
