"""The Dask recipe gives exactly what ``broadsheet convert`` gives, with the same accounting."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_builders import html_page, text_page, write_folder, write_warc, write_zip

from broadsheet.convert import ConvertOptions, run

pytest.importorskip("dask.bag")

from broadsheet.dask import convert_bag


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    files = {f"{i:02d}.txt": text_page(i) for i in range(9)}
    files["sub/empty.txt"] = b""
    files["sub/page.html"] = html_page(3)
    files["sub/binary.txt"] = bytes(range(256)) * 4
    folder = write_folder(tmp_path / "in", files)
    write_zip(folder / "sub" / "more.zip", [(f"z{i}.txt", text_page(50 + i)) for i in range(3)])
    inputs = [str(folder)]
    try:
        write_warc(
            tmp_path / "crawl.warc.gz",
            [(f"https://x.example/{i}", text_page(80 + i), "text/plain") for i in range(3)],
            gzip=True,
        )
        inputs.append(str(tmp_path / "crawl.warc.gz"))
    except ImportError:
        pass
    return inputs


@pytest.mark.parametrize("scheduler,npartitions", [("synchronous", 4), ("threads", 3)])
def test_dask_output_equals_convert_output(
    inputs: list[str], tmp_path: Path, scheduler: str, npartitions: int
) -> None:
    expected, expected_errors = tmp_path / "convert.jsonl", tmp_path / "convert.errors.jsonl"
    reference = run(
        ConvertOptions(
            inputs=inputs, to="jsonl", output=str(expected), errors=str(expected_errors), quiet=True
        )
    )
    out = tmp_path / f"dask-{scheduler}"
    counts = convert_bag(inputs, out, npartitions=npartitions, scheduler=scheduler)
    parts = sorted(p for p in out.glob("part-*.jsonl") if not p.name.endswith(".errors.jsonl"))
    assert len(parts) == npartitions
    assert b"".join(p.read_bytes() for p in parts) == expected.read_bytes()
    errors = sorted(out.glob("part-*.errors.jsonl"))
    assert b"".join(p.read_bytes() for p in errors) == expected_errors.read_bytes()
    assert (counts.inputs, counts.converted, counts.skipped, counts.failed) == (
        reference.inputs,
        reference.converted,
        reference.skipped,
        reference.failed,
    )
    assert counts.converted + counts.skipped + counts.failed == counts.inputs
    assert counts.skipped >= 2 and counts.documents == reference.documents


def test_dask_with_nothing_to_do(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    counts = convert_bag([str(tmp_path / "in")], tmp_path / "out", scheduler="synchronous")
    assert counts.inputs == 0
