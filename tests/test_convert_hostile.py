"""``broadsheet convert`` on hostile inputs and outputs: nothing lost, nothing repeated (issue 16).

Every case builds its invented inputs in ``tmp_path``: resumed runs whose
planned names moved, our own JSON Lines converted again, outputs that
collide, temporary files left by a killed run, member names holding control
characters, symlinks inside zips, WARC records whose length lies, and
output errors that must name the file they happened on.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from archive_builders import html_page, read_jsonl, text_page, write_folder, write_warc, write_zip

from broadsheet._io import atomic_output
from broadsheet.archive import walk
from broadsheet.cli import main
from broadsheet.convert import ConvertOptions, run


def convert(*args: str) -> int:
    return main(["convert", *args])


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def umask() -> Iterator[None]:
    """Restores the process umask after a test that sets it."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


# -- item 10: resume into a folder judges a file by the input it holds ----------------------


@pytest.mark.parametrize("writer,ext", [("json", ".json"), ("markdown", ".md")])
def test_resume_to_a_folder_judges_files_by_their_input(
    tmp_path: Path, writer: str, ext: str
) -> None:
    folder = write_folder(tmp_path / "in", {"story.html": html_page(1)})
    out = tmp_path / "out"
    assert convert(str(folder), "--to", writer, "-o", str(out), "-q") == 0
    first = (out / f"story{ext}").read_bytes()
    # a second page whose planned name is the one the first run gave story.html
    (folder / "story.htm").write_bytes(html_page(2, title="Ferry pier reopens after the storm"))
    options = ConvertOptions(
        inputs=[str(folder)], to=writer, output=str(out), quiet=True, resume=True
    )
    counts = run(options)
    assert (counts.inputs, counts.converted, counts.resumed, counts.documents) == (2, 2, 1, 1)
    assert (out / f"story{ext}").read_bytes() == first  # story.html's, not written again
    assert files_under(out) == [f"story-2{ext}", f"story{ext}"]
    newer = (out / f"story-2{ext}").read_text("utf-8")
    assert "Ferry pier reopens after the storm" in newer and "story.htm" in newer
    again = run(options)
    assert (again.converted, again.resumed, again.documents) == (2, 2, 0)
    assert files_under(out) == [f"story-2{ext}", f"story{ext}"]


def test_resume_to_a_folder_of_documents_that_carry_a_source(tmp_path: Path) -> None:
    """Our own JSON Lines to a folder: each file's source is the page's, not the line's."""
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(3)})
    lines = tmp_path / "all.jsonl"
    assert convert(str(folder), "--to", "jsonl", "-o", str(lines), "-q") == 0
    out = tmp_path / "out"
    assert convert(str(lines), "--to", "json", "-o", str(out), "-q") == 0
    before = {name: (out / name).read_bytes() for name in files_under(out)}
    counts = run(
        ConvertOptions(inputs=[str(lines)], to="json", output=str(out), quiet=True, resume=True)
    )
    assert (counts.converted, counts.resumed, counts.documents) == (3, 3, 0)
    assert {name: (out / name).read_bytes() for name in files_under(out)} == before


def test_expected_source_is_the_one_the_first_document_will_carry(tmp_path: Path) -> None:
    from broadsheet.archive import InputDoc
    from broadsheet.convert.resume import expected_source, file_source

    def item(data: bytes) -> InputDoc:
        return InputDoc(input="in.jsonl", relpath="1", position="line 1", data=data)

    ours = {"type": "article", "title": "Pier", "source": {"input": "a.html", "position": None}}
    assert expected_source(item(html_page(1))) == ("in.jsonl", "line 1")
    assert expected_source(item(json.dumps(ours).encode())) == ("a.html", None)
    assert expected_source(item(b" \n" + json.dumps([ours, {}]).encode())) == ("a.html", None)
    assert expected_source(item(b'{"type": "article", "source": null}')) == ("in.jsonl", "line 1")
    assert expected_source(item(b'{"type": "weather", "source": {"input": "x"}}')) == (
        "in.jsonl",
        "line 1",
    )
    assert expected_source(item(b"[" * 100_000)) == ("in.jsonl", "line 1")  # too deep: a page
    (tmp_path / "a.json").write_text(json.dumps(ours), encoding="utf-8")
    (tmp_path / "a.md").write_text("---\nsource: {input: a.html}\n---\nPier\n", encoding="utf-8")
    (tmp_path / "mine.json").write_text("mine", encoding="utf-8")
    assert file_source(tmp_path / "a.json") == file_source(tmp_path / "a.md") == ("a.html", None)
    assert file_source(tmp_path / "mine.json") is None
    assert file_source(tmp_path / "missing.json") is None


