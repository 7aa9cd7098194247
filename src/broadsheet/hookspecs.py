"""The plugin hooks. Every hook is prefixed ``broadsheet_`` and documented here.

A plugin is a module (or any object) with functions named like these hooks,
marked with :data:`hookimpl`. Built-in formats and writers register through
the same hooks; third-party plugins are found through the entry-point group
``broadsheet``::

    [project.entry-points.broadsheet]
    myoutlet = "broadsheet_myoutlet"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from broadsheet.plugin import Format, Writer

__all__ = ["PROJECT", "broadsheet_formats", "broadsheet_writers", "hookimpl", "hookspec"]

PROJECT = "broadsheet"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Mark a plugin's hook functions with this: ``@hookimpl def broadsheet_formats(): …``."""


@hookspec
def broadsheet_formats() -> list[Format]:
    """Return the input formats this plugin provides, as :class:`~broadsheet.Format` instances.

    Called once when the registry loads. Names must be unique across all
    plugins; a later duplicate is reported and ignored.
    """
    raise NotImplementedError


@hookspec
def broadsheet_writers() -> list[Writer]:
    """Return the output writers this plugin provides, as :class:`~broadsheet.Writer` instances.

    Called once when the registry loads. The writer's ``name`` is what
    ``--to`` takes on the command line.
    """
    raise NotImplementedError
