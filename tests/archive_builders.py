"""Builders for the convert tests: invented pages and the archives that hold them.

Every page here is written for the project (invented headlines and teasers
in the shape of a plain-text capture or a small news page); archives are
built in ``tmp_path`` by each test, never stored.
"""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = [
    "double_or_die",
    "html_page",
    "read_jsonl",
    "text_page",
    "write_folder",
    "write_tar",
    "write_warc",
    "write_zip",
]


def text_page(i: int) -> bytes:
    """A plain-text capture of a listing page (the generic text format reads it)."""
    return (
        f"Valley news {i}\n\n"
        f"Ferry timetable number {i} changes in spring\n\n"
        f"The crossing at the north pier gets {i % 7 + 2} more sailings on weekdays.\n\n"
        f"Library opens a reading garden {i}\n\n"
        f"Volunteers planted herbs beside the old wall, the librarian said.\n"
    ).encode()


def html_page(i: int, *, title: str | None = None) -> bytes:
    """A small news article page with menus and a script around the story."""
    head = title or f"Orchard cooperative number {i} shares its harvest"
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{head} | The Valley Post</title>"
        "<script>var tracking = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{head}</h1><p class='byline'>By Ada Fernsby</p>"
        f"<p>Members of cooperative {i} met on Saturday to divide the apple harvest "
        "among the forty families who tend the trees on the hill.</p>"
        "<p>The pressing shed will stay open until the end of the month, the "
        "treasurer said, and cider will be sold at the Thursday market.</p>"
        "</article><footer>Subscribe to our newsletter</footer></body></html>"
    ).encode()


def write_folder(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def write_zip(path: Path, members: Sequence[tuple[str, bytes]]) -> Path:
    """A zip of ``members``; duplicate names are allowed (zipfile warns, real zips have them)."""
    import warnings

    with (
        warnings.catch_warnings(),
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore", UserWarning)
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_tar(path: Path, members: Sequence[tuple[str, bytes]], mode: str = "w") -> Path:
    with tarfile.open(path, mode) as archive:  # type: ignore[call-overload]
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def write_warc(
    path: Path, records: Iterable[tuple[str, bytes, str]], *, gzip: bool = False
) -> bytes:
    """A WARC of ``response`` records (url, body, content type); returns its bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def double_or_die(batch: list[int]) -> list[int]:
    """For the parallel-map test: doubles each number; a worker given 13 dies outright."""
    import os

    if 13 in batch:
        os._exit(3)  # no exception, no cleanup: the way a crash in C looks
    return [n * 2 for n in batch]
