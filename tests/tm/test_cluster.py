"""``tmkit build`` and ``tmkit check`` with ``--scheduler``: on a Dask cluster of two worker
processes on this machine (``distributed.LocalCluster``), the same bytes as a run here."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from glossary.model import bundled_glossary_path
from tm.cli import main

distributed = pytest.importorskip("distributed")

TICO19 = Path(__file__).parent.parent / "data" / "tico19" / "all.en-fa.tmx"


@pytest.fixture(scope="module")
def scheduler():
    """The address of a scheduler with two worker processes, one thread each, on localhost."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:  # fmt: skip
        yield cluster.scheduler_address


def written(root: Path) -> dict[str, bytes]:
    """Every file the build wrote: its outputs and its cache."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in (root / "out", root / ".tmkit")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_build_on_a_cluster_writes_the_bytes_of_a_local_build(
    model_project, tmp_path, scheduler, capsys
):
    here = tmp_path / "here"
    shutil.copytree(model_project.root, here)
    code, local, _ = run(capsys, "build", "--project", str(here), "--jobs", "1")
    assert code == 0
    root = model_project.root
    code, remote, err = run(capsys, "build", "--project", str(root), "--scheduler", scheduler)
    assert (code, err) == (0, "")
    pairs = len(model_project.pairs())
    # both passes ran on the cluster: the model learned across the pairs, then sent to it
    assert f"aligned {pairs} pairs, 0 unchanged" in remote
    assert f"second pass: aligned {pairs} pairs, 0 unchanged" in remote
    assert remote.replace(str(root), "ROOT") == local.replace(str(here), "ROOT")
    assert written(root) == written(here)
    assert len(written(root)) > 4 * pairs  # each pair's files and both caches, and the TM's


@pytest.mark.parametrize("form", ["table", "json"])
def test_a_project_checked_on_a_cluster_gives_the_local_findings(
    tico_project, scheduler, capsys, form
):
    check = ["check", "--project", str(tico_project.root), "--format", form]
    check += ["--glossary", str(bundled_glossary_path()), "--include-flagged"]
    local = run(capsys, *check, "--jobs", "1")
    assert local[0] == 1 and "term-missing" in local[1]  # errors found: exit 1
    assert run(capsys, *check, "--scheduler", scheduler) == local


def tmx(path: Path, units: list[tuple[str, str, str]]) -> Path:
    """Write *units* (tuid, Persian, English) as a fa→en TMX."""
    from xml.sax.saxutils import escape

    tus = "".join(
        f'<tu tuid="{tuid}"><tuv xml:lang="fa-IR"><seg>{escape(fa)}</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>{escape(en)}</seg></tuv></tu>\n'
        for tuid, fa, en in units
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fa-IR" '
        f'adminlang="en" segtype="sentence" datatype="plaintext" o-tmf="test" '
        f'creationtool="test" creationtoolversion="1"/><body>\n{tus}</body></tmx>\n',
        encoding="utf-8",
    )
    return path


def test_tms_checked_in_chunks_on_a_cluster_give_the_findings_of_one_run(
    tico19_documents, tmp_path, scheduler, capsys, monkeypatch
):
    """Two TMs of TICO-19 units, the second translating 40 of the first's sources
    otherwise: checked in chunks of 25 units, each unit has what one run gives it,
    inconsistent translations compared across chunks' boundaries and files."""
    import glossary.checks
    from tm.cli.check import _tmx_units

    units = [unit for document in tico19_documents.values() for unit in document][:300]
    first = tmx(tmp_path / "a.tmx", [(f"a{n}", fa, en) for n, (fa, en) in enumerate(units)])
    other = [(f"b{n}", fa, en.replace(" the ", " this ", 1)) for n, (fa, en) in enumerate(units)]
    second = tmx(tmp_path / "b.tmx", [unit for unit in other[::-1] if " this " in unit[2]][:40])
    monkeypatch.setattr(glossary.checks, "CHUNK", 25)
    check = ["check", "--tmx", str(first), str(second), "--format", "json"]
    check += ["--glossary", str(bundled_glossary_path())]
    local = run(capsys, *check)
    assert run(capsys, *check, "--scheduler", scheduler) == local
    findings = json.loads(local[1])
    inconsistent = {f["tuid"] for f in findings if f["rule"] == "inconsistent-translation"}
    assert len(inconsistent) >= 40 and {t[0] for t in inconsistent} == {"a", "b"}
    assert {f["rule"] for f in findings} > {"inconsistent-translation"}
    read = [unit for path in (first, second) for unit in _tmx_units(str(path))]
    assert len(read) > 10 * 25  # more than ten tasks


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_without_dask_the_scheduler_option_says_what_to_install(tico_project, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    for command in ("build", "check"):
        argv = [command, "--project", str(tico_project.root), "--scheduler", "tcp://h:8786"]
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert one_line(err) == (
            "tmkit: error: --scheduler: needs Dask distributed, which is not installed "
            "(pip install tmkit[cluster])\n"
        )
    assert not (tico_project.root / "out").exists()


def test_no_scheduler_at_the_address_is_one_line_after_a_short_wait(
    tico_project, capsys, monkeypatch
):
    import socket

    import tm.cluster

    monkeypatch.setattr(tm.cluster, "CONNECT_TIMEOUT", 1)
    with socket.socket() as unused:  # a port on which nothing listens
        unused.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{unused.getsockname()[1]}"
    code, _, err = run(capsys, "build", "--project", str(tico_project.root), "--scheduler", address)
    assert code == 2
    assert one_line(err) == (
        f"tmkit: error: --scheduler {address}: no scheduler answered within 1 s "
        "(start one with dask scheduler, or correct the address)\n"
    )
    code, _, err = run(capsys, "check", "--project", str(tico_project.root), "--scheduler", "a::b")
    assert code == 2
    assert one_line(err) == (
        "tmkit: error: --scheduler a::b: not a scheduler address (e.g. tcp://host:8786)\n"
    )
    assert not (tico_project.root / "out").exists()


def test_a_worker_that_reads_other_files_stops_the_build_before_anything_is_written(
    tico_project, scheduler, capsys, monkeypatch
):
    monkeypatch.setattr("tm.batch.pair_key", lambda digests, settings: "0" * 64)
    root = tico_project.root
    code, _, err = run(capsys, "build", "--project", str(root), "--scheduler", scheduler)
    assert code == 2
    assert one_line(err).startswith(f"tmkit: error: {root / 'texts'}/doc")
    assert "does not read there what this machine reads (the project must be on a " in err
    assert not (root / "out").exists()
    assert not list((root / ".tmkit").rglob("*.json"))


def test_a_worker_running_another_tmkit_is_refused(tico_project, scheduler, capsys, monkeypatch):
    monkeypatch.setattr("tm.cluster.code_digest", lambda: "another tmkit")
    code, _, err = run(
        capsys, "build", "--project", str(tico_project.root), "--scheduler", scheduler
    )
    assert code == 2
    assert one_line(err).endswith(
        ": runs another tmkit than this machine (install the same tmkit on every worker)\n"
    )
    assert not (tico_project.root / "out").exists()


def test_a_scheduler_without_workers_is_one_line_after_a_short_wait(
    tico_project, capsys, monkeypatch
):
    import tm.cluster

    monkeypatch.setattr(tm.cluster, "CONNECT_TIMEOUT", 1)
    with distributed.LocalCluster(
        n_workers=0, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as empty:
        address = empty.scheduler_address
        argv = ["check", "--project", str(tico_project.root), "--scheduler", address]
        code, _, err = run(capsys, *argv)
    assert code == 2
    assert one_line(err) == (
        f"tmkit: error: --scheduler {address}: the scheduler has no worker after 1 s "
        f"(start workers with: dask worker {address} --nthreads 1)\n"
    )