# -- item 11: resume to JSON Lines when the documents carry their own source ---------------------


def test_resume_to_jsonl_does_not_append_documents_that_carry_a_source(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {f"{i}.txt": text_page(i) for i in range(3)})
    first = tmp_path / "first.jsonl"
    assert convert(str(folder), "--to", "jsonl", "-o", str(first), "-q") == 0
    out = tmp_path / "again.jsonl"
    assert convert(str(first), "--to", "jsonl", "-o", str(out), "-q") == 0
    expected = out.read_bytes()
    for _ in range(2):
        options = ConvertOptions(
            inputs=[str(first)], to="jsonl", output=str(out), quiet=True, resume=True
        )
        counts = run(options)
        assert (counts.converted, counts.resumed, counts.documents) == (3, 3, 0)
        assert out.read_bytes() == expected
    # a new document in the input is still added, once
    extra = tmp_path / "extra.txt"
    extra.write_bytes(text_page(3))
    assert convert(str(extra), "--to", "jsonl", "-o", str(tmp_path / "x.jsonl"), "-q") == 0
    with first.open("ab") as stream:
        stream.write((tmp_path / "x.jsonl").read_bytes())
    counts = run(
        ConvertOptions(inputs=[str(first)], to="jsonl", output=str(out), quiet=True, resume=True)
    )
    assert (counts.converted, counts.resumed, counts.documents) == (4, 3, 1)
    assert [d["title"] for d in read_jsonl(out)] == [f"Valley news {i}" for i in range(4)]


# -- item 12: -o and --errors naming the same file -------------------------------------------


def test_output_and_errors_naming_the_same_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(1), "b.txt": b""})
    monkeypatch.chdir(tmp_path)
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "o.jsonl")
    for output, errors in [
        ("o.jsonl", "o.jsonl"),
        ("o.jsonl", "./o.jsonl"),
        (str(tmp_path / "o.jsonl"), "sub/../o.jsonl"),
        ("o.jsonl", str(link)),  # a link to the output (which does not exist yet)
    ]:
        with pytest.raises(SystemExit) as exit_info:
            convert(str(folder), "--to", "jsonl", "-o", output, "--errors", errors, "-q")
        assert exit_info.value.code == 2, (output, errors)
        assert not (tmp_path / "o.jsonl").exists()
    # --errors naming the output folder, or a folder at all
    (tmp_path / "out").mkdir()
    for errors in ["out", "./out/"]:
        with pytest.raises(SystemExit) as exit_info:
            convert(str(folder), "--to", "json", "-o", "out", "--errors", errors, "-q")
        assert exit_info.value.code == 2
    assert list((tmp_path / "out").iterdir()) == []
    # an --errors file inside the output folder keeps its name: the document goes beside it
    assert convert(str(folder), "--to", "json", "-o", "out", "--errors", "out/a.json", "-q") == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a-2.json", "a.json"]
    (problem,) = read_jsonl(tmp_path / "out" / "a.json")
    assert problem["input"].endswith("b.txt")
    assert json.loads((tmp_path / "out" / "a-2.json").read_text("utf-8"))["title"]


# -- item 13: temporary files left by kill -9 ------------------------------------------------


_KILLED_WRITER = """
import os, sys
from broadsheet._io import atomic_output
with atomic_output(sys.argv[1]) as stream:
    stream.write(b'{"type": "li')
    stream.flush()
    os.kill(os.getpid(), 9)
"""


