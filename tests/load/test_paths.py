"""The gate every read passes: inside the allowed folders, links followed; regular files only; bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.load.loader import load_dossier
from briefgen.load.paths import Refused, list_folder, read_bounded, real_roots, relative_name


def test_a_link_inside_the_dossier_is_read(tmp_path):
    (tmp_path / "a.yaml").write_text("a: 1\n")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    assert read_bounded(tmp_path / "b.yaml", real_roots([tmp_path]), 100, "X") == b"a: 1\n"


def test_a_link_out_or_a_dotdot_is_refused(tmp_path):
    inner, outer = tmp_path / "dossier", tmp_path / "secret.txt"
    inner.mkdir()
    outer.write_text("secret")
    (inner / "link.yaml").symlink_to(outer)
    for path in (inner / "link.yaml", inner / ".." / "secret.txt"):
        with pytest.raises(Refused) as caught:
            read_bounded(path, real_roots([inner]), 100, "X")
        assert caught.value.code == "BG108" and str(outer) in caught.value.message


def test_a_pipe_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(Refused) as caught:
        read_bounded(tmp_path / "pipe.yaml", real_roots([tmp_path]), 100, "X")
    assert caught.value.code == "BG108"


def test_size_is_bounded_and_names_the_setting(tmp_path):
    (tmp_path / "big.yaml").write_bytes(b"x" * 101)
    with pytest.raises(Refused) as caught:
        read_bounded(tmp_path / "big.yaml", real_roots([tmp_path]), 100, "BRIEFGEN_MAX_FILE_MB")
    assert caught.value.code == "BG107" and "BRIEFGEN_MAX_FILE_MB" in caught.value.message


def test_a_link_loop_is_refused(tmp_path):
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    with pytest.raises(Refused):
        read_bounded(tmp_path / "a.yaml", real_roots([tmp_path]), 100, "X")


def test_a_name_with_a_nul_is_refused(tmp_path):
    with pytest.raises(Refused):
        read_bounded(str(tmp_path / "a\0.pdf"), real_roots([tmp_path]), 100, "X")


def test_a_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    path = tmp_path / os.fsdecode(b"caf\xe9.yaml")
    assert relative_name(path, tmp_path) == ("caf\\xe9.yaml", False)
    assert relative_name(tmp_path / "café.yaml", tmp_path) == ("café.yaml", True)


def test_an_unreadable_folder_is_a_diagnostic(copy_root, monkeypatch):
    """Permissions do not bind root, so the folder's refusal is simulated where the loader lists it."""
    root = copy_root("good")
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self.name == "claims":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    loaded = load_dossier(root)
    assert [(d.code, d.location.path, d.message) for d in loaded.problems] == [
        ("BG100", "claims", "folder cannot be read (Permission denied): check its permissions")]
    with pytest.raises(Refused):
        list_folder(root / "claims", real_roots([root]))
