"""Atomic writes keep the old file and its permissions when anything fails."""

import io
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import pytest

from corpus.atomic import atomic_output, check_writable, write_atomic
from corpus.errors import CorpusError
from glossary.model import GlossaryError, bundled_glossary_path
from tm.tmx import tmx_date, write_tmx
from tm.unit import TranslationUnit


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


# read-only targets and folders that cannot be written

READ_ONLY = "file is read-only (make it writable with chmod u+w, or write elsewhere)"


@pytest.fixture
def read_only(tmp_path):
    target = tmp_path / "tm.tmx"
    target.write_bytes(b"<tmx>the translator's work</tmx>\n")
    target.chmod(0o444)
    yield target
    target.chmod(0o644)


def test_read_only_target_is_refused_even_for_root_and_left_as_it_was(read_only):
    for write in (
        lambda: write_atomic(read_only, "<tmx/>"),
        lambda: write_atomic(read_only, b"<tmx/>"),
    ):
        with pytest.raises(CorpusError) as error:
            write()
        assert str(error.value) == f"{read_only}: {READ_ONLY}"
    with pytest.raises(CorpusError), atomic_output(read_only, binary=True) as out:
        out.write(b"never")  # never reached: refused before anything is written
    assert read_only.read_bytes() == b"<tmx>the translator's work</tmx>\n"
    assert [p.name for p in read_only.parent.iterdir()] == ["tm.tmx"]
    assert stat.S_IMODE(read_only.stat().st_mode) == 0o444


def test_check_writable_names_the_first_read_only_target(read_only, tmp_path):
    check_writable(tmp_path / "new.po")  # a missing file can be written
    with pytest.raises(GlossaryError, match="file is read-only"):
        check_writable(read_only, error=GlossaryError)
    with pytest.raises(CorpusError) as error:
        write_atomic(tmp_path, "text")
    assert str(error.value) == f"{tmp_path}: is a folder, not a file (give a file name)"


