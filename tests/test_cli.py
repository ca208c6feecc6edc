"""The entry point: a crash prints one line and saves the traceback; --version."""

from __future__ import annotations

import subprocess
import sys

from briefgen import __version__


def test_version():
    out = subprocess.run([sys.executable, "-m", "briefgen", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout


def test_crash_prints_one_line_and_saves_traceback(tmp_path):
    code = ("import briefgen.pipeline as p, briefgen.commands.check as c\n"
            "def boom(*a, **k): raise RuntimeError('internal bug')\n"
            "c.check_dossier = boom\n"
            "import sys; sys.argv = ['briefgen', 'check', '.']\n"
            "from briefgen.cli import main; main()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 3
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "crashed" in lines[0]
    saved = list(tmp_path.glob("briefgen-crash-*.txt"))
    assert len(saved) == 1 and "RuntimeError: internal bug" in saved[0].read_text()


def _crash(tmp_path, patch: str, args: list[str]) -> tuple[str, str]:
    code = (f"{patch}\n"
            f"import sys; sys.argv = ['briefgen', *{args!r}]\n"
            "from briefgen.cli import main; main()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin",
                              "BRIEFGEN_CACHE_DIR": str(tmp_path / "cache")})
    assert out.returncode == 3, out.stderr
    saved = list(tmp_path.glob("briefgen-crash-*.txt"))
    return out.stderr.strip(), saved[0].read_text()


def test_a_crash_while_reading_names_the_file(tmp_path):
    from conftest import ROOTS
    line, saved = _crash(tmp_path, "import briefgen.load.loader as l\n"
                                   "def boom(*a, **k): raise RuntimeError('parser bug')\n"
                                   "l.parse_bytes = boom", ["check", "--no-cache", str(ROOTS / "good")])
    assert f"crashed while working on {ROOTS / 'good' / 'dossier.yaml'} (a bug" in line
    assert "RuntimeError: parser bug" in saved


def test_a_crash_in_the_build_process_names_the_submission_and_keeps_its_traceback(tmp_path):
    from briefgen.commands.init import starter_files
    dossier = tmp_path / "d"
    for rel, data in starter_files().items():
        (dossier / rel).parent.mkdir(parents=True, exist_ok=True)
        (dossier / rel).write_bytes(data)
    line, saved = _crash(tmp_path, "import briefgen.build as b\n"
                                   "def boom(*a, **k): raise RuntimeError('renderer bug')\n"
                                   "b.render_formats = boom",
                         ["build", str(dossier), "-o", str(tmp_path / "out"), "-f", "html"])
    assert "crashed while working on submission osce-letter, public edition (a bug" in line
    assert "In the process that built the submission" in saved and "RuntimeError: renderer bug" in saved
    assert not (tmp_path / "out" / "d").exists() or not any((tmp_path / "out" / "d").iterdir())


def test_help_says_the_dossier_defaults_to_the_current_folder():
    from click.testing import CliRunner
    from briefgen.cli import cli
    for command in ("check", "build", "list"):
        out = CliRunner().invoke(cli, [command, "--help"]).output
        assert "default: the current folder" in " ".join(out.split()), command


def test_a_reader_that_stops_early_is_not_an_error(tmp_path):
    root = tmp_path / "big"
    root.mkdir()
    (root / "dossier.yaml").write_text("title: T\nstate: KZ\nauthor: {name: A}\n")
    (root / "sources.yaml").write_text("".join(f"- {{id: s{i}, title: T, kind: news, url: 'https://x.org/{i}'}}\n"
                                               for i in range(4000)))
    for command in (["check", str(root)], ["list", "sources", str(root)]):
        out = subprocess.run(f"{sys.executable} -m briefgen {' '.join(command)} | head -1; "
                             "echo \"status ${PIPESTATUS[0]}\" >&2", shell=True, executable="/bin/bash",
                             capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)})
        assert len(out.stdout.splitlines()) == 1
        assert "Traceback" not in out.stderr and "crashed" not in out.stderr and "Exception" not in out.stderr, out.stderr
        assert list(tmp_path.glob("briefgen-crash-*")) == []
        assert "status 0" in out.stderr, out.stderr  # warnings only: the exit status check would give


def test_check_loads_no_template_or_rendering_library():
    from conftest import ROOTS
    code = ("import sys\nfrom click.testing import CliRunner\nfrom briefgen.cli import cli\n"
            f"result = CliRunner().invoke(cli, ['check', {str(ROOTS / 'bg402-any-provision')!r}])\n"
            "assert result.exit_code == 0, result.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markdown_it', 'weasyprint', 'docx')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
