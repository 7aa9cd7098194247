"""Built-in output plugins ("writers"): one module per output format.

Each module registers its writers through the ``broadsheet_writers`` hook.
:data:`MODULES` lists the modules the registry loads.
"""

__all__ = ["MODULES"]

MODULES: tuple[str, ...] = (
    "broadsheet.writers.json",
    "broadsheet.writers.rss",
    "broadsheet.writers.atom",
    "broadsheet.writers.jsonfeed",
    "broadsheet.writers.markdown",
)
