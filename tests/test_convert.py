"""``broadsheet convert``: every input and output kind, order, accounting, atomicity, resume."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_builders import (
    html_page,
    read_jsonl,
    text_page,
    write_folder,
    write_tar,
    write_warc,
    write_zip,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.archive import InputDoc, is_safe_member, walk
from broadsheet.cli import main
from broadsheet.convert import (
    ConvertOptions,
    ConvertUsageError,
    Counts,
    convert_document,
    feed_articles,
    run,
    safe_relpath,
)
from broadsheet.convert import sinks as convert_module
from broadsheet.model import Article, Listing
from broadsheet.progress import Progress
from broadsheet.registry import get_registry


def convert(*args: str) -> int:
    return main(["convert", *args])


def titles(lines: list[dict[str, Any]]) -> list[str]:
    return [line["title"] for line in lines]


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder of 12 text captures (three levels), an empty file and a binary one."""
    files = {f"p{i:02d}.txt": text_page(i) for i in range(6)}
    files |= {f"sub/q{i:02d}.txt": text_page(100 + i) for i in range(4)}
    files |= {f"sub/deeper/r{i}.txt": text_page(200 + i) for i in range(2)}
    files["sub/empty.txt"] = b""
    files["sub/photo.txt"] = bytes(range(256)) * 8
    return write_folder(tmp_path / "pages", files)


# -- inputs ----------------------------------------------------------------------


def test_folder_to_jsonl_counts_add_up(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    assert convert(str(pages), "--to", "jsonl", "-o", str(out), "--errors", str(errors)) == 1
    docs = read_jsonl(out)
    assert len(docs) == 12
    # sorted walk, a folder's files before its subfolders: p00..p05, sub/q00..q03, sub/deeper/*
    assert titles(docs) == [
        *(f"Valley news {i}" for i in range(6)),
        *(f"Valley news {100 + i}" for i in range(4)),
        "Valley news 200",
        "Valley news 201",
    ]
    problems = read_jsonl(errors)
    assert [(p["input"].rsplit("/", 1)[-1], p["status"]) for p in problems] == [
        ("empty.txt", "skipped"),
        ("photo.txt", "skipped"),
    ]
    assert all(str(p["reason"]).startswith("no format matched") for p in problems)
    err = capsys.readouterr().err
    assert "14 inputs: 12 converted, 2 skipped, 0 failed" in err


def test_all_converted_exits_zero(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(3)})
    assert convert(str(folder), "--to", "jsonl", "-o", str(tmp_path / "o.jsonl"), "-q") == 0


def test_include_and_exclude_globs(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["--include", "*.txt", "--exclude", "sub/deeper/*", "--exclude", "p0[1-5].txt"]
    assert convert(str(pages), "--to", "jsonl", "-o", str(out), "-q", *args) == 1
    assert titles(read_jsonl(out)) == ["Valley news 0"] + [
        f"Valley news {100 + i}" for i in range(4)
    ]


@pytest.mark.parametrize(
    "mode,suffix", [("w", ".tar"), ("w:gz", ".tar.gz"), ("w:bz2", ".tar.bz2"), ("w:xz", ".tar.xz")]
)
def test_tar_archives(tmp_path: Path, mode: str, suffix: str) -> None:
    archive = write_tar(
        tmp_path / f"pages{suffix}", [(f"dir/{i}.txt", text_page(i)) for i in range(5)], mode
    )
    out = tmp_path / "out.jsonl"
    assert convert(str(archive), "--to", "jsonl", "-o", str(out), "-q") == 0
    docs = read_jsonl(out)
    assert titles(docs) == [f"Valley news {i}" for i in range(5)]
    assert docs[2]["source"]["input"] == str(archive)
    assert docs[2]["source"]["position"] == "dir/2.txt"


def test_zip_archive_to_folder_mirrors_member_paths(tmp_path: Path) -> None:
    archive = write_zip(
        tmp_path / "pages.zip",
        [("a/one.txt", text_page(1)), ("a/b/two.txt", text_page(2)), ("three.txt", text_page(3))],
    )
    out = tmp_path / "out"
    assert convert(str(archive), "--to", "json", "-o", str(out), "-q") == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a/b/two.json", "a/one.json", "three.json"]
    doc = json.loads((out / "a/b/two.json").read_text("utf-8"))
    assert doc["title"] == "Valley news 2"
    assert doc["source"]["position"] == "a/b/two.txt"


def test_several_inputs_get_a_folder_each(tmp_path: Path) -> None:
    first = write_zip(tmp_path / "first.zip", [("x.txt", text_page(1))])
    second = write_folder(tmp_path / "second", {"x.txt": text_page(2)})
    single = tmp_path / "single.txt"
    single.write_bytes(text_page(3))
    out = tmp_path / "out"
    assert convert(str(first), str(second), str(single), "--to", "json", "-o", str(out), "-q") == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["first/x.json", "second/x.json", "single.json"]


def test_jsonl_of_our_documents_converts_line_by_line(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(3)})
    first = tmp_path / "first.jsonl"
    assert convert(str(folder), "--to", "jsonl", "-o", str(first), "-q") == 0
    with first.open("ab") as stream:
        stream.write(b'\n{"type": "article", "title": 5}\n')  # a broken line
    out = tmp_path / "out"
    errors = tmp_path / "errors.jsonl"
    status = convert(str(first), "--to", "json", "-o", str(out), "--errors", str(errors), "-q")
    assert status == 1
    assert sorted(p.name for p in out.iterdir()) == ["1.json", "2.json", "3.json"]
    assert json.loads((out / "2.json").read_text("utf-8"))["title"] == "Valley news 1"
    (problem,) = read_jsonl(errors)
    assert problem["position"] == "line 5" and problem["status"] == "failed"


