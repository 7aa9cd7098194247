"""``convert --jobs N``: workers read their own inputs, and never outlive a killed parent.

With workers, the walk only lists plain files and zip members
(``walk(..., defer=True)``) and each worker reads and decompresses its own
(:func:`broadsheet.archive.load`): the output, its order and the accounting
must stay exactly those of ``--jobs 1``, reading errors included. A worker
watches its parent (:func:`broadsheet.convert.pool.watch_parent`), so a
``kill -9`` of the command leaves no worker behind (they read a pipe only
the parent can write to, which the kernel closes when it dies).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from archive_builders import html_page, text_page, write_folder

from broadsheet.archive import InputDoc, load, walk
from broadsheet.cli import main
from broadsheet.convert import convert_document


def convert(*args: str) -> int:
    return main(["convert", *args])


def _zip(path: Path, members: list[tuple[str, bytes, int]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, compression in members:
            archive.writestr(name, data, compress_type=compression)
    return path


def _eager_and_deferred(inputs: list[str], **kw: object) -> tuple[list[InputDoc], list[InputDoc]]:
    eager = list(walk(inputs, **kw))  # type: ignore[arg-type]
    deferred = list(walk(inputs, defer=True, **kw))  # type: ignore[arg-type]
    return eager, deferred


def test_deferred_zip_members_and_files_read_as_the_eager_walk(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "pages.zip",
        [
            ("stored.txt", text_page(1), zipfile.ZIP_STORED),
            ("deflated.html", html_page(2), zipfile.ZIP_DEFLATED),
            ("sub/bz.txt", text_page(3), zipfile.ZIP_BZIP2),
            ("big.txt", text_page(4) * 40, zipfile.ZIP_DEFLATED),
        ],
    )
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(5), "b.html": html_page(6)})
    for inputs in ([str(archive)], [str(folder)], [str(archive), str(folder)]):
        eager, deferred = _eager_and_deferred(inputs, max_size=2000)
        assert all(d.data is None and d.deferred is not None for d in deferred if d.error is None)
        assert [load(d) for d in deferred] == eager
    assert any(d.error and "size limit" in d.error for d in eager)  # big.txt: refused alike


def test_a_member_that_cannot_be_read_fails_alike_deferred(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bad.zip", [("a.txt", text_page(1), zipfile.ZIP_DEFLATED)])
    raw = bytearray(path.read_bytes())
    offset = 30 + len("a.txt")  # first local header: data follows the name
    raw[offset : offset + 8] = b"\xff" * 8  # corrupt the compressed stream
    path.write_bytes(bytes(raw))
    eager, deferred = _eager_and_deferred([str(path)])
    assert eager[0].error is not None and "cannot extract" in eager[0].error
    assert [load(d) for d in deferred] == eager


def test_a_zip_written_again_at_the_same_path_is_read_afresh(tmp_path: Path) -> None:
    path = tmp_path / "again.zip"
    _zip(path, [("a.txt", text_page(1), zipfile.ZIP_DEFLATED)])
    (first,) = [load(d) for d in walk([str(path)], defer=True)]
    path.unlink()
    _zip(path, [("a.txt", text_page(2) + b"\nmore\n", zipfile.ZIP_DEFLATED)])
    (second,) = [load(d) for d in walk([str(path)], defer=True)]
    assert first.data == text_page(1)
    assert second.data == text_page(2) + b"\nmore\n"


def _one_and_two_jobs(archive: Path, tmp_path: Path) -> dict[str, tuple[int, bytes, bytes]]:
    """``convert`` of ``archive`` to JSON Lines with --jobs 1 and 2: exit code, output and
    error-file bytes of each."""
    runs = {}
    for jobs in ("1", "2"):
        out, errors = tmp_path / f"o{jobs}.jsonl", tmp_path / f"e{jobs}.jsonl"
        code = convert(str(archive), "--to", "jsonl", "-o", str(out), "--jobs", jobs, "-q",
                       "--errors", str(errors))  # fmt: skip
        runs[jobs] = (code, out.read_bytes(), errors.read_bytes())
    return runs


def test_two_jobs_on_a_zip_write_the_same_bytes_and_errors(tmp_path: Path) -> None:
    members = [(f"{i:03d}.txt", text_page(i), zipfile.ZIP_DEFLATED) for i in range(130)]
    members[7] = ("007.txt", b"", zipfile.ZIP_DEFLATED)  # empty: skipped, accounted
    members[60] = ("060.html", html_page(60), zipfile.ZIP_STORED)
    archive = _zip(tmp_path / "in.zip", members)
    outs = _one_and_two_jobs(archive, tmp_path)
    assert outs["1"] == outs["2"]
    assert outs["1"][2].count(b"\n") == 1 and b"007.txt" in outs["1"][2]


def _corrupt_second_member(path: Path) -> None:
    """Overwrite the start of the second member's deflate stream (its header stays valid)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[1]
    raw = bytearray(path.read_bytes())
    offset = info.header_offset + 30 + len(info.filename.encode())
    raw[offset : offset + 8] = b"\xff" * 8
    path.write_bytes(bytes(raw))


