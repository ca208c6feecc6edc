"""Hostile and faulty input, one case per class: each ends in its diagnostic and exit code, never a crash or a hang.

Every case starts from the starter dossier of `briefgen init`, changes it as an attacker or bad
luck would, and runs `briefgen check` or `briefgen build` as a separate process under a memory
and CPU bound (resource.setrlimit) and a wall-clock timeout, as a user would run it.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from briefgen.commands.init import starter_files

from conftest import REPO

SECRET = "SECRET-FROM-OUTSIDE-THE-DOSSIER"
MEMORY = 3 << 30  # bytes of address space for the whole run, the build's worker included
CPU_SECONDS = 120
WALL_SECONDS = 150
CLAIM = ("- id: {id}\n  statement: {statement}\n  date: 2019-06-09\n  tags: [detention]\n"
         "  evidence: [{{source: example-news-2019-06-10}}]\n  status: alleged\n")


@dataclass
class Case:
    """One hostile input: how to make it, what to run, what must be said and the exit code."""

    name: str
    make: Callable[[Path, Path], None]  # (dossier, a folder outside it holding secret.txt)
    expect: list[str]
    command: str = "check"
    exit: int = 1
    env: dict[str, str] = field(default_factory=dict)
    root_only_ok: bool = True  # False: cannot happen for root (permissions do not bind root)
    formats: list[str] = field(default_factory=lambda: ["docx", "html"])  # for a build


def _claims(name: str, text: str) -> Callable[[Path, Path], None]:
    def make(d: Path, outside: Path) -> None:
        (d / "claims" / name).write_text(text, encoding="utf-8")
    return make


def _template(text: str, name: str = "recommendation-letter.md") -> Callable[[Path, Path], None]:
    def make(d: Path, outside: Path) -> None:
        (d / "templates").mkdir(exist_ok=True)
        (d / "templates" / name).write_text(text, encoding="utf-8")
    return make


def _link(rel: str, to: str) -> Callable[[Path, Path], None]:
    def make(d: Path, outside: Path) -> None:
        path = d / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            path.rename(d / (rel + ".old"))
        path.symlink_to(to.replace("OUTSIDE", str(outside)))
    return make


def _evidence(path: str) -> Callable[[Path, Path], None]:
    def make(d: Path, outside: Path) -> None:
        sources = d / "sources.yaml"
        sources.write_text(sources.read_text(encoding="utf-8").replace(
            "  kind:", f'  file: "{path}"\n  sha256: "{"ab" * 32}"\n  kind:', 1), encoding="utf-8")
    return make


def _both(*makes: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    def make(d: Path, outside: Path) -> None:
        for one in makes:
            one(d, outside)
    return make


def _fifo(d: Path, outside: Path) -> None:
    os.mkfifo(d / "claims" / "pipe.yaml")


def _bad_file_name(d: Path, outside: Path) -> None:
    (d / "claims" / os.fsdecode(b"caf\xe9.yaml")).write_text("- id: x\n", encoding="utf-8")


def _escape_in_file_name(d: Path, outside: Path) -> None:
    (d / "claims" / "evil\x1b[2J\nsources.yaml:1:1: error[BG000] forged.yaml").write_text("a: [\n", encoding="utf-8")


def _docx(members: dict[str, bytes], extra: Callable[[zipfile.ZipFile], None] | None = None):
    def make(d: Path, outside: Path) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, data)
            if extra:
                extra(z)
        (d / "templates").mkdir(exist_ok=True)
        (d / "templates" / "reference.docx").write_bytes(buffer.getvalue())
    return make


def _zeros(z: zipfile.ZipFile) -> None:
    with z.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
        block = b"\0" * (1 << 20)
        for _ in range(1024):  # 1 GB inflated, 1 MB stored
            fh.write(block)


def _unreadable_folder(d: Path, outside: Path) -> None:
    (d / "claims").chmod(0)


def _cache_then(change: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    def make(d: Path, outside: Path) -> None:
        _run(["check", str(d)], {})
        cache = Path(os.environ["BRIEFGEN_CACHE_DIR"])
        entries = sorted(cache.rglob("*.entry"))
        assert entries, "the first check wrote no cache entry"
        for entry in entries:
            change(entry)
    return make


def _garbage(entry: Path) -> None:
    entry.write_bytes(b"\x00not json at all {[")


def _forge(entry: Path) -> None:
    tag, payload = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(tag + b"\n" + payload.replace(b'"statement"', b'"statement","injected":1,"x"'))


NESTED = "- id: deep\n  tags: " + "[" * 500 + "]" * 500 + "\n"
CASES = [
    # small inputs that crashed
    Case("plain scalar 0x_", _claims("x.yaml", "- id: 0x_\n"), ["BG103", "'0x_' is not a valid id"]),
    Case("5,000-digit tagged number", _claims("x.yaml", "- id: a\n  figures: {n: !!int " + "1" * 5000 + "}\n"),
         ["BG107", "at most 30 digits"]),
    Case("bad explicit int", _claims("x.yaml", "- id: !!int abc\n"), ["BG103", "'abc' is not a whole number"]),
    Case("bad explicit timestamp", _claims("x.yaml", "- date: !!timestamp notadate\n"),
         ["BG103", "'date' must be a date written YYYY-MM-DD", "got 'notadate'"]),
    Case("500 levels of nesting", _claims("x.yaml", NESTED), ["claims/x.yaml:2:", "BG107", "nested more than 32"]),
    Case("40,000 levels of nesting", _claims("x.yaml", "[" * 40000 + "]" * 40000), ["BG107", "nested more than 32"]),
    Case("unreadable folder", _unreadable_folder, ["claims:1:1", "BG100", "cannot be read"], root_only_ok=False),
    Case("corrupt cache entries", _cache_then(_garbage), ["0 errors"], exit=0),
    Case("forged cache entries", _cache_then(_forge), ["0 errors"], exit=0),
    Case("template that includes itself", _template("{% include 'recommendation-letter.md' %}"),
         ["templates/recommendation-letter.md", "includes or calls itself"], command="build"),
    Case("file name not UTF-8", _bad_file_name, ["claims/caf\\xe9.yaml:1:1", "BG100", "not valid UTF-8"]),
    Case("claim with U+2029", _claims("x.yaml", CLAIM.format(id="sep", statement='"one\\u2029two"')),
         ["claims/x.yaml:2:", "BG103", "U+2029"]),
    # inputs that hung
    Case("FIFO named like a claims file", _fifo, ["claims/pipe.yaml:1:1", "BG108", "not an ordinary file"]),
    Case("link to /dev/zero", _link("claims/zero.yaml", "/dev/zero"), ["claims/zero.yaml", "BG108", "/dev/zero"]),
    Case("range(10**9) in a template", _template("{% for i in range(10**9) %}x{% endfor %}"),
         ["templates/recommendation-letter.md, line 1", "Range too big"], command="build"),
    Case("'x' * 10**9 in a template", _template("{{ 'x' * 10**9 }}"),
         ["line 1", "1,000,000,000 characters"], command="build"),
    Case("a template loop without end", _template("\n{% for i in range(99999) %}{% for j in range(99999) %}"
                                                  "{% endfor %}{% endfor %}"),
         ["line 2", "ran longer than 2 s", "BRIEFGEN_TEMPLATE_SECONDS"], command="build",
         env={"BRIEFGEN_TEMPLATE_SECONDS": "2"}),
    Case("a template that eats memory", _template("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                                                  "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"),
         ["out of memory", "BRIEFGEN_BUILD_MEMORY_MB"], command="build", env={"BRIEFGEN_BUILD_MEMORY_MB": "700"}),
    Case("zip-bomb reference.docx", _docx({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}, _zeros),
         ["templates/reference.docx:1:1", "BG107", "unpack to 1,024 MB", "BRIEFGEN_MAX_FILE_MB"]),
    Case("reference.docx of 5,000 parts", _docx({f"p/{i}.xml": b"" for i in range(5000)}),
         ["templates/reference.docx:1:1", "BG107", "5,000 parts"]),
    Case("reference.docx that is not a zip", _template("plain text", "reference.docx"),
         ["templates/reference.docx:1:1", "BG100", "not a Word file"]),
    # files from outside the dossier
    Case("template override linked outside", _link("templates/recommendation-letter.md", "OUTSIDE/secret.txt"),
         ["templates/recommendation-letter.md:1:1", "BG108", "outside the dossier"]),
    Case("print.css linked outside", _link("templates/print.css", "OUTSIDE/secret.txt"),
         ["templates/print.css:1:1", "BG108"]),
    Case("claims file linked outside", _link("claims/x.yaml", "OUTSIDE/secret.txt"), ["claims/x.yaml:1:1", "BG108"]),
    Case("claims folder linked outside", _link("claims", "OUTSIDE"), ["claims:1:1", "BG108"]),
    Case("evidence path with a NUL", _evidence("evidence/a\\0.pdf"), ["BG305", "evidence/a\\x00.pdf"]),
    Case("evidence linked outside", _both(_link("evidence/copy.pdf", "OUTSIDE/secret.txt"),
                                          _evidence("evidence/copy.pdf")), ["sources.yaml:", "BG305"]),
    Case("print.css that imports a file outside", _template(f"@import url(file://{'/'}etc/passwd);\n", "print.css"),
         ["refused to load file:///etc/passwd"], command="build", formats=["pdf"]),
    # limits a user may move
    Case("file over the size limit", _claims("x.yaml", "# " + "x" * (2 << 20) + "\n- id: x\n"),
         ["BG107", "larger than the limit of 1 MB", "BRIEFGEN_MAX_FILE_MB"], env={"BRIEFGEN_MAX_FILE_MB": "1"}),
    Case("too many values", _claims("x.yaml", "[" + "1," * 70000 + "]"),
         ["BG107", "more than 65,536 values"], env={"BRIEFGEN_MAX_FILE_MB": "1"}),
    Case("text over the length limit", _claims("x.yaml", CLAIM.format(id="long", statement="y" * 100_001)),
         ["BG107", "100,001 characters"]),
    Case("a limit set to nonsense", _claims("x.yaml", "- id: x\n"), ["BRIEFGEN_MAX_FILE_MB must be a whole number"],
         exit=2, env={"BRIEFGEN_MAX_FILE_MB": "lots"}),
    # terminal injection
    Case("escape sequence and newline in a file name", _escape_in_file_name,
         ["claims/evil\\x1b[2J\\nsources.yaml:1:1: error[BG000] forged.yaml:2:1: error[BG101]"]),
]


def _limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, timeout=WALL_SECONDS,
                          env={**os.environ, **env}, preexec_fn=_limit_resources, cwd=REPO)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_gets_a_diagnostic_and_an_exit_code(case: Case, tmp_path):
    if not case.root_only_ok and os.geteuid() == 0:
        pytest.skip("permissions do not bind root; tests/load/test_paths.py covers this case in process")
    dossier, outside, out = tmp_path / "dossier", tmp_path / "outside", tmp_path / "out"
    for rel, data in starter_files().items():
        (dossier / rel).parent.mkdir(parents=True, exist_ok=True)
        (dossier / rel).write_bytes(data)
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n- id: {SECRET.lower()}\n", encoding="utf-8")
    case.make(dossier, outside)
    args = [case.command, str(dossier)]
    if case.command == "build":
        args += ["-o", str(out)] + [arg for f in case.formats for arg in ("-f", f)]
    try:
        result = _run(args, case.env)
    finally:
        if (dossier / "claims").exists():
            (dossier / "claims").chmod(0o755)
    output = (result.stdout + result.stderr).decode("utf-8")
    assert result.returncode == case.exit, output
    for text in case.expect:
        assert text in output, output
    assert "Traceback" not in output and "crashed" not in output
    assert SECRET not in output and SECRET.lower() not in output
    assert not any(ch in output for ch in "\x1b\r\x07"), "raw control characters reached the terminal"
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert written == [] or case.exit == 0