def _leave_a_part_file(target: Path) -> Path:
    """A temporary file left by a process killed with SIGKILL while writing ``target``."""
    subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(target)], check=False, timeout=60)
    (part,) = target.parent.glob(f".{target.name}.*.part")
    return part


def test_remove_stale_parts_removes_dead_writers_files_only(tmp_path: Path) -> None:
    from broadsheet._io import remove_stale_parts

    target = tmp_path / "o.jsonl"
    dead = _leave_a_part_file(target)
    other = _leave_a_part_file(tmp_path / "deep" / "er" / "a.json")
    mine = tmp_path / ".o.jsonl.notours.part"  # not a name atomic_output makes
    mine.write_bytes(b"keep")
    with atomic_output(target) as live:
        live.write(b"{}")
        assert remove_stale_parts(target) == 1
        assert not dead.exists() and other.exists() and mine.exists()
        assert len(list(tmp_path.glob(".o.jsonl.*.part"))) == 2  # the live one and mine
        assert remove_stale_parts(tmp_path, recursive=True) == 1
        assert not other.exists()
    assert target.read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [mine.name, "deep", "o.jsonl"]


def test_part_files_of_a_killed_run_are_removed_by_the_next_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(1), "sub/b.txt": text_page(2)})
    out = tmp_path / "out"
    assert convert(str(folder), "--to", "json", "-o", str(out), "-q") == 0
    dead = [_leave_a_part_file(out / "a.json"), _leave_a_part_file(out / "sub" / "b.json")]
    assert all(p.exists() for p in dead)
    # a live temporary file (another writer at work) is not touched
    with atomic_output(out / "sub" / "live.json") as live:
        live.write(b"{}")
        assert convert(str(folder), "--to", "json", "-o", str(out), "-q", "--resume") == 0
        assert not any(p.exists() for p in dead)
        assert len([p for p in (out / "sub").iterdir() if p.name.endswith(".part")]) == 1
    assert (out / "sub" / "live.json").read_bytes() == b"{}"
    # beside a single output file and the --errors file too
    single, errors = tmp_path / "o.jsonl", tmp_path / "errors.jsonl"
    dead = [_leave_a_part_file(single), _leave_a_part_file(errors)]
    args = ["--to", "jsonl", "-o", str(single), "--errors", str(errors), "-q"]
    assert convert(str(folder), *args) == 0
    assert not any(p.exists() for p in dead)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    # and says so, unless quiet
    _leave_a_part_file(single)
    assert convert(str(folder), "--to", "jsonl", "-o", str(single), "--overwrite") == 0
    assert f"{single}: removed 1 temporary file an interrupted run left" in capsys.readouterr().err


def test_parse_removes_what_a_killed_parse_left_beside_its_output(tmp_path: Path) -> None:
    page, out = tmp_path / "a.txt", tmp_path / "a.json"
    page.write_bytes(text_page(1))
    dead = _leave_a_part_file(out)
    assert main(["parse", str(page), "-o", str(out)]) == 0
    assert not dead.exists() and json.loads(out.read_text("utf-8"))["title"] == "Valley news 1"


# -- item 15: control characters in names never reach the terminal ---------------------------------


_FORGED = "evil\r\nbroadsheet: convert: 9 inputs: 9 converted, 0 skipped, 0 failed\n.txt"


