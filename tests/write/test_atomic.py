"""Writing a build: every submission's files all old or all new, whatever fails and wherever a build is killed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefgen.commands.init import starter_files
from briefgen.write import atomic
from briefgen.write.atomic import commit, recover, stage

FORMATS = ["-f", "docx", "-f", "html"]
SUBMISSIONS = ("osce-letter", "second-letter")
EXTENSIONS = ("docx", "html", "manifest.json")


# ---- the protocol, step by step ------------------------------------------------------------------

def test_a_group_replaces_every_old_file(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"old")
    commit(stage(tmp_path, "a", {"a.docx": b"new", "a.pdf": b"new pdf"}))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.docx": b"new", "a.pdf": b"new pdf"}


def test_a_failed_rename_puts_the_old_files_back(tmp_path, monkeypatch):
    for name in ("a.docx", "a.pdf"):
        (tmp_path / name).write_bytes(b"old " + name.encode())
    staged = stage(tmp_path, "a", {"a.docx": b"new", "a.manifest.json": b"new", "a.pdf": b"new"})
    real_replace, calls = os.replace, []

    def failing(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 4:  # COMMIT, then two files in place, then the third fails
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(OSError):
        commit(staged)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.docx": b"old a.docx", "a.pdf": b"old a.pdf"}


def test_a_folder_where_a_file_must_go_fails_before_anything_is_written(tmp_path):
    (tmp_path / "a.pdf").mkdir()
    with pytest.raises(IsADirectoryError):
        stage(tmp_path, "a", {"a.docx": b"new", "a.pdf": b"new"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_recover_finishes_a_committed_group_and_removes_the_rest(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"old")
    (tmp_path / "a.pdf").write_bytes(b"old")
    committed = stage(tmp_path, "a", {"a.docx": b"new", "a.pdf": b"new"})
    (committed.staging / "COMMIT").write_text("a.docx\na.pdf")
    os.replace(committed.staging / "a.docx", tmp_path / "a.docx")  # killed after the first rename
    stage(tmp_path, "b", {"b.docx": b"never committed"})
    (tmp_path / ".a.docx.x1y2.tmp").write_bytes(b"left by an older briefgen")
    recover(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.docx": b"new", "a.pdf": b"new"}


# ---- builds killed at random points --------------------------------------------------------------

def _dossier(folder: Path, statement: str, broken: bool = False) -> Path:
    root = folder / "dossier"  # every version has the same name, so builds share OUTPUT/dossier/
    for rel, data in starter_files().items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    letter = (root / "submissions" / "osce-letter.yaml").read_text(encoding="utf-8")
    (root / "submissions" / "second-letter.yaml").write_text(
        letter.replace("id: osce-letter", "id: second-letter"), encoding="utf-8")
    claims = root / "claims" / "rally.yaml"
    text = claims.read_text(encoding="utf-8").replace("Police detained at least 40 people", statement)
    claims.write_text(text.replace("status: alleged", "status: not-a-status") if broken else text, encoding="utf-8")
    return root


def _argv(root: Path, out: Path) -> list[str]:
    return ["build", str(root), "-o", str(out), *FORMATS]


def _state(folder: Path, refs: dict[str, dict[str, bytes]]) -> dict[str, set[str]]:
    """For each submission, which versions its files match ('A', 'B' or 'none' when missing)."""
    states = {}
    for sub in SUBMISSIONS:
        seen = set()
        for ext in EXTENSIONS:
            path = folder / f"{sub}.public.{ext}"
            data = path.read_bytes() if path.exists() else None
            seen.add(next((v for v, files in refs.items() if files[f"{sub}.public.{ext}"] == data), "none" if data is None
                          else "other"))
        states[sub] = seen
    return states


def _build_in_fork(argv: list[str], kill_at: int = 0) -> int:
    """Run a build in a forked process that kills itself just before its `kill_at`-th file operation
    (never when 0); the number of operations it made when it was not killed."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            count = [0]
            for name in ("replace", "link", "fsync", "unlink", "rename", "rmdir", "mkdir"):
                real = getattr(os, name)

                def counted(*args, _real=real, **kwargs):
                    count[0] += 1
                    if count[0] == kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return _real(*args, **kwargs)
                setattr(os, name, counted)
            sys.argv = ["briefgen", *argv]
            from briefgen.cli import _run
            _run()  # main() would end the process at once (os._exit), before the count is sent back
        except SystemExit:
            pass
        finally:
            os.write(write_fd, str(count[0]).encode())
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        done = fh.read()
    os.waitpid(pid, 0)
    return int(done or 0)


