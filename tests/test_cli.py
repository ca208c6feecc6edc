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