@pytest.mark.parametrize("below", ["", "out/"], ids=["parent-is-a-file", "grandparent-is-a-file"])
def test_a_path_through_a_file_is_one_line_naming_it(tmp_path, below):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n", encoding="utf-8")
    target = blocker / below / "tm.tmx"
    with pytest.raises(CorpusError) as error:
        write_atomic(target, "<tmx/>")
    which = "it is a file" if not below else f"{blocker} is a file"
    assert str(error.value) == (
        f"{target.parent}: cannot write in this folder: not a directory"
        f" ({which}; write elsewhere, or move the file away)"
    )
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_unwritable_folder_is_one_line_in_process_when_not_root(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes everywhere: see the test run as an unprivileged user")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(CorpusError) as error:
            write_atomic(folder / "tm.tmx", "<tmx/>")
    finally:
        folder.chmod(0o755)
    assert str(error.value) == (
        f"{folder}: cannot write in this folder: permission denied"
        " (write elsewhere, or make the folder writable)"
    )


# through the command line: exit 2, one line, the target byte-identical


def test_glossary_format_refuses_a_read_only_workbook(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "terms.xlsx"
    shutil.copyfile(bundled_glossary_path(), path)
    before = path.read_bytes()
    path.chmod(0o444)
    assert main(["glossary", "format", str(path)]) == 2
    assert capsys.readouterr().err == f"tmkit: error: {path}: {READ_ONLY}\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms.xlsx"]


def test_tmx_write_refuses_a_read_only_target(tmp_path, capsys):
    from tm.cli import main

    source = tmp_path / "a.tmx"
    write_tmx([TranslationUnit("a:1", "نفت", "oil")], source, creationdate=tmx_date(0))
    target = tmp_path / "merged.tmx"
    target.write_bytes(b"<tmx>the translator's work</tmx>\n")
    target.chmod(0o444)
    with pytest.raises(CorpusError, match="file is read-only"):
        write_tmx([TranslationUnit("a:1", "نفت", "oil")], target, creationdate=tmx_date(0))
    assert main(["merge", str(source), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"tmkit: error: {target}: {READ_ONLY}\n"
    assert target.read_bytes() == b"<tmx>the translator's work</tmx>\n"


def test_build_refuses_a_read_only_tm_and_keeps_it(tmp_path, capsys, example_project):
    from tm.build import TMX_NAME
    from tm.cli import main

    out = tmp_path / "out"
    out.mkdir()
    tmx = out / TMX_NAME
    tmx.write_bytes(b"<tmx>last week's reviewed TM</tmx>\n")
    tmx.chmod(0o444)
    assert main(["build", "--project", str(example_project.root), "--out", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"tmkit: error: {tmx}: {READ_ONLY}"]
    assert tmx.read_bytes() == b"<tmx>last week's reviewed TM</tmx>\n"
    assert sorted(p.name for p in out.iterdir()) == [TMX_NAME]  # refused before any write


def test_srx_output_through_a_file_is_one_line(tmp_path, capsys):
    from tm.cli import main

    blocker = tmp_path / "rules"
    blocker.write_text("", encoding="utf-8")
    assert main(["srx", "-o", str(blocker / "segmentation.srx")]) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {blocker}: cannot write in this folder: not a directory"
        " (it is a file; write elsewhere, or move the file away)\n"
    )


NOBODY = 65534
CANNOT_SWITCH = 77  # the forked child's exit code when it cannot become that user


def run_as_nobody(args: list[str], cwd: Path, warm_up: list[str]) -> tuple[int, str]:
    """Run ``python -m tm ARGS`` as an unprivileged user; return the exit code and stderr.

    *warm_up* is the same command run once as root first in the fallback, so that every
    module it needs is imported while the installed package can still be read.

    As ``subprocess.run(..., user=65534)``. When that does not give tmkit's exit code 2 (the
    user cannot start this Python, e.g. an interpreter under root's 0700 home, or cannot
    import tmkit), the same is done in a forked child that drops to the user and runs
    :func:`tm.cli.main` in the interpreter already loaded: its result is the one returned.
    """
    command = [sys.executable, "-m", "tm", *args]
    try:
        result = subprocess.run(
            command, cwd=cwd, user=NOBODY, group=NOBODY, extra_groups=[],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    except PermissionError:
        pass  # the interpreter is out of that user's reach (or setuid failed: tried below)
    else:
        if result.returncode == 2:
            return result.returncode, result.stderr
    from tm.cli import main

    main(warm_up)  # import everything before dropping rights (the package may be out of reach)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit code and stderr
        code = 70
        try:
            os.close(read)
            os.dup2(write, 2)
            try:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            except OSError:
                code = CANNOT_SWITCH
                raise
            os.chdir(cwd)
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8")
            try:
                code = main(args)
            except BaseException:
                traceback.print_exc()  # what a user would see: the test fails on it
                code = 1
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as stream:
        stderr = stream.read()
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == CANNOT_SWITCH:
        raise PermissionError(f"setuid({NOBODY}) failed")
    return code, stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="runs as root only")
def test_unwritable_folder_as_an_unprivileged_user_is_one_line_and_exit_2():
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o777)  # the user may enter it and write here, not in locked/
        locked = folder / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            memory = folder / "memory.tmx"
            write_tmx(
                [TranslationUnit("a:1", "نفت خزر", "Caspian oil")], memory, creationdate=tmx_date(0)
            )
            memory.chmod(0o644)
            merge = ["merge", str(memory), "-o"]
            code, stderr = run_as_nobody(
                [*merge, str(locked / "merged.tmx")], folder, [*merge, str(folder / "warm.tmx")]
            )
        except PermissionError as err:  # setuid itself is impossible here
            pytest.skip(f"cannot switch to user {NOBODY}: {err}")
        assert code == 2, stderr
        assert "Traceback" not in stderr
        assert stderr == (
            f"tmkit: error: {locked}: cannot write in this folder: permission denied"
            " (write elsewhere, or make the folder writable)\n"
        )
        assert list(locked.iterdir()) == []


# -o that is not a regular file: a symlink is written through, a FIFO or device in place


def _merge_source(tmp_path: Path) -> Path:
    source = tmp_path / "a.tmx"
    write_tmx([TranslationUnit("a:1", "نفت", "oil")], source, creationdate=tmx_date(0))
    return source


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    from tm.cli import main

    source = _merge_source(tmp_path)
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "merged.tmx"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / "link.tmx"
    link.symlink_to(Path("real") / "merged.tmx")
    assert main(["merge", str(source), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("real") / "merged.tmx")
    assert b"<seg>oil</seg>" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["merged.tmx"]
    # a dangling link makes its target
    target.unlink()
    write_atomic(link, "new\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new\n"


def test_output_to_a_fifo_writes_into_it_and_keeps_it(tmp_path):
    import threading

    from tm.cli import main

    source = _merge_source(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []

    def reader():
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    assert main(["merge", str(source), "-o", str(fifo)]) == 0
    thread.join(timeout=10)
    assert received and b"<seg>oil</seg>" in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tmx", "pipe"]
    # write_atomic with unless_same does not block reading the FIFO first
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    write_atomic(fifo, "x\n", unless_same=True)
    thread.join(timeout=10)
    assert received[1] == b"x\n"


def _null_device(tmp_path: Path) -> Path:
    """A character device like /dev/null made in *tmp_path* (a regression then replaces this
    copy, never the system's /dev/null); skipped where devices cannot be made or opened."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        with open(node, "wb") as probe:
            probe.write(b"probe")
    except OSError as err:
        pytest.skip(f"cannot make a character device here: {err.strerror}")
    return node


def test_output_to_a_character_device_writes_into_it_and_keeps_it(tmp_path):
    from tm.cli import main

    source = _merge_source(tmp_path)
    null = _null_device(tmp_path)
    assert main(["merge", str(source), "-o", str(null)]) == 0
    assert null.is_char_device()
    write_atomic(null, b"bytes")
    assert null.is_char_device()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tmx", "null"]
