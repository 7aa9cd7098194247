"""Built-in input plugins ("formats"), one module per outlet or platform family.

Each module registers its formats through the ``broadsheet_formats`` hook,
exactly like a third-party plugin. :data:`MODULES` lists the modules the
registry loads; add a new built-in format's module here.
"""

__all__ = ["MODULES"]

MODULES: tuple[str, ...] = (
    "broadsheet.formats.json_input",
    "broadsheet.formats.text_generic",
    "broadsheet.formats.text_imt",
    "broadsheet.formats.text_popularresistance",
    "broadsheet.formats.text_socialistrevolution",
    "broadsheet.formats.text_blogger",
    "broadsheet.formats.html_marxist",
    "broadsheet.formats.html_popularresistance",
    "broadsheet.formats.html_socialistrevolution",
    "broadsheet.formats.html_blogger",
    "broadsheet.formats.html_platforms",
    "broadsheet.formats.html_generic",
    "broadsheet.formats.html_trafilatura",
    "broadsheet.formats.feed",
)
