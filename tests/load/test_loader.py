"""The loader and its cache: the cache lives outside the dossier and can never change what a check sees."""

from __future__ import annotations

import json
import os

from briefgen.cli import cli
from briefgen.load.cache import LEGACY_DIR
from briefgen.load.loader import load_dossier
from briefgen.pipeline import check_dossier


def _diagnostics(root, use_cache=True):
    _, report = check_dossier(root, use_cache=use_cache)
    return [str(d) for d in report.sorted()]


def _entries(cache):
    return sorted(cache.rglob("*.entry"))


def test_cache_is_kept_outside_the_dossier_and_reused(copy_root, private_cache):
    root = copy_root("bg201-unknown-source")
    cold = _diagnostics(root)
    assert len(_entries(private_cache)) == 3
    assert not any(p.name.startswith(".briefgen") for p in root.rglob("*"))
    assert oct((private_cache / "key").stat().st_mode & 0o777) == "0o600"
    before = {p: p.stat().st_mtime_ns for p in _entries(private_cache)}
    assert _diagnostics(root) == cold
    assert {p: p.stat().st_mtime_ns for p in _entries(private_cache)} == before  # read, not rewritten


def test_no_cache_neither_reads_nor_writes(copy_root, private_cache):
    root = copy_root("good")
    assert _diagnostics(root, use_cache=False) == []
    assert _entries(private_cache) == []


def test_corrupt_cache_entries_are_ignored(copy_root, private_cache):
    root = copy_root("bg201-unknown-source")
    cold = _diagnostics(root)
    for entry in _entries(private_cache):
        entry.write_bytes(b"\x00garbage{")
    assert _diagnostics(root) == cold
    for entry in _entries(private_cache):
        entry.write_bytes(b"0" * 64 + b"\n" + b"[" * 100_000)
    assert _diagnostics(root) == cold


def test_a_forged_entry_changes_nothing(copy_root, private_cache):
    root = copy_root("good")
    assert _diagnostics(root) == []
    for entry in _entries(private_cache):
        tag, payload, positions = entry.read_bytes().split(b"\n", 2)
        data = json.loads(payload)
        if isinstance(data[0], list) and data[0] and "statement" in data[0][0]:
            data[0][0]["sources"] = "injected"  # an unknown field: the check would report it if used
            data[0].append(dict(data[0][0], id="injected-claim"))
            entry.write_bytes(tag + b"\n" + json.dumps(data).encode() + b"\n" + positions)
    assert _diagnostics(root) == []
    loaded = load_dossier(root)
    assert [c["id"] for f in loaded.files if f.kind == "claims" for c in f.parsed.data] == ["claim-a"]


def test_an_entry_moved_to_another_file_is_not_used(copy_root, private_cache):
    root = copy_root("bg201-unknown-source")
    cold = _diagnostics(root)
    entries = _entries(private_cache)
    content = {p: p.read_bytes() for p in entries}
    for a, b in zip(entries, entries[1:] + entries[:1]):
        a.write_bytes(content[b])
    assert _diagnostics(root) == cold


def test_a_changed_file_is_parsed_again(copy_root):
    root = copy_root("good")
    assert _diagnostics(root) == []
    claims = root / "claims" / "c.yaml"
    claims.write_text(claims.read_text().replace("src-b", "src-z"))
    assert any("BG201" in d for d in _diagnostics(root))


def test_entries_of_deleted_files_are_pruned(copy_root, private_cache):
    root = copy_root("good")
    (root / "claims" / "d.yaml").write_text((root / "claims" / "c.yaml").read_text().replace("claim-a", "claim-d"))
    _diagnostics(root)
    assert len(_entries(private_cache)) == 4
    (root / "claims" / "d.yaml").unlink()
    _diagnostics(root)
    assert len(_entries(private_cache)) == 3


def test_the_cache_of_a_deleted_dossier_is_pruned(copy_root, private_cache):
    gone = copy_root("good")
    _diagnostics(gone)
    other = copy_root("bg201-unknown-source")
    for path in sorted(gone.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    gone.rmdir()
    _diagnostics(other)
    origins = [p.read_text() for p in private_cache.rglob("origin")]
    assert origins == [os.path.realpath(other)]


def test_unwritable_cache_folder_is_not_an_error(copy_root, private_cache, monkeypatch):
    root = copy_root("good")
    blocker = private_cache / "a-file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker))
    assert _diagnostics(root) == []


def test_clean_removes_the_cache_and_the_old_in_dossier_cache(copy_root, private_cache, runner):
    root = copy_root("good")
    other = copy_root("bg201-unknown-source")
    (root / LEGACY_DIR).mkdir(exist_ok=True)
    (root / LEGACY_DIR / "old.json").write_text("{}")
    _diagnostics(root)
    _diagnostics(other)
    result = runner.invoke(cli, ["clean", str(root)])
    assert result.exit_code == 0, result.output
    assert not (root / LEGACY_DIR).exists()
    assert len(_entries(private_cache)) == 3  # the other dossier's entries stay
    result = runner.invoke(cli, ["clean"])
    assert result.exit_code == 0 and str(private_cache) in result.output
    assert not private_cache.exists()
    result = runner.invoke(cli, ["clean"])
    assert result.exit_code == 0 and "Nothing to remove" in result.output


def test_evidence_outside_the_dossier_is_never_read(copy_root, tmp_path):
    root = copy_root("good")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "evidence").mkdir()
    (root / "evidence" / "link.txt").symlink_to(secret)
    sources = root / "sources.yaml"
    sources.write_text(sources.read_text().replace(
        "  archive: https://archive.example.org/a1\n",
        "  file: ../secret.txt\n  sha256: " + "ab" * 32 + "\n").replace(
        "  archive: https://archive.example.org/b1\n",
        "  file: evidence/link.txt\n  sha256: " + "ab" * 32 + "\n"))
    loaded = load_dossier(root)
    assert loaded.evidence == {"../secret.txt": None, "evidence/link.txt": None}
