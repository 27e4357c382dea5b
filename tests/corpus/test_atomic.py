"""Atomic writes keep the old file and its permissions when anything fails."""

import os
import stat

import pytest

from corpus.atomic import atomic_output, write_atomic


def test_new_file_gets_the_umask_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "tm.tmx", "<tmx/>")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "tm.tmx").stat().st_mode) == 0o644


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "en.txt"
    target.write_text("Oil policies in the Caucasus\n", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_output(target) as out:
        out.write("half")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "Oil policies in the Caucasus\n"
    assert [p.name for p in tmp_path.iterdir()] == ["en.txt"]
    write_atomic(target, "Oil policies in the Caucasus, revised\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