def test_names_are_escaped_in_every_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = write_zip(
        tmp_path / "pages.zip",
        [
            ("good.txt", text_page(1)),
            (_FORGED, b""),  # skipped: empty
            ("\x1b[2J\x1b]0;owned\x07bell.txt", bytes(range(256)) * 4),  # skipped: binary
            ("\u202eeman\u2028.txt", b""),
        ],
    )
    assert convert(str(archive), "--to", "jsonl", "-o", str(tmp_path / "o.jsonl")) == 1
    err = capsys.readouterr().err
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u202e\ud800-\udfff]", err), repr(err)
    lines = err.splitlines()
    assert len(lines) == 4 and all(line.startswith("broadsheet: ") for line in lines)
    assert [line for line in lines if line.startswith("broadsheet: convert:")] == [lines[-1]]
    assert r"evil\r\nbroadsheet: convert: 9 inputs" in lines[0]
    assert r"\x1b[2J" in lines[1]
    # the command's other messages too: a missing page given to parse
    assert main(["parse", str(tmp_path / "no\x1b[31msuch\r.txt")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\r" not in err and r"no\x1b[31msuch\r.txt" in err


def test_an_undecodable_file_name_is_reported_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"\xff\x1b[31m.txt")).write_bytes(b"")
    except (OSError, UnicodeError):  # pragma: no cover - a file system that wants UTF-8
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / "good.txt").write_bytes(text_page(1))
    out, errors = tmp_path / "o.jsonl", tmp_path / "errors.jsonl"
    assert convert(str(folder), "--to", "jsonl", "-o", str(out), "--errors", str(errors)) == 1
    err = capsys.readouterr().err
    assert r"\udcff\x1b[31m.txt: skipped" in err and "\x1b" not in err
    (problem,) = read_jsonl(errors)  # the JSON escape keeps the name as Python read it
    assert problem["input"] == str(folder / os.fsdecode(b"\xff\x1b[31m.txt"))
    assert [d["title"] for d in read_jsonl(out)] == ["Valley news 1"]


def test_printable_escapes_what_could_drive_a_terminal() -> None:
    from broadsheet._terminal import printable

    assert printable("a.zip:x\r\ny\tz") == r"a.zip:x\r\ny\tz"
    assert printable("\x1b]0;t\x07\x9b2J") == r"\x1b]0;t\x07\x9b2J"
    assert printable("\u202etxt.exe\u2028\udcff") == r"\u202etxt.exe\u2028\udcff"
    assert printable("Müller – 東京 🗞") == "Müller – 東京 🗞"  # text stays text


# -- item 16: output files follow the umask ---------------------------------------------------


@pytest.mark.usefixtures("umask")
def test_output_files_are_created_as_open_would(tmp_path: Path) -> None:
    os.umask(0o022)
    with atomic_output(tmp_path / "a.json") as stream:
        stream.write(b"{}")
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644
    os.umask(0o077)
    with atomic_output(tmp_path / "b.json") as stream:
        stream.write(b"{}")
    assert stat.S_IMODE((tmp_path / "b.json").stat().st_mode) == 0o600
    # replacing a file keeps its mode, as writing it in place would
    os.chmod(tmp_path / "a.json", 0o640)
    with atomic_output(tmp_path / "a.json") as stream:
        stream.write(b"[]")
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o640
    # and convert's own files
    os.umask(0o002)
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(1), "b.txt": b""})
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    assert convert(str(folder), "--to", "json", "-o", str(out), "--errors", str(errors), "-q") == 1
    for path in (out / "a.json", errors):
        assert stat.S_IMODE(path.stat().st_mode) == 0o664, path


# -- item 17: symlinks inside a zip ---------------------------------------------------------------


