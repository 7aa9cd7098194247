"""Built-in output plugins ("writers"): one module per output format.

Each module registers its writers through the ``broadsheet_writers`` hook.
:data:`MODULES` lists the modules the registry loads.
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
