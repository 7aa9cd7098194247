"""Hostile input: every case converts, is skipped or fails with a reason — never crashes,
never reads a file it was not given, never writes outside the output folder."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import lxml.etree
import pytest
from archive_builders import html_page, read_jsonl, text_page, write_tar, write_warc, write_zip

from broadsheet.archive import InputDoc, walk
from broadsheet.archive.common import read_limited as _read_limited
from broadsheet.cli import main
from broadsheet.convert import ConvertOptions, convert_document, run
from broadsheet.hookspecs import hookimpl
from broadsheet.jsonform import dumps
from broadsheet.model import Article
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.registry import ParseError, Registry, get_registry

CANARY = "canary-7f3a9e-orchard-secret"


def convert(*args: str) -> int:
    return main(["convert", *args])


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


# -- XML external entities and entity expansion ----------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(CANARY, encoding="utf-8")
    return path


def xxe_rss(secret: Path) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>Valley wire &leak;</title>'
        "<link>https://valley.example/</link><description>News &leak;</description>"
        "<item><title>Bridge reopens &leak;</title><link>https://valley.example/bridge</link>"
        "<description>Repairs finished early &leak;</description>"
        "<pubDate>Tue, 03 Mar 2026 10:00:00 +0000</pubDate></item></channel></rss>\n"
    ).encode()


def xxe_atom(secret: Path) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE feed [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley wire &leak;</title>'
        "<id>urn:x-valley:wire</id><updated>2026-03-03T10:00:00Z</updated>"
        "<entry><title>Bridge reopens &leak;</title><id>urn:x-valley:1</id>"
        '<link href="https://valley.example/bridge"/><updated>2026-03-03T10:00:00Z</updated>'
        "<summary>Repairs finished early &leak;</summary></entry></feed>\n"
    ).encode()


def xxe_xhtml(secret: Path) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Bridge reopens &leak;</title>'
        "</head><body><article><h1>Bridge reopens &leak;</h1><p>The repairs on the old "
        "bridge finished two weeks early, the council said on Tuesday &leak;.</p>"
        "<p>Traffic will return to both lanes from Monday morning.</p></article></body></html>\n"
    ).encode()


def laughs(root: str) -> bytes:
    """The "billion laughs": ten levels of ten-fold entity expansion (10^9 "lol"s)."""
    defs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    body = {
        "rss": '<rss version="2.0"><channel><title>Laughs</title><link>https://x.example/</link>'
        "<description>d</description><item><title>&lol9;</title>"
        "<link>https://x.example/a</link><description>&lol9;</description></item>"
        "</channel></rss>",
        "html": "<html><head><title>&lol9;</title></head><body><article><h1>Laughs &lol9;</h1>"
        "<p>A long enough paragraph to be an article body, with &lol9; in it.</p>"
        "</article></body></html>",
    }[root]
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [{"".join(defs)}]>\n{body}\n'.encode()


def test_the_payload_works_on_a_careless_parser(secret: Path) -> None:
    """The control: a parser that loads the DTD and resolves entities does leak the file.

    So the tests below, which check that no canary reaches any output, would fail
    if a format parsed feeds or XHTML that way.
    """
    careless = lxml.etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    root = lxml.etree.fromstring(xxe_rss(secret), parser=careless)
    assert CANARY in (root.findtext("channel/title") or "")


def _outputs_of_every_format(page: Page, registry: Registry) -> list[str]:
    """The JSON of every format that reads the page's kind, forced (errors are fine)."""
    texts = []
    for fmt in registry.formats.values():
        if page.kind not in fmt.kinds:
            continue
        try:
            docs = list(registry.parse_many(page, fmt.name))
        except (ParseError, RecursionError):
            continue
        texts.extend(dumps(doc) for doc in docs)
    return texts


@pytest.mark.parametrize("build", [xxe_rss, xxe_atom, xxe_xhtml])
def test_no_format_reads_external_entities(secret: Path, build: object) -> None:
    data = build(secret)  # type: ignore[operator]
    page = Page.from_bytes(data, name="hostile.xml")
    registry = get_registry()
    outputs = _outputs_of_every_format(page, registry)
    if any(page.kind in fmt.kinds for fmt in registry.formats.values()):
        assert outputs, f"no format read the {page.kind} page: the test would prove nothing"
    for text in outputs:
        assert CANARY not in text
        assert "Bridge reopens" in text  # the document is there, without the file