def _killed_after(argv: list[str], seconds: float) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    proc.kill()
    proc.wait()


def test_builds_killed_at_random_points_leave_each_submission_all_old_or_all_new(tmp_path):
    rnd = random.Random(13)
    versions = {v: _dossier(tmp_path / v, f"Police detained at least {n} people") for v, n in (("A", 40), ("B", 41))}
    broken = _dossier(tmp_path / "broken", "Police detained at least 42 people", broken=True)
    refs = {}
    for v, root in versions.items():
        subprocess.run([sys.executable, "-m", "briefgen", *_argv(root, tmp_path / f"ref-{v}")], check=True,
                       capture_output=True)
        refs[v] = {p.name: p.read_bytes() for p in (tmp_path / f"ref-{v}" / "dossier").iterdir()}
    out = tmp_path / "out"
    folder = out / "dossier"
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "briefgen", *_argv(versions["A"], out)], check=True, capture_output=True)
    full_build = time.monotonic() - start
    operations = _build_in_fork(_argv(versions["B"], out))  # a warm build: how many file operations it makes
    assert _state(folder, refs) == {sub: {"B"} for sub in SUBMISSIONS}
    # every file operation of a build is a point to die at; then a few random moments of a real process
    points = [("operation", n) for n in range(1, operations + 1)]
    points += [("seconds", round(rnd.uniform(0.2, full_build), 2)) for _ in range(4)]
    outcomes = set()
    for i, (how, point) in enumerate(points):
        version = "A" if i % 2 == 0 else "B"
        argv = _argv(versions[version], out)
        if how == "operation":
            _build_in_fork(argv, kill_at=point)
        else:
            _killed_after(argv, point)
        # the next build, here one that fails its check, first finishes or removes what was left
        assert _build_in_fork(_argv(broken, out)) > 0
        states = _state(folder, refs)
        for sub, seen in states.items():
            assert len(seen) == 1 and seen <= {"A", "B"}, f"{sub} mixed after a kill at {how} {point}: {seen}"
            outcomes.add((sub, version in seen))
        assert sorted(p.name for p in folder.iterdir()) == sorted(refs["A"]), "leftovers after recovery"
    assert outcomes == {(sub, new) for sub in SUBMISSIONS for new in (True, False)}, "kills never landed both ways"


# ---- what the build command says when writing fails -----------------------------------------------

def test_a_folder_in_the_way_writes_nothing_and_says_so(runner, tmp_path):
    from briefgen.cli import cli
    root = _dossier(tmp_path / "A", "Police detained at least 40 people")
    out = tmp_path / "out"
    (out / "dossier" / "second-letter.public.html").mkdir(parents=True)
    result = runner.invoke(cli, _argv(root, out))
    assert result.exit_code == 1
    assert "second-letter.public.html: a folder stands where the file must go" in result.output
    assert "Nothing was written" in result.output
    assert sorted(p.name for p in (out / "dossier").iterdir()) == ["second-letter.public.html"]


def test_a_failure_between_submissions_names_what_was_written(runner, tmp_path, monkeypatch):
    from briefgen.cli import cli
    from briefgen.commands import build as build_command
    out = tmp_path / "out"
    runner.invoke(cli, _argv(_dossier(tmp_path / "A", "Police detained at least 40 people"), out))
    before = {p.name: p.read_bytes() for p in (out / "dossier").iterdir()}
    real_commit = build_command.commit

    def second_fails(staged):
        if staged.names[0].startswith("second-letter"):
            raise OSError(28, "No space left on device", str(staged.targets[0]))
        real_commit(staged)

    monkeypatch.setattr(build_command, "commit", second_fails)
    result = runner.invoke(cli, _argv(_dossier(tmp_path / "B", "Police detained at least 41 people"), out))
    assert result.exit_code == 1
    assert "Written in full: osce-letter. Not written (their previous files, if any, are unchanged): " \
           "second-letter." in result.output
    after = {p.name: p.read_bytes() for p in (out / "dossier").iterdir()}
    assert sorted(after) == sorted(before)
    assert all(after[n] != before[n] for n in after if n.startswith("osce-letter"))
    assert all(after[n] == before[n] for n in after if n.startswith("second-letter"))
