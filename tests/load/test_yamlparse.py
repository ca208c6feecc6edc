"""The YAML reader: locations, forbidden features, bad bytes; random input never raises."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.load.yamlparse import ParsedFile, locate, parse_bytes, parse_text


def codes(parsed: ParsedFile) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in parsed.problems]


def test_values_keep_line_and_column():
    parsed = parse_text("a: 1\nb:\n  - x: 2019-06-09\n    y: [1, 2]\n")
    assert parsed.data == {"a": 1, "b": [{"x": "2019-06-09", "y": [1, 2]}]}
    assert locate(parsed.locs, ("b", 0, "y")) == (4, 5)
    assert locate(parsed.locs, ("b", 0, "y", 1)) == (4, 12)
    assert locate(parsed.locs, ("b", 0, "missing")) == (3, 5)


def test_a_duplicate_key_names_the_line_of_the_first_after_nested_values():
    parsed = parse_text("a:\n  x: [1, {y: 2}]\n  z:\n    - w\n  v: 3\n  z: 4\nb: 5\n")
    assert [(p.code, p.line, p.message) for p in parsed.problems] == [
        ("BG102", 6, "duplicate key 'z' (first at line 3): keep one of them")]
    assert parsed.data == {"a": {"x": [1, {"y": 2}], "z": ["w"], "v": 3}, "b": 5}
    assert locate(parsed.locs, ("b",)) == (7, 1)


def test_duplicate_keys_aliases_merge_keys_and_tags_are_errors():
    parsed = parse_text("a: 1\na: 2\nc: &x [1]\nd: *x\ne: !foo bar\nf: {<<: {z: 1}}\n")
    assert codes(parsed) == [("BG102", 2), ("BG106", 4), ("BG106", 5), ("BG106", 6)]


def test_alias_bomb_is_rejected_without_expanding():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    parsed = parse_text("\n".join(lines) + "\n")
    assert parsed.problems and all(p.code == "BG106" for p in parsed.problems)
    assert len(parsed.problems) < 200


def test_bad_bytes_give_clear_problems():
    assert codes(parse_bytes(b"a: caf\xe9\n")) == [("BG100", 1)]
    assert "UTF-16" in parse_bytes("a: b".encode("utf-16")).problems[0].message
    assert "binary" in parse_bytes(b"\x89PNG\x00\x00").problems[0].message
    assert "empty" in parse_bytes(b"# only a comment\n\n").problems[0].message
    assert "empty" in parse_bytes(b"").problems[0].message


def test_a_bom_is_accepted():
    assert parse_bytes("\ufeffa: 1\n".encode()).data == {"a": 1}


def test_syntax_error_has_line():
    assert codes(parse_text("a: [1\nb: 2\n"))[0][0] == "BG101"
    assert codes(parse_text("a: b\n---\nc: d\n")) == [("BG101", 2)]


def test_control_characters_in_quoted_text_are_errors():
    assert codes(parse_text('a: "bell \\x07 here"\n')) == [("BG103", 1)]


def test_infinite_numbers_and_impossible_dates():
    parsed = parse_text("a: .inf\nb: 2019-02-30\n")
    assert [p.code for p in parsed.problems] == ["BG103"]  # the infinite number
    assert parsed.data["b"] == "2019-02-30"  # an impossible date stays text: the schema reports it at its field


def test_cache_round_trip_is_equal():
    parsed = parse_text("a: [1, {b: 2019-06-09}]\n")
    assert ParsedFile.decode(parsed.encode()) == parsed
    assert parsed.positions and ParsedFile.decode(parsed.encode()).locs == parsed.locs


def _composed_tree(node, line: int, col: int) -> list:
    """The location tree PyYAML's composer gives: the independent account of where values are."""
    if isinstance(node, yaml.MappingNode):
        return [line, col, {k.value: _composed_tree(v, k.start_mark.line + 1, k.start_mark.column + 1)
                            for k, v in node.value}]
    if isinstance(node, yaml.SequenceNode):
        return [line, col, [_composed_tree(v, v.start_mark.line + 1, v.start_mark.column + 1) for v in node.value]]
    return [line, col]


_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.dates()),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=6), children, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_values, st.booleans(), st.integers(2, 5))
def test_location_tree_agrees_with_the_composed_nodes(data, flow, indent):
    """The tree rebuilt from the compact positions places every value where PyYAML's composer does."""
    text = yaml.safe_dump(data, default_flow_style=flow, indent=indent, allow_unicode=True, width=40)
    parsed = parse_text(text)
    if parsed.data is None:  # an empty document
        return
    assert parsed.locs == _composed_tree(yaml.compose(text, Loader=yaml.SafeLoader), 1, 1)


yaml_text = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(raw):
    parsed = parse_bytes(raw)
    assert isinstance(parsed, ParsedFile)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!<>|'\"#\n\t ,?%@`0123.") + ["\u0007", "é", "\u200f"]),
               max_size=80))
def test_random_yaml_like_text_never_raises(text):
    parsed = parse_text(text)
    assert isinstance(parsed, ParsedFile)


@settings(max_examples=200, deadline=None)
@given(yaml_text)
def test_random_documents_round_trip_through_yaml(value):
    import yaml
    parsed = parse_text(yaml.safe_dump(value, allow_unicode=True))
    assert isinstance(parsed, ParsedFile)
