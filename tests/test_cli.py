"""The command: outputs, exit statuses and one-line error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet import loads
from broadsheet.cli import main

CAPTURE = "Red Valley\n\nA headline about the strike\n\nThe teaser of the story goes here.\n"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "broadsheet", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def capture(tmp_path: Path) -> Path:
    path = tmp_path / "capture.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    return path


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("broadsheet ")


def test_parse_one_file_prints_one_document(
    capture: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(capture)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "listing"
    assert data["source"]["input"] == str(capture)


def test_parse_several_files_prints_an_array(
    capture: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(capture), str(capture)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 2


def test_jsonl_keeps_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for i in range(3):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"Headline number {i}\n\nTeaser {i}.\n", encoding="utf-8")
        paths.append(str(path))
    assert main(["parse", "--to", "jsonl", *paths]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["items"][0]["title"] for line in lines] == [
        "Headline number 0",
        "Headline number 1",
        "Headline number 2",
    ]


def test_stdin_and_url() -> None:
    result = run("parse", "-", "--url", "https://example.org/x", stdin=CAPTURE.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["input"] == "<stdin>"


def test_output_file_is_written_and_read_back(capture: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "doc.json"
    assert main(["parse", str(capture), "-o", str(out)]) == 0
    doc = loads(out.read_text("utf-8"))
    # our own JSON is an input too, and reads back to the same document
    assert main(["parse", str(out), "-o", str(tmp_path / "again.json")]) == 0
    assert loads((tmp_path / "again.json").read_text("utf-8")) == doc
    assert [p.name for p in out.parent.iterdir()] == ["doc.json"]  # no temporary left


def test_jsonl_input_gives_every_document(capture: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "docs.jsonl"
    assert main(["parse", "--to", "jsonl", str(capture), str(capture), "-o", str(jsonl)]) == 0
    assert main(["parse", "--to", "jsonl", str(jsonl), "-o", str(tmp_path / "b.jsonl")]) == 0
    assert len((tmp_path / "b.jsonl").read_text("utf-8").splitlines()) == 2


def test_missing_file_fails_with_one_line(
    capture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["parse", str(capture), str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"broadsheet: {missing}: no such file\n"
    assert json.loads(captured.out)[0]["type"] == "listing"  # the good input still came out


def test_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"broadsheet: {tmp_path}: is a directory")
    assert err.count("\n") == 1


def test_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00" * 20)
    assert main(["parse", str(path)]) == 1
    assert (
        capsys.readouterr().err
        == f"broadsheet: {path}: binary data, not a page (not readable as text)\n"
    )


def test_nothing_matched_lists_candidates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"some": "other json"}', encoding="utf-8")
    assert main(["parse", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"broadsheet: {path}: no format matched (json page; best candidates:")
    assert "broadsheet-json 0.00" in err


def test_unknown_format_is_a_usage_error(capture: Path) -> None:
    result = run("parse", str(capture), "--format", "no-such-format")
    assert result.returncode == 2
    assert "unknown format 'no-such-format'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_writer_is_a_usage_error(capture: Path) -> None:
    result = run("parse", str(capture), "--to", "pdf")
    assert result.returncode == 2
    assert "unknown output format 'pdf'" in result.stderr


def test_no_arguments_is_a_usage_error() -> None:
    assert run().returncode == 2
    assert run("parse").returncode == 2


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"type": "article"}', encoding="utf-8")
    plain = run("parse", str(path), "--format", "broadsheet-json")
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert "needs at least a title" in plain.stderr
    debug = run("--debug", "parse", str(path), "--format", "broadsheet-json")
    assert "Traceback" in debug.stderr


def test_detect_ranks_formats(capture: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", str(capture)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{capture}: text page, utf-8,")
    assert "generic-text-listing" in out and "*" in out


def test_formats_lists_formats_and_writers_with_origin(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["formats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    formats = {f["name"]: f for f in data["formats"]}
    writers = {w["name"]: w for w in data["writers"]}
    assert formats["generic-text-listing"]["origin"] == "broadsheet"
    assert formats["generic-text-listing"]["kinds"] == ["text"]
    assert writers["json"]["origin"] == "broadsheet"
    assert writers["jsonl"]["media_type"] == "application/x-ndjson"
    assert main(["formats"]) == 0
    assert "generic-text-listing" in capsys.readouterr().out


def test_date_warnings_are_one_line_on_stderr(tmp_path: Path) -> None:
    doc = {"type": "article", "title": "t", "published": "2012-11-06"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 0 and result.stderr == ""