def _zip_with_links(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("page.txt", text_page(1))
        for name, target in [("link.txt", text_page(2).decode()), ("up.html", "../../etc/hosts")]:
            info = zipfile.ZipInfo(name)
            info.create_system = 3  # Unix: the mode is in the high bits of external_attr
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def test_zip_symlink_members_are_skipped_like_tar_links(tmp_path: Path) -> None:
    archive = _zip_with_links(tmp_path / "links.zip")
    docs = list(walk([str(archive)]))
    assert [(d.position, d.data is not None) for d in docs] == [
        ("page.txt", True),
        ("link.txt", False),
        ("up.html", False),
    ]
    assert all(d.skip and "link" in d.skip for d in docs[1:])
    out, errors = tmp_path / "o.jsonl", tmp_path / "errors.jsonl"
    counts = run(
        ConvertOptions(
            inputs=[str(archive)], to="jsonl", output=str(out), errors=str(errors), quiet=True
        )
    )
    assert (counts.inputs, counts.converted, counts.skipped) == (3, 1, 2)
    assert [d["title"] for d in read_jsonl(out)] == ["Valley news 1"]


# -- item 18: a WARC record whose Content-Length is wrong ----------------------------------------


def _with_length(data: bytes, index: int, delta: int) -> bytes:
    """The WARC ``data`` with record ``index``'s Content-Length changed by ``delta``."""
    parts = data.split(b"WARC/1.0\r\n")
    head, blank, rest = parts[index + 1].partition(b"\r\n\r\n")
    found = re.search(rb"Content-Length: (\d+)", head)
    assert found is not None
    head = head.replace(found.group(0), b"Content-Length: %d" % (int(found.group(1)) + delta))
    parts[index + 1] = head + blank + rest
    return b"WARC/1.0\r\n".join(parts)


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("delta", [-20, 40, 700])
def test_a_warc_record_with_a_wrong_length_is_a_failure(
    tmp_path: Path, delta: int, gz: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    import gzip

    pytest.importorskip("warcio")
    records = [(f"https://x.example/{i}", text_page(i), "text/plain") for i in range(3)]
    warc = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    data = _with_length(write_warc(warc, records), 1, delta)
    if gz:  # one gzip member per record, as crawlers write them
        parts = data.split(b"WARC/1.0\r\n")[1:]
        data = b"".join(gzip.compress(b"WARC/1.0\r\n" + part) for part in parts)
    warc.write_bytes(data)
    docs = list(walk([str(warc)]))
    assert docs[0].data == text_page(0)
    damaged = docs[1]
    assert damaged.data is None and damaged.error is not None
    assert "Content-Length" in damaged.error and damaged.url == "https://x.example/1"
    # nothing read is wrong: what converts is exactly a page of the file
    assert all(d.data in (text_page(0), text_page(2)) for d in docs if d.data is not None)
    out, errors = tmp_path / "o.jsonl", tmp_path / "errors.jsonl"
    args = ["--to", "jsonl", "-o", str(out), "--errors", str(errors), "-q"]
    assert convert(str(warc), *args) == 1
    assert capsys.readouterr().err == ""  # -q: not a word, not even warcio's
    assert "Valley news 1" not in out.read_text("utf-8")
    problems = read_jsonl(errors)
    assert problems[0]["position"] == damaged.position and problems[0]["status"] == "failed"


# -- item 19: output errors name the file they happened on ---------------------------------------


_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from broadsheet.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("to,output", [("jsonl", "-"), ("json", "out")])
def test_an_error_on_the_errors_file_names_it(tmp_path: Path, to: str, output: str) -> None:
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(1)})
    folder = write_folder(folder, {f"empty/{i:03d}.txt": b"" for i in range(300)})
    errors = tmp_path / "errors.jsonl"
    cmd = [sys.executable, "-c", _FULL_DISK, "convert", str(folder), "--to", to]
    cmd += ["-o", output if output == "-" else str(tmp_path / output), "--errors", str(errors)]
    result = subprocess.run([*cmd, "-q"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(f"broadsheet: {errors}: "), result.stderr
    assert ".part" not in result.stderr
    assert not errors.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_failed_commit_names_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(OSError) as info, atomic_output(target) as stream:
        stream.write(b"{}")
    assert info.value.filename == str(target)
    assert ".part" not in str(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_a_temporary_file_that_cannot_be_made_names_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    def refuse(*, prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}x1y2z3w4{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # a read-only folder (tests run as root)
    with pytest.raises(PermissionError) as info, atomic_output(tmp_path / "a.json"):
        pass
    assert info.value.filename == str(tmp_path / "a.json")


def test_a_document_that_cannot_be_written_names_its_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {"a.txt": text_page(1)})
    out = tmp_path / "out"
    (out / "a.json").mkdir(parents=True)
    errors = tmp_path / "errors.jsonl"
    args = ["--to", "json", "-o", str(out), "--errors", str(errors), "--overwrite", "-q"]
    assert convert(str(folder), *args) == 1
    (problem,) = read_jsonl(errors)
    assert "a.json" in str(problem["reason"]) and ".part" not in str(problem["reason"])
