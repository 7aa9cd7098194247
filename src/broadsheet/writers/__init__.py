"""Built-in output plugins ("writers"): one module per output format.

Each module registers its writers through the ``broadsheet_writers`` hook.
:data:`MODULES` lists the modules the registry loads.

Where things live: ``json.py`` (the JSON form and JSON Lines), ``rss.py``,
``atom.py`` and ``jsonfeed.py`` (the feeds), sharing ``_feed.py`` (items, ids,
the date policy and the fallbacks of every feed), and ``markdown.py``
(Markdown with YAML front matter). Body blocks become HTML and Markdown
through :mod:`broadsheet.render`. A writer declares how ``convert`` uses it
(:attr:`broadsheet.plugin.Writer.layout`) and which format reads its output
back (:attr:`~broadsheet.plugin.Writer.reads_back_with`); writers never
import formats or the registry.
"""

__all__ = ["MODULES", "NAMES"]

MODULES: tuple[str, ...] = (
    "broadsheet.writers.json",
    "broadsheet.writers.rss",
    "broadsheet.writers.atom",
    "broadsheet.writers.jsonfeed",
    "broadsheet.writers.markdown",
)

NAMES: dict[str, tuple[str, ...]] = {
    "broadsheet.writers.json": ("json", "jsonl"),
    "broadsheet.writers.rss": ("rss",),
    "broadsheet.writers.atom": ("atom",),
    "broadsheet.writers.jsonfeed": ("jsonfeed",),
    "broadsheet.writers.markdown": ("markdown",),
}
"""Module -> the writers it provides, so that asking for one writer imports only its
module (start-up); ``tests/test_registry.py`` checks the table."""