def test_warc_response_records_become_pages_with_their_url(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    records = [
        ("https://valley.example/news/orchard", html_page(1), "text/html; charset=utf-8"),
        ("https://valley.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
        ("https://valley.example/captures/list", text_page(2), "text/plain"),
    ]
    for gz in (False, True):
        warc = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
        write_warc(warc, records, gzip=gz)
        docs = list(walk([str(warc)]))
        assert [d.url for d in docs] == [records[0][0], records[2][0]]  # the image is no page
        assert docs[0].data == html_page(1) and docs[0].charset == "utf-8"
        assert docs[0].position == "offset 0" and docs[1].position.startswith("offset ")  # type: ignore[union-attr]
        assert docs[0].relpath == "valley.example/news/orchard"
        out = tmp_path / f"out{gz}.jsonl"
        status = convert(str(warc), "--to", "jsonl", "-o", str(out), "-q")
        converted = read_jsonl(out)
        assert status == (0 if len(converted) == 2 else 1)
        assert any(d["title"] == "Valley news 2" for d in converted)


def test_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(text_page(7)))
    monkeypatch.setattr(sys, "stdin", fake)
    out = tmp_path / "out.jsonl"
    assert convert("-", "--to", "jsonl", "-o", str(out), "-q") == 0
    (doc,) = read_jsonl(out)
    assert doc["title"] == "Valley news 7" and doc["source"]["input"] == "<stdin>"


def test_missing_input_is_counted_as_failed(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    counts = run(
        ConvertOptions(inputs=[str(tmp_path / "nope.txt")], to="jsonl", output=str(out), quiet=True)
    )
    assert (counts.inputs, counts.failed) == (1, 1)


# -- outputs -----------------------------------------------------------------------


def test_jsonl_to_stdout(pages: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert convert(str(pages), "--to", "jsonl", "-o", "-", "-q") == 1
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert len(lines) == 12 and json.loads(lines[0])["title"] == "Valley news 0"


def test_json_to_stdout_is_one_array(
    pages: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert convert(str(pages), "--to", "json", "-o", "-", "-q") == 1
    data = json.loads(capsysbinary.readouterr().out)
    assert isinstance(data, list) and len(data) == 12


def test_json_folder_one_file_per_document(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert convert(str(pages), "--to", "json", "-o", str(out), "-q") == 1
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert len(files) == 12
    assert "sub/deeper/r0.json" in files and "p03.json" in files
    assert not list(out.rglob("*.part"))


def test_markdown_folder(pages: Path, tmp_path: Path) -> None:
    if "markdown" not in get_registry().writers:
        pytest.skip("the markdown writer (issue 5) is not registered yet")
    out = tmp_path / "out"
    assert convert(str(pages), "--to", "markdown", "-o", str(out), "-q") == 1
    files = sorted(out.rglob("*"))
    assert len([f for f in files if f.is_file()]) == 12
    assert "Valley news 0" in (out / "p00.md").read_text("utf-8")


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
def test_one_feed_of_every_article(tmp_path: Path, writer: str) -> None:
    if writer not in get_registry().writers:
        pytest.skip(f"the {writer} writer (issue 5) is not registered yet")
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(1), "b.txt": text_page(1)})
    out = tmp_path / f"feed.{writer}"
    assert convert(str(folder), "--to", writer, "-o", str(out), "-q", "--title", "Valley") == 0
    text = out.read_text("utf-8")
    # both pages hold the same two teasers: deduplicated, each appears once
    assert text.count("Ferry timetable number 1 changes in spring") == 1
    assert text.count("Library opens a reading garden 1") == 1


def test_feed_articles_dedupes_and_sorts_newest_first() -> None:
    import datetime as dt

    a = Article(title="old", url="https://x.example/a", published=dt.date(2020, 1, 1))
    b = Article(
        title="new", url="https://x.example/b", published=dt.datetime(2021, 5, 1, 10, tzinfo=dt.UTC)
    )
    c = Article(title="undated", summary="no date here")
    d = Article(title="naive", url="https://x.example/d", published=dt.datetime(2020, 6, 1, 9))
    listing = Listing(
        title="L",
        items=(a, c, Article(title="dup", url="https://x.example/b/")),
        outlet="x.example",
    )
    result = feed_articles([b, listing, d, c])
    assert [x.title for x in result] == ["new", "naive", "old", "undated"]
    assert result[2].outlet == "x.example"  # listing items inherit the outlet


def test_ordering_is_the_same_with_two_jobs(tmp_path: Path) -> None:
    files = {f"{i:03d}.txt": text_page(i) for i in range(150)}
    files["040.txt"] = b""
    folder = write_folder(tmp_path / "in", files)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    e1, e2 = tmp_path / "e1.jsonl", tmp_path / "e2.jsonl"
    assert convert(str(folder), "--to", "jsonl", "-o", str(one), "--errors", str(e1), "-q") == 1
    assert (
        convert(
            str(folder), "--to", "jsonl", "-o", str(two), "--jobs", "2", "--errors", str(e2), "-q"
        )
        == 1
    )
    assert one.read_bytes() == two.read_bytes()
    assert e1.read_bytes() == e2.read_bytes()
    assert titles(read_jsonl(two))[:3] == ["Valley news 0", "Valley news 1", "Valley news 2"]


def test_folder_output_with_two_jobs_equals_one_job(pages: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert convert(str(pages), "--to", "json", "-o", str(one), "-q") == 1
    assert convert(str(pages), "--to", "json", "-o", str(two), "-q", "--jobs", "2") == 1
    names = sorted(p.relative_to(one).as_posix() for p in one.rglob("*.json"))
    assert names == sorted(p.relative_to(two).as_posix() for p in two.rglob("*.json"))
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_no_silent_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(1)})
    out = tmp_path / "out"
    assert convert(str(folder), "--to", "json", "-o", str(out), "-q") == 0
    (out / "a.json").write_text("mine", encoding="utf-8")
    assert convert(str(folder), "--to", "json", "-o", str(out)) == 1
    assert "exists" in capsys.readouterr().err
    assert (out / "a.json").read_text("utf-8") == "mine"
    assert convert(str(folder), "--to", "json", "-o", str(out), "--overwrite", "-q") == 0
    assert json.loads((out / "a.json").read_text("utf-8"))["title"] == "Valley news 1"
    # a stream output that exists is a usage error unless --overwrite
    single = tmp_path / "o.jsonl"
    single.write_text("keep", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        convert(str(folder), "--to", "jsonl", "-o", str(single))
    assert exit_info.value.code == 2
    assert single.read_text("utf-8") == "keep"


def test_colliding_names_are_made_unique(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "in", {"a.txt": text_page(1), "a.html": text_page(2), "A.htm": text_page(3)}
    )
    out = tmp_path / "out"
    assert convert(str(folder), "--to", "json", "-o", str(out), "-q") == 0
    assert sorted(p.name for p in out.iterdir()) == ["A.json", "a-2.json", "a-3.json"]


@pytest.mark.parametrize(
    "args",
    [
        ["--to", "nope", "-o", "x"],
        ["--to", "jsonl", "-o", "x", "--jobs", "0"],
        ["--to", "jsonl", "-o", "x", "--format", "no-such-format"],
        ["--to", "jsonl", "-o", "x", "--max-size", "lots"],
        ["--to", "jsonl", "-o", "-", "--resume"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(text_page(1))
    with pytest.raises(SystemExit) as exit_info:
        convert(str(page), *args)
    assert exit_info.value.code == 2


def test_fail_fast_stops_at_the_first_problem(tmp_path: Path) -> None:
    files = {f"{i}.txt": text_page(i) for i in range(5)}
    files["2.txt"] = b""
    folder = write_folder(tmp_path / "in", files)
    out = tmp_path / "o.jsonl"
    counts = run(
        ConvertOptions(
            inputs=[str(folder)], to="jsonl", output=str(out), fail_fast=True, quiet=True
        )
    )
    assert (counts.inputs, counts.converted, counts.skipped, counts.stopped) == (3, 2, 1, True)
    assert len(read_jsonl(out)) == 2


# -- atomicity and resume --------------------------------------------------------------


class Interrupted(KeyboardInterrupt):
    pass


def test_interrupted_stream_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(6)})
    calls = 0
    original = convert_module.LinesSink.write

    def write_then_die(self: Any, outcome: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 4:
            self.stream.write(b'{"type": "list')  # half a line, then Ctrl-C
            raise Interrupted
        return original(self, outcome)

    monkeypatch.setattr(convert_module.LinesSink, "write", write_then_die)
    out = tmp_path / "o.jsonl"
    with pytest.raises(Interrupted):
        run(ConvertOptions(inputs=[str(folder)], to="jsonl", output=str(out), quiet=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no o.jsonl, no .part


def test_interrupted_folder_run_then_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(6)})
    out = tmp_path / "out"
    import broadsheet._io

    real = broadsheet._io.atomic_output
    calls = 0

    from contextlib import contextmanager

    @contextmanager
    def dying_output(path: Any, **kwargs: Any) -> Iterator[Any]:
        nonlocal calls
        calls += 1
        with real(path, **kwargs) as stream:
            if calls == 3:
                stream.write(b'{"type": "li')
                raise Interrupted
            yield stream

    monkeypatch.setattr(convert_module, "atomic_output", dying_output)
    with pytest.raises(Interrupted):
        run(ConvertOptions(inputs=[str(folder)], to="json", output=str(out), quiet=True))
    monkeypatch.setattr(convert_module, "atomic_output", real)
    leftovers = sorted(p.name for p in out.iterdir())
    assert leftovers == ["0.json", "1.json"]  # complete files only, no .part
    for name in leftovers:
        json.loads((out / name).read_text("utf-8"))
    counts = run(
        ConvertOptions(inputs=[str(folder)], to="json", output=str(out), quiet=True, resume=True)
    )
    assert (counts.inputs, counts.converted, counts.resumed, counts.documents) == (6, 6, 2, 4)
    assert sorted(p.name for p in out.iterdir()) == [f"{i}.json" for i in range(6)]


def test_resume_extends_a_jsonl_output(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(3)})
    out = tmp_path / "o.jsonl"
    assert convert(str(folder), "--to", "jsonl", "-o", str(out), "-q") == 0
    (folder / "3.txt").write_bytes(text_page(3))
    with out.open("ab") as stream:
        stream.write(b'{"type": "listing", "ti')  # the cut last line of an interrupted run
    counts = run(
        ConvertOptions(inputs=[str(folder)], to="jsonl", output=str(out), quiet=True, resume=True)
    )
    assert (counts.converted, counts.resumed, counts.documents) == (4, 3, 1)
    assert titles(read_jsonl(out)) == [f"Valley news {i}" for i in range(4)]


# -- the unit of work and its parts ------------------------------------------------------


def test_convert_document_outcomes() -> None:
    ok = convert_document(InputDoc(input="a.txt", relpath="a.txt", data=text_page(1)))
    assert ok.status == "converted" and ok.docs[0].title == "Valley news 1"
    assert convert_document(InputDoc(input="b", relpath="b", data=b"  \n")).status == "skipped"
    failed = convert_document(InputDoc(input="c", relpath="c", error="too big"))
    assert (failed.status, failed.reason) == ("failed", "too big")
    forced = convert_document(
        InputDoc(input="d", relpath="d", data=text_page(2)), format="broadsheet-json"
    )
    assert forced.status == "failed" and "broadsheet-json" in (forced.reason or "")


def test_counts_summary() -> None:
    counts = Counts(inputs=3, converted=1, skipped=1, failed=1, documents=1)
    assert counts.summary() == "3 inputs: 1 converted, 1 skipped, 1 failed; 1 documents written"


@given(st.text(max_size=400))
def test_safe_relpath_never_escapes(relpath: str) -> None:
    result = safe_relpath(relpath, ".json")
    assert result.endswith(".json")
    assert not result.startswith("/") and is_safe_member(result)
    for part in result.split("/"):
        assert part not in ("", ".", "..")
        assert not part.startswith(".")
        assert len(part.encode("utf-8")) <= 150
        assert not any(ord(c) < 32 or c in '<>:"\\|?*' for c in part)
        part.encode("utf-8")  # writable: no lone surrogates


@pytest.mark.parametrize(
    "relpath,expected",
    [
        ("news/a.html", "news/a.json"),
        ("../../etc/passwd", "etc/passwd.json"),
        ("/abs/x.txt", "abs/x.json"),
        ("CON.txt", "_CON.json"),
        ("a\x00b\nc.html", "a b c.json"),
        ("what?.html", "what_.json"),
        (".hidden", "_hidden.json"),
        ("caf\udcff\ud800.html", "caf.json"),  # undecodable bytes, lone surrogates
    ],
)
def test_safe_relpath_examples(relpath: str, expected: str) -> None:
    assert safe_relpath(relpath, ".json") == expected


def test_long_names_stay_distinct() -> None:
    a, b = safe_relpath("x" * 300 + "a.html", ".json"), safe_relpath("x" * 300 + "b.html", ".json")
    assert a != b and len(a.encode()) <= 150


def test_progress_bar_only_when_asked() -> None:
    stream = io.StringIO()
    quiet = Progress(10, stream=stream)  # a StringIO is not a terminal
    quiet.update()
    quiet.close()
    assert stream.getvalue() == ""
    bar = Progress(10, stream=stream, enabled=True, interval=0)
    bar.update()
    bar.update(error=True)
    bar.message("broadsheet: x: failed: because")
    bar.close()
    text = stream.getvalue()
    assert "2/10 documents" in text and "1 error" in text and "/s" in text
    assert "broadsheet: x: failed: because\n" in text


def test_run_rejects_impossible_combinations(tmp_path: Path) -> None:
    with pytest.raises(ConvertUsageError, match="is a folder"):
        run(ConvertOptions(inputs=["x"], to="jsonl", output=str(tmp_path), quiet=True))
    afile = tmp_path / "f.txt"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(ConvertUsageError, match="not a folder"):
        run(ConvertOptions(inputs=["x"], to="json", output=str(afile), quiet=True))


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_killed_run_leaves_complete_files_and_resumes(tmp_path: Path, signame: str) -> None:
    import signal
    import subprocess
    import time

    folder = write_folder(tmp_path / "in", {f"{i:04d}.txt": text_page(i) for i in range(800)})
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "broadsheet", "convert", str(folder), "--to", "json"]
    cmd += ["-o", str(out), "--jobs", "2", "-q"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and len(list(out.iterdir())) >= 20:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    proc.send_signal(getattr(signal, signame))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted" in err
    written = sorted(out.iterdir())
    assert [p.name for p in written if p.name.startswith(".")] == []  # no temporary files
    for path in written:
        json.loads(path.read_text("utf-8"))  # every file complete
    assert 0 < len(written) < 800
    counts = run(
        ConvertOptions(inputs=[str(folder)], to="json", output=str(out), resume=True, quiet=True)
    )
    assert (counts.converted, counts.resumed) == (800, len(written))
    assert len(list(out.iterdir())) == 800


def test_zip_members_read_lazily_equal_zipfile(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("stored.txt", text_page(1), compress_type=zipfile.ZIP_STORED)
        archive.writestr("déjà vu/ünï.txt", text_page(2), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("b.txt", text_page(3), compress_type=zipfile.ZIP_BZIP2)
        archive.writestr("x.txt", text_page(4), compress_type=zipfile.ZIP_LZMA)
        archive.writestr("dir/", b"")
    prefixed = tmp_path / "prefixed.zip"  # a zip after other bytes (self-extractor style)
    prefixed.write_bytes(b"#!/bin/sh\necho not really\n" + path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        expected = [(i.filename, archive.read(i)) for i in archive.infolist() if not i.is_dir()]
    for candidate in (path, prefixed):
        docs = list(walk([str(candidate)]))
        assert [(d.position, d.data) for d in docs] == expected
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[:-30])  # the end record is damaged
    (problem,) = list(walk([str(cut)]))
    assert problem.error is not None and "zip" in problem.error


def test_a_dying_worker_costs_only_its_document() -> None:
    from archive_builders import double_or_die

    from broadsheet.convert import ordered_map

    results = list(
        ordered_map(
            double_or_die,
            range(40),
            jobs=2,
            chunk=4,
            ahead=2,
            on_crash=lambda item, exc: -item,
        )
    )
    assert results == [-13 if n == 13 else n * 2 for n in range(40)]


def test_outputs_inside_the_input_folder_are_not_read_back(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(3)})
    out = folder / "converted"
    assert convert(str(folder), "--to", "json", "-o", str(out), "-q") == 0
    assert convert(str(folder), "--to", "json", "-o", str(out), "-q", "--resume") == 0
    assert sorted(p.name for p in out.iterdir()) == ["0.json", "1.json", "2.json"]
    other = write_folder(tmp_path / "other", {f"{i}.txt": text_page(i) for i in range(3)})
    single = other / "all.jsonl"
    assert convert(str(other), "--to", "jsonl", "-o", str(single), "-q") == 0
    assert convert(str(other), "--to", "jsonl", "-o", str(single), "-q", "--overwrite") == 0
    assert len(read_jsonl(single)) == 3


def test_the_same_input_twice_gets_two_files(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(text_page(1))
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    args = [str(page), str(empty), str(page), "--to", "json", "-o", str(out), "-q"]
    assert convert(*args) == 1
    assert sorted(p.name for p in out.iterdir()) == ["a-2.json", "a.json"]
    assert convert(*args, "--resume") == 1


_MEMBERS = st.lists(
    st.tuples(
        st.sampled_from(["a.txt", "b/c.html", "../up.txt", "/abs.txt", "d e.txt", "CON.txt"]),
        st.sampled_from(["page", "html", "empty", "binary", "big"]),
    ),
    max_size=12,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(members=_MEMBERS)
def test_counts_always_add_up(tmp_path: Path, members: list[tuple[str, str]]) -> None:
    import uuid

    work = tmp_path / uuid.uuid4().hex
    work.mkdir()
    bodies = {
        "page": text_page(1),
        "html": html_page(2),
        "empty": b"",
        "binary": bytes(range(256)) * 4,
        "big": text_page(3) * 200,
    }
    archive = write_zip(work / "mix.zip", [(name, bodies[kind]) for name, kind in members])
    out, errors = work / "out", work / "errors.jsonl"
    counts = run(
        ConvertOptions(
            inputs=[str(archive)],
            to="json",
            output=str(out),
            errors=str(errors),
            max_size=20_000,
            quiet=True,
        )
    )
    assert counts.converted + counts.skipped + counts.failed == counts.inputs
    assert counts.inputs == max(1, len(members))
    assert counts.skipped + counts.failed == len(read_jsonl(errors))
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) == counts.documents
    assert all(p.resolve().is_relative_to(out.resolve()) for p in written)


def _pipe(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "broadsheet", "convert", "-", *args]
    return subprocess.run(cmd, input=data, capture_output=True, timeout=120)


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_a_tar_piped_on_stdin_is_read_as_a_stream(tmp_path: Path, mode: str) -> None:
    archive = write_tar(tmp_path / "p.tar", [(f"{i}.txt", text_page(i)) for i in range(3)], mode)
    result = _pipe(archive.read_bytes(), "--to", "jsonl", "-o", "-", "-q")
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert titles(docs) == ["Valley news 0", "Valley news 1", "Valley news 2"]
    assert docs[1]["source"] == {**docs[1]["source"], "input": "<stdin>", "position": "1.txt"}


def test_warc_and_jsonl_piped_on_stdin(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    warc = tmp_path / "c.warc.gz"
    records = [(f"https://x.example/{i}", text_page(i), "text/plain") for i in range(2)]
    result = _pipe(write_warc(warc, records, gzip=True), "--to", "jsonl", "-o", "-", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"\n") == 2
    again = _pipe(result.stdout, "--to", "json", "-o", str(tmp_path / "out"), "-q")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["1.json", "2.json"]
    page = _pipe(text_page(5), "--to", "jsonl", "-o", "-", "-q")  # a lone page still works
    assert json.loads(page.stdout)["title"] == "Valley news 5"
