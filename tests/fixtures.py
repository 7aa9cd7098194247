"""The one loader for fixture-driven format tests, on top of the conformance kit.

Layout: ``tests/fixtures/formats/<format-name>/<case>.<ext>`` is an input page
written for this project, and ``<case>.json`` beside it is the expected
document in the JSON form, without its ``source`` (which names the input
path). An optional ``<case>.url`` holds the page URL to parse with.

:class:`Case`, :func:`comparable` and the folder walk live in
:mod:`broadsheet.testing` (the kit third-party plugins use); this module
binds them to the project's fixtures root.

Regenerate the expected files after a deliberate change, then review the
diff: ``python tests/regen_fixtures.py [FORMAT-NAME...]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from broadsheet import testing
from broadsheet.testing import Case, comparable

__all__ = ["ROOT", "Case", "cases", "comparable"]

ROOT = Path(__file__).parent / "fixtures" / "formats"


def cases(root: Path = ROOT) -> Iterator[Case]:
    """Every fixture case under ``root``, sorted (inputs are files other than .json/.url)."""
    return testing.cases(root)
