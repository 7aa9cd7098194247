"""The registry imports built-in modules when first needed, and scans entry points cheaply.

Laziness must not change a result: the tables that drive it
(:data:`broadsheet.formats.KINDS`, :data:`broadsheet.writers.NAMES`) are
checked against what the modules provide, detection on every fixture page
ranks the same as with everything loaded, and an installed plugin (a real
``*.dist-info`` folder on ``sys.path``) is still found by the cheap scan.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import pytest

from broadsheet import Page, formats, writers
from broadsheet.registry import Registry, may_have_entry_points

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"


def _provided(module_name: str, hook: str) -> list[object]:
    module = importlib.import_module(module_name)
    return list(getattr(module, hook)())


@pytest.mark.parametrize("module_name", formats.MODULES)
def test_the_kinds_table_says_what_each_format_module_reads(module_name: str) -> None:
    kinds = {kind for fmt in _provided(module_name, "broadsheet_formats") for kind in fmt.kinds}  # type: ignore[attr-defined]
    assert set(formats.KINDS[module_name]) == kinds


@pytest.mark.parametrize("module_name", writers.MODULES)
def test_the_names_table_says_what_each_writer_module_provides(module_name: str) -> None:
    names = {w.name for w in _provided(module_name, "broadsheet_writers")}  # type: ignore[attr-defined]
    assert set(writers.NAMES[module_name]) == names


def test_a_text_page_imports_only_the_text_formats() -> None:
    reg = Registry(entry_points=False, blocked=())
    page = Page.from_text("A headline\n\nSome teaser text of a listing.\n")
    reg.detect(page)
    loaded = {m for m in formats.MODULES if reg.pm.has_plugin(m)}
    assert loaded == {m for m in formats.MODULES if "text" in formats.KINDS[m]}
    reg.writer("jsonl")
    assert reg.pm.has_plugin("broadsheet.writers.json")
    assert not reg.pm.has_plugin("broadsheet.writers.rss")
    assert "rss" in reg.writers  # asking for all of them loads the rest
    assert all(reg.pm.has_plugin(m) for m in (*formats.MODULES, *writers.MODULES))


def _fixture_pages() -> list[Path]:
    return [
        p for p in sorted(FIXTURES.glob("*/*")) if p.suffix != ".json" or "json" in p.parent.name
    ]


def test_lazy_detection_ranks_every_fixture_as_the_full_registry_does() -> None:
    lazy = Registry(entry_points=False, blocked=())
    full = Registry(entry_points=False, blocked=(), plugins=[object()])  # a plugin: all loaded
    assert set(full.pm.get_plugins()) >= {full.pm.get_plugin(m) for m in formats.MODULES}
    pages = _fixture_pages()
    assert len(pages) > 20
    for path in pages:
        quick = [
            (c.format.name, c.score, c.error)
            for c in lazy.detect(Page.from_bytes(path.read_bytes()))
        ]
        every = [
            (c.format.name, c.score, c.error)
            for c in full.detect(Page.from_bytes(path.read_bytes()))
        ]
        assert quick == every, path
    assert set(lazy.formats) == set(full.formats)
    assert set(lazy.writers) == set(full.writers)
    assert lazy.problems == full.problems


def _install(folder: Path, entry_points: str) -> None:
    dist = folder / "broadsheet_fakeplugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: broadsheet-fakeplugin\nVersion: 1.0\n"
    )
    (dist / "entry_points.txt").write_text(entry_points)
    (folder / "broadsheet_fakeplugin.py").write_text(
        textwrap.dedent(
            """
            from broadsheet import Format, Listing, hookimpl

            class Fake(Format):
                name = "fake-plugin-text"
                kinds = ("text",)
                description = "A test plugin"

                def sniff(self, page):
                    return 1.0 if "FAKE PLUGIN" in page.text else 0.0

                def parse(self, page):
                    return Listing(title="from the plugin")

            @hookimpl
            def broadsheet_formats():
                return [Fake()]
            """
        )
    )


def test_an_installed_plugin_is_found_by_the_cheap_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(
        tmp_path, "[console_scripts]\nfake = x:y\n\n[broadsheet]\nfake = broadsheet_fakeplugin\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "broadsheet_fakeplugin", raising=False)
    assert may_have_entry_points("broadsheet")
    reg = Registry(blocked=())
    assert reg.origins["fake-plugin-text"] == "broadsheet-fakeplugin"
    assert reg.parse(Page.from_text("FAKE PLUGIN\n\nsome text\n")).title == "from the plugin"


def test_other_groups_do_not_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(
        tmp_path, "[console_scripts]\nbroadsheet = broadsheet.cli:main\n[broadsheet.other]\nx = y\n"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert not may_have_entry_points("broadsheet")
    assert may_have_entry_points("console_scripts")


def test_the_scan_never_misses_what_importlib_metadata_finds() -> None:
    for group in ("console_scripts", "pytest11", "broadsheet"):
        if list(metadata.entry_points(group=group)):
            assert may_have_entry_points(group)


def test_a_zip_on_the_path_defers_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert may_have_entry_points("broadsheet")