def test_a_member_a_worker_cannot_read_fails_with_a_one_line_reason(tmp_path: Path) -> None:
    members = [(f"{i:02d}.html", html_page(i), zipfile.ZIP_DEFLATED) for i in range(40)]
    archive = _zip(tmp_path / "in.zip", members)
    _corrupt_second_member(archive)
    runs = _one_and_two_jobs(archive, tmp_path)
    assert runs["1"] == runs["2"]
    code, out, errors = runs["2"]
    assert code == 1
    assert out.count(b"\n") == 39  # the other members all went through, in order
    (line,) = errors.splitlines()
    record = json.loads(line)
    assert record["position"] == "01.html" and record["status"] == "failed"
    assert record["reason"].startswith("cannot extract (") and "\n" not in record["reason"]


def test_a_file_gone_before_its_worker_reads_it_is_failed_not_lost(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {"a.html": html_page(1), "b.html": html_page(2)})
    listed = list(walk([str(folder)], defer=True))  # the parent lists, a worker reads later
    (folder / "a.html").unlink()
    first, second = (convert_document(item) for item in listed)
    assert first.status == "failed" and first.reason is not None
    assert first.reason.startswith("cannot read (") and "\n" not in first.reason
    assert second.status == "converted"


def test_the_package_imports_a_stage_only_when_it_is_used() -> None:
    """The fork server imports the worker's modules, not the command's (sinks, naming…),
    and ``run`` stays the function whatever was imported first."""
    code = (
        "import sys\n"
        "import broadsheet.convert.pool, broadsheet.convert.worker\n"
        "loaded = {m for m in sys.modules if m.startswith('broadsheet.convert.')}\n"
        "assert loaded.isdisjoint({'broadsheet.convert.command', 'broadsheet.convert.sinks',\n"
        "    'broadsheet.convert.naming', 'broadsheet.convert.resume'}), loaded\n"
        "import broadsheet.convert.command\n"
        "from broadsheet.convert import run, __all__\n"
        "import broadsheet.convert as package\n"
        "assert run is broadsheet.convert.command.run and callable(package.run)\n"
        "assert all(getattr(package, name) is not None for name in __all__)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_fork_server_preloads_what_a_worker_runs() -> None:
    from broadsheet.convert import pool, worker

    for func in (worker.process, worker.crashed, pool._worker_init):
        assert func.__module__ in pool.WORKER_MODULES


def _tree(root: int) -> set[int]:
    """Every live process below ``root`` (POSIX ``ps``)."""
    listing = subprocess.run(
        ["ps", "-A", "-o", "pid=,ppid="], capture_output=True, text=True, check=True
    ).stdout
    children: dict[int, list[int]] = {}
    for line in listing.splitlines():
        pid, ppid = map(int, line.split())
        children.setdefault(ppid, []).append(pid)
    out: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # a zombie is dead (Linux): only its entry is left
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


@pytest.mark.skipif(os.name != "posix", reason="kill -9 and ps are POSIX")
def test_kill_9_of_convert_leaves_no_worker_running(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {f"{i:04d}.html": html_page(i) for i in range(3000)})
    cmd = [sys.executable, "-m", "broadsheet", "convert", str(folder), "--to", "jsonl"]
    cmd += ["-o", str(tmp_path / "out.jsonl"), "--jobs", "2", "-q"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _tree(proc.pid)
        if len(workers) >= 4:  # the fork server (or resource tracker) and two workers
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be killed")
    assert workers, "no worker process started"
    time.sleep(0.3)  # the workers are busy parsing
    proc.send_signal(signal.SIGKILL)
    # not reaped yet: the killed command stays a zombie (as under a parent that does not
    # wait), which a watchdog polling its pid would take for alive
    killed = time.monotonic()
    while time.monotonic() < killed + 3 and any(_alive(pid) for pid in workers):
        time.sleep(0.02)
    took = time.monotonic() - killed
    survivors = [pid for pid in workers if _alive(pid)]
    for pid in survivors:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert survivors == [], f"{len(survivors)} of {len(workers)} processes outlived kill -9"
    assert took < 3, took
