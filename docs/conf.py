"""Sphinx configuration: MyST markdown pages, built with warnings as errors in CI.

Build: ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
The version is read from ``src/broadsheet/_version.py`` (the one place it lives).
"""

from __future__ import annotations

import re
from pathlib import Path

_VERSION_FILE = Path(__file__).resolve().parent.parent / "src" / "broadsheet" / "_version.py"
_match = re.search(r'^__version__ = "([^"]+)"', _VERSION_FILE.read_text("utf-8"), re.MULTILINE)
assert _match, f"no __version__ in {_VERSION_FILE}"

project = "broadsheet"
author = "The broadsheet developers"
copyright = "2026, The broadsheet developers"
release = _match.group(1)
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser", "sphinx.ext.autodoc"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_class_signature = "separated"
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "alabaster"
html_title = f"broadsheet {release}"
html_static_path: list[str] = []