@pytest.mark.parametrize(
    "build,name", [(xxe_rss, "wire.xml"), (xxe_atom, "wire.atom"), (xxe_xhtml, "page.xhtml")]
)
def test_convert_never_leaks_a_local_file(
    secret: Path, tmp_path: Path, build: object, name: str
) -> None:
    hostile = tmp_path / name
    hostile.write_bytes(build(secret))  # type: ignore[operator]
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.jsonl"
    convert(str(hostile), "--to", "jsonl", "-o", str(out), "--errors", str(errors), "-q")
    produced = out.read_text("utf-8") if out.exists() else ""
    assert CANARY not in produced
    assert len(read_jsonl(out)) + len(read_jsonl(errors)) == 1  # accounted for


@pytest.mark.parametrize("root", ["rss", "html"])
def test_entity_expansion_is_not_performed(tmp_path: Path, root: str) -> None:
    page = Page.from_bytes(laughs(root), name="laughs.xml")
    for text in _outputs_of_every_format(page, get_registry()):
        assert "lol" * 1000 not in text
        assert len(text) < 100_000
    hostile = tmp_path / "laughs.xml"
    hostile.write_bytes(laughs(root))
    out = tmp_path / "out.jsonl"
    convert(str(hostile), "--to", "jsonl", "-o", str(out), "-q")
    assert out.stat().st_size < 100_000


# -- members that try to escape the output folder ------------------------------------------


UNSAFE = ["../evil.txt", "/abs/evil.txt", "ok/../../evil2.txt", "..\\win\\evil.txt", "C:/evil.txt"]


def test_zip_members_with_dotdot_or_absolute_names_are_rejected(tmp_path: Path) -> None:
    archive = write_zip(
        tmp_path / "slip.zip",
        [(name, text_page(i)) for i, name in enumerate(UNSAFE)] + [("good/fine.txt", text_page(9))],
    )
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    assert convert(str(archive), "--to", "json", "-o", str(out), "--errors", str(errors), "-q") == 1
    assert files_under(out) == ["good/fine.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.jsonl", "out", "slip.zip"]
    problems = read_jsonl(errors)
    assert sorted(str(p["position"]) for p in problems) == sorted(UNSAFE)
    assert all("unsafe member name" in str(p["reason"]) for p in problems)


