"""The loader and its cache: stale and corrupt entries never change the result."""

from __future__ import annotations

import shutil

from briefgen.load.cache import CACHE_DIR
from briefgen.load.loader import load_dossier
from briefgen.pipeline import check_dossier


def _diagnostics(root, use_cache=True):
    _, report = check_dossier(root, use_cache=use_cache)
    return [str(d) for d in report.sorted()]


def test_cache_is_written_and_reused(copy_root):
    root = copy_root("bg201-unknown-source")
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    cold = _diagnostics(root)
    entries = list((root / CACHE_DIR).rglob("*.json"))
    assert len(entries) == 3
    assert _diagnostics(root) == cold


def test_corrupt_cache_entries_are_ignored(copy_root):
    root = copy_root("bg201-unknown-source")
    cold = _diagnostics(root)
    for entry in (root / CACHE_DIR).rglob("*.json"):
        entry.write_bytes(b"\x00garbage{")
    assert _diagnostics(root) == cold


def test_a_changed_file_is_parsed_again(copy_root):
    root = copy_root("good")
    assert _diagnostics(root) == []
    claims = root / "claims" / "c.yaml"
    claims.write_text(claims.read_text().replace("src-b", "src-z"))
    assert any("BG201" in d for d in _diagnostics(root))


def test_unwritable_cache_folder_is_not_an_error(copy_root):
    root = copy_root("good")
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    (root / CACHE_DIR).write_text("a file where the cache folder should be")
    assert _diagnostics(root) == []


def test_evidence_outside_the_dossier_is_never_read(copy_root, tmp_path):
    root = copy_root("good")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    sources = root / "sources.yaml"
    sources.write_text(sources.read_text().replace(
        "  archive: https://archive.example.org/a1\n",
        "  file: ../secret.txt\n  sha256: " + "ab" * 32 + "\n"))
    loaded = load_dossier(root)
    assert loaded.evidence == {"../secret.txt": None}
