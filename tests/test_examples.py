"""Every script in ``examples/`` runs on its sample inputs, and the template plugin's
own test suite passes (run from source, as a plugin author would run it).

An example that needs a writer which is not registered yet is skipped with
the writer's name as the reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from broadsheet.registry import get_registry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TEMPLATE = EXAMPLES / "plugin-template"


def run(script: str, *args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def needs_writer(name: str) -> None:
    if name not in get_registry().writers:
        pytest.skip(f"the {name!r} writer is not registered yet")


def test_filter_articles_by_author_and_date(tmp_path: Path) -> None:
    out = run("filter_articles.py", "--author", "fenwick", "--since", "2024-02-01", cwd=tmp_path)
    assert out.splitlines() == [
        "2024-02-14  Idris Fenwick, Tamsin Rowe  Bin collections move to fortnightly from April"
    ]
    every = run("filter_articles.py", cwd=tmp_path).splitlines()
    assert len(every) == 7
    assert every == sorted(every)  # oldest first


def test_sample_archive_holds_the_sample_captures() -> None:
    folder = EXAMPLES / "data" / "captures"
    with zipfile.ZipFile(EXAMPLES / "data" / "captures.zip") as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    assert members == {p.name: p.read_bytes() for p in folder.glob("*.txt")}


def test_archive_to_rss(tmp_path: Path) -> None:
    needs_writer("rss")
    out = run("archive_to_rss.py", "-o", "feed.xml", cwd=tmp_path)
    assert "wrote feed.xml" in out
    root = ElementTree.parse(tmp_path / "feed.xml").getroot()
    assert root.tag == "rss"
    titles = [t.text for t in root.iter("title")]
    assert "Captured news" in titles
    assert len(list(root.iter("item"))) >= 8


def test_markdown_site(tmp_path: Path) -> None:
    needs_writer("markdown")
    run("markdown_site.py", "-o", "site", cwd=tmp_path)
    index = (tmp_path / "site" / "index.md").read_text("utf-8")
    pages = sorted((tmp_path / "site").glob("*/*.md"))
    assert len(pages) >= 8
    for page in pages:
        assert page.read_text("utf-8").startswith("---\n")  # YAML front matter
        assert f"]({page.relative_to(tmp_path / 'site').as_posix()})" in index


def test_template_plugin_suite_passes() -> None:
    env = {**os.environ, "PYTHONPATH": str(TEMPLATE / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=TEMPLATE,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