def test_tar_members_with_dotdot_absolute_names_or_links_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "slip.tar"
    write_tar(path, [(name, text_page(i)) for i, name in enumerate(UNSAFE[:3])])
    with tarfile.open(path, "a") as archive:
        link = tarfile.TarInfo("passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
        good = tarfile.TarInfo("fine.txt")
        data = text_page(9)
        good.size = len(data)
        archive.addfile(good, io.BytesIO(data))
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    assert convert(str(path), "--to", "json", "-o", str(out), "--errors", str(errors), "-q") == 1
    assert files_under(out) == ["fine.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.jsonl", "out", "slip.tar"]
    statuses = {str(p["position"]): p["status"] for p in read_jsonl(errors)}
    assert statuses == {**{n: "failed" for n in UNSAFE[:3]}, "passwd.txt": "skipped"}


# -- size limits and decompression bombs ------------------------------------------------------


def test_zip_bomb_member_is_refused_and_reported(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.html", b"<html>" + bytes(30 * 1024 * 1024))  # 30 MiB of zeros
        archive.writestr("ok.txt", text_page(1))
    assert bomb.stat().st_size < 200_000
    out, errors = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    status = convert(
        str(bomb),
        "--to",
        "jsonl",
        "-o",
        str(out),
        "--max-size",
        "1M",
        "--errors",
        str(errors),
        "-q",
    )
    assert status == 1
    (problem,) = read_jsonl(errors)
    assert problem["position"] == "bomb.html" and "over the size limit" in str(problem["reason"])
    assert len(read_jsonl(out)) == 1


def test_tar_gz_bomb_member_is_refused(tmp_path: Path) -> None:
    path = write_tar(
        tmp_path / "bomb.tar.gz",
        [("bomb.txt", bytes(20 * 1024 * 1024)), ("ok.txt", text_page(2))],
        "w:gz",
    )
    counts = run(
        ConvertOptions(
            inputs=[str(path)],
            to="jsonl",
            output=str(tmp_path / "o.jsonl"),
            max_size=1 << 20,
            quiet=True,
        )
    )
    assert (counts.inputs, counts.converted, counts.failed) == (2, 1, 1)


def test_reading_stops_past_the_limit_whatever_the_header_says() -> None:
    class Endless(io.RawIOBase):
        """An endless stream of zeros that counts what was read from it."""

        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = bytes(len(buffer))
            self.served += len(buffer)
            return len(buffer)

    endless = Endless()
    assert _read_limited(endless, 1000) is None
    assert endless.served <= 1001


def test_warc_bomb_record_stops_reading(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    warc = tmp_path / "bomb.warc.gz"
    write_warc(
        warc,
        [
            ("https://x.example/bomb", b"<html>" + bytes(8 * 1024 * 1024), "text/html"),
            ("https://x.example/ok", text_page(3), "text/plain"),
        ],
        gzip=True,
    )
    docs = list(walk([str(warc)], max_size=1 << 20))
    assert [d.url for d in docs] == ["https://x.example/bomb", "https://x.example/ok"]
    assert "reading stopped" in (docs[0].error or "") and docs[1].data == text_page(3)


def test_a_100_mb_file_is_refused_above_max_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as stream:
        stream.write(html_page(1))
        stream.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    errors = tmp_path / "errors.jsonl"
    status = convert(
        str(huge),
        "--to",
        "jsonl",
        "-o",
        str(tmp_path / "o.jsonl"),
        "--max-size",
        "10M",
        "--errors",
        str(errors),
        "-q",
    )
    assert status == 1
    (problem,) = read_jsonl(errors)
    assert problem["status"] == "failed"
    assert "104857600 bytes is over the size limit of 10485760 bytes" in str(problem["reason"])
    # the default limit (50 MiB) refuses it too
    counts = run(
        ConvertOptions(inputs=[str(huge)], to="jsonl", output=str(tmp_path / "p.jsonl"), quiet=True)
    )
    assert counts.failed == 1


# -- broken structure ---------------------------------------------------------------------------


def test_html_nested_100000_levels_deep(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><head><title>A nest of boxes</title></head><body><article>"
        "<h1>A nest of boxes</h1><p>The carpenter built boxes inside boxes all winter, "
        "the neighbours said, and sold none of them.</p>"
        + "<div>" * 100_000
        + "<p>At the bottom of the nest.</p>"
        + "</div>" * 100_000
        + "</article></body></html>",
        encoding="utf-8",
    )
    unclosed = tmp_path / "unclosed.html"
    unclosed.write_text("<html><body>" + "<div><span><b>" * 40_000 + "words", encoding="utf-8")
    out, errors = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    convert(
        str(page),
        str(unclosed),
        "--to",
        "jsonl",
        "-o",
        str(out),
        "--errors",
        str(errors),
        "-q",
        "--jobs",
        "2",
    )
    assert len(read_jsonl(out)) + len(read_jsonl(errors)) == 2


def test_a_format_that_recurses_too_deep_fails_alone() -> None:
    class Recursive(Format):
        name = "recursive"
        kinds = ("text",)

        def sniff(self, page: Page) -> float:
            return 1.0

        def parse(self, page: Page) -> Article:
            def down(n: int) -> int:
                return down(n + 1) + 1

            down(0)
            raise AssertionError("unreachable")

    plugin = ModuleType("recursive_plugin")
    plugin.broadsheet_formats = hookimpl(lambda: [Recursive()])  # type: ignore[attr-defined]
    registry = Registry(builtins=False, entry_points=False, plugins=[plugin])
    outcome = convert_document(
        InputDoc(input="r.txt", relpath="r.txt", data=b"text"), registry=registry
    )
    assert outcome.status == "failed" and "RecursionError" in (outcome.reason or "")


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc(tmp_path: Path, gz: bool) -> None:
    pytest.importorskip("warcio")
    warc = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    data = write_warc(
        warc,
        [
            (f"https://x.example/{i}", text_page(i) * 3, "text/plain; charset=utf-8")
            for i in range(4)
        ],
        gzip=gz,
    )
    warc.write_bytes(data[: len(data) * 2 // 3])
    out, errors = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    assert convert(str(warc), "--to", "jsonl", "-o", str(out), "--errors", str(errors), "-q") == 1
    converted, problems = read_jsonl(out), read_jsonl(errors)
    assert len(converted) >= 2
    assert [d["title"] for d in converted] == [f"Valley news {i}" for i in range(len(converted))]
    assert problems and all(p["status"] == "failed" for p in problems)
    assert "truncated" in str(problems[-1]["reason"])


def test_truncated_tar_gz(tmp_path: Path) -> None:
    path = write_tar(
        tmp_path / "cut.tar.gz", [(f"{i}.txt", text_page(i) * 50) for i in range(6)], "w:gz"
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    counts = run(
        ConvertOptions(inputs=[str(path)], to="jsonl", output=str(tmp_path / "o.jsonl"), quiet=True)
    )
    assert counts.failed >= 1 and counts.converted + counts.skipped + counts.failed == counts.inputs


# -- encodings, empty files, wrong extensions ------------------------------------------------------


def test_invalid_utf8_and_mixed_encodings(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(
        "Valley news\n\nCaf\u00e9 reopens on the square\n\n".encode()
        + b"The owner said \x93welcome back\x94 to the regulars \xff\xfe.\n"
    )
    broken = tmp_path / "broken.html"
    broken.write_bytes(html_page(1).replace(b"harvest", b"harv\xc3\x28st\xed\xa0\x80"))
    out = tmp_path / "o.jsonl"
    status = convert(str(mixed), str(broken), "--to", "jsonl", "-o", str(out), "-q")
    lines = out.read_bytes().decode("utf-8").splitlines()  # strict: the output is valid UTF-8
    docs = [json.loads(line) for line in lines]
    assert docs[0]["title"] == "Valley news"
    assert "\u201cwelcome back\u201d" in json.dumps(docs[0], ensure_ascii=False)
    assert status == (0 if len(docs) == 2 else 1)


def test_utf16_with_a_bom_converts(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text_page(4).decode().encode("utf-16"))
    out = tmp_path / "o.jsonl"
    assert convert(str(utf16), "--to", "jsonl", "-o", str(out), "-q") == 0
    assert read_jsonl(out)[0]["title"] == "Valley news 4"


def test_empty_files_and_empty_archives(tmp_path: Path) -> None:
    for name in ["empty.txt", "empty.html", "empty.zip", "empty.tar", "empty.jsonl", "empty.warc"]:
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_bytes(b"")
    errors = tmp_path / "e.jsonl"
    counts = run(
        ConvertOptions(
            inputs=[str(tmp_path / "in")],
            to="jsonl",
            output=str(tmp_path / "o.jsonl"),
            errors=str(errors),
            quiet=True,
        )
    )
    assert counts.inputs == 6 and counts.converted == 0
    assert counts.skipped + counts.failed == 6
    assert all(p["reason"] for p in read_jsonl(errors))


def test_files_that_are_not_what_their_extension_says(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-zip.zip").write_bytes(text_page(1))  # text named .zip
    (folder / "b-tar.tar.gz").write_bytes(html_page(2))  # html named .tar.gz
    (folder / "c-warc.warc").write_bytes(html_page(3))  # html named .warc
    (folder / "d-png.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write_zip(folder / "e-zip.txt", [("x.txt", text_page(5))])  # a zip named .txt
    (folder / "f-text.jsonl").write_bytes(text_page(6))  # a capture named .jsonl
    (folder / "g-text.html").write_bytes(text_page(7))  # a capture named .html: still converts
    errors = tmp_path / "e.jsonl"
    out = tmp_path / "o.jsonl"
    counts = run(
        ConvertOptions(
            inputs=[str(folder)], to="jsonl", output=str(out), errors=str(errors), quiet=True
        )
    )
    assert counts.converted + counts.skipped + counts.failed == counts.inputs
    problems = {Path(str(p["input"])).name: str(p["reason"]) for p in read_jsonl(errors)}
    assert "not a readable zip" in problems["a-zip.zip"]
    assert "tar" in problems["b-tar.tar.gz"]
    assert "WARC" in problems["c-warc.warc"] or "warcio" in problems["c-warc.warc"]
    assert "binary" in problems["d-png.html"] and "binary" in problems["e-zip.txt"]
    assert "broadsheet-json" in problems["f-text.jsonl"]
    assert [d["title"] for d in read_jsonl(out)] == ["Valley news 7"]
