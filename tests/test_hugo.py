"""A real Hugo site from ``broadsheet convert --to markdown`` (issue 16, item 22).

Every fixture page and sample capture is converted to Markdown, the files
become a Hugo site's content (with two minimal layouts), ``hugo`` builds it,
and every Markdown file must come out as a page. Hugo stops the whole build
on a front-matter key it reads differently (a full URL under ``url``, its
page-path key, did that), so this is the front matter's real-client check.

Skips when ``hugo`` is not on PATH — except in CI (``CI`` set), where
``.ci/run`` installs it (the Debian package ``hugo``) and its absence fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from broadsheet.cli import main

ROOT = Path(__file__).resolve().parent.parent
HUGO = shutil.which("hugo")


@pytest.fixture
def hugo() -> str:
    if HUGO is None:
        if os.environ.get("CI"):
            pytest.fail("hugo is not on PATH, and CI must run this test (.ci/run installs it)")
        pytest.skip("hugo is not on PATH (install the Debian package 'hugo' to run this test)")
    return HUGO


def test_hugo_builds_every_converted_page(tmp_path: Path, hugo: str) -> None:
    site = tmp_path / "site"
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (site / "hugo.toml").write_text(
        'baseURL = "https://site.example/"\ntitle = "Converted pages"\n', "utf-8"
    )
    (layouts / "single.html").write_text("<h1>{{ .Title }}</h1>{{ .Content }}", "utf-8")
    (layouts / "list.html").write_text("{{ range .Pages }}{{ .Title }} {{ end }}", "utf-8")
    content = site / "content" / "posts"
    inputs = [ROOT / "tests" / "fixtures", ROOT / "examples" / "data" / "captures"]
    assert main(["convert", *map(str, inputs), "--to", "markdown", "-o", str(content), "-q"]) == 0
    pages = sorted(content.rglob("*.md"))
    assert len(pages) > 100

    result = subprocess.run(
        [
            hugo,
            "--source",
            str(site),
            "--destination",
            str(site / "public"),
            "--buildFuture",
            "--buildDrafts",
            "--buildExpired",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "ERROR" not in result.stderr, result.stderr[-2000:]

    missing = []
    for page in pages:
        relative = page.relative_to(site / "content").with_suffix("")
        built = site / "public" / relative.as_posix().lower() / "index.html"
        if not built.is_file():
            missing.append(str(relative))
            continue
        front = yaml.safe_load(page.read_text("utf-8").split("---\n")[1])
        assert "url" not in front  # Hugo's page-path key: the source URL is source_url
    assert not missing, f"{len(missing)} pages not built: {missing[:10]}"


def test_hugo_reads_the_obsidian_form_of_tags(tmp_path: Path, hugo: str) -> None:
    from broadsheet.model import Article
    from broadsheet.writers.markdown import render_markdown

    site = tmp_path / "site"
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://site.example/"\n', "utf-8")
    (layouts / "single.html").write_text(
        "<h1>{{ .Title }}</h1>{{ range .Params.tags }}<b>{{ . }}</b>{{ end }}"
        "{{ range .Keywords }}<i>{{ . }}</i>{{ end }}",
        "utf-8",
    )
    (layouts / "list.html").write_text("{{ range .Pages }}{{ .Title }} {{ end }}", "utf-8")
    (layouts / "taxonomy.html").write_text("{{ range .Pages }}{{ .Title }} {{ end }}", "utf-8")
    (layouts / "term.html").write_text("{{ range .Pages }}{{ .Title }} {{ end }}", "utf-8")
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    doc = Article(title="Harbour council votes", tags=("Climate change", "U.S. politics"))
    (posts / "votes.md").write_text(render_markdown(doc), "utf-8")
    result = subprocess.run(
        [hugo, "--source", str(site), "--destination", str(site / "public")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    page = (site / "public" / "posts" / "votes" / "index.html").read_text("utf-8")
    assert "<b>Climate-change</b><b>US-politics</b>" in page
    assert "<i>Climate change</i><i>U.S. politics</i>" in page
    term = site / "public" / "tags" / "climate-change" / "index.html"
    assert "Harbour council votes" in term.read_text("utf-8")
