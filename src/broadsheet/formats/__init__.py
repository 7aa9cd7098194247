"""Built-in input plugins ("formats"), one module per outlet or platform family.

Each module registers its formats through the ``broadsheet_formats`` hook,
exactly like a third-party plugin. :data:`MODULES` lists the modules the
registry loads; add a new built-in format's module here.

Modules are named ``<outlet-or-family>_<medium>.py``, so an outlet's readers
sit together: ``marxist_text.py`` and ``marxist_html.py`` (marxist.com),
``popularresistance_*``, ``socialistrevolution_*``, ``blogger_*`` (any
Blogger blog), ``generic_text.py``/``generic_html.py`` (any capture or page),
``platforms_html.py`` (any WordPress or Joomla site), ``trafilatura_html.py``,
``feed.py`` (RSS, Atom, JSON Feed) and ``json_input.py`` (broadsheet's own
JSON). Modules with a leading underscore are shared private helpers, not
plugins: ``_joomla.py``, ``_wordpress.py``, ``_blogger.py`` (platform markup),
``_metadata.py`` (JSON-LD, Open Graph and ``<meta>`` fields), ``_listing.py``
(HTML listing teasers and pagination), ``_text_listing.py`` (plain-text
listing helpers) and ``_outlets.py`` (whether an outlet format claims a page,
for the platform formats). HTML reading itself lives in :mod:`broadsheet.html`.
"""

__all__ = ["KINDS", "MODULES", "RENAMED"]

MODULES: tuple[str, ...] = (
    "broadsheet.formats.json_input",
    "broadsheet.formats.generic_text",
    "broadsheet.formats.marxist_text",
    "broadsheet.formats.popularresistance_text",
    "broadsheet.formats.socialistrevolution_text",
    "broadsheet.formats.blogger_text",
    "broadsheet.formats.marxist_html",
    "broadsheet.formats.popularresistance_html",
    "broadsheet.formats.socialistrevolution_html",
    "broadsheet.formats.blogger_html",
    "broadsheet.formats.platforms_html",
    "broadsheet.formats.generic_html",
    "broadsheet.formats.generic_html_listing",
    "broadsheet.formats.trafilatura_html",
    "broadsheet.formats.feed",
)

RENAMED: dict[str, str] = {
    "broadsheet.formats.text_generic": "broadsheet.formats.generic_text",
    "broadsheet.formats.text_imt": "broadsheet.formats.marxist_text",
    "broadsheet.formats.text_popularresistance": "broadsheet.formats.popularresistance_text",
    "broadsheet.formats.text_socialistrevolution": "broadsheet.formats.socialistrevolution_text",
    "broadsheet.formats.text_blogger": "broadsheet.formats.blogger_text",
    "broadsheet.formats.html_marxist": "broadsheet.formats.marxist_html",
    "broadsheet.formats.html_popularresistance": "broadsheet.formats.popularresistance_html",
    "broadsheet.formats.html_socialistrevolution": "broadsheet.formats.socialistrevolution_html",
    "broadsheet.formats.html_blogger": "broadsheet.formats.blogger_html",
    "broadsheet.formats.html_platforms": "broadsheet.formats.platforms_html",
    "broadsheet.formats.html_generic": "broadsheet.formats.generic_html",
    "broadsheet.formats.html_trafilatura": "broadsheet.formats.trafilatura_html",
}
"""Old module name -> new (0.x renamed the modules by outlet): ``BROADSHEET_BLOCK``
still accepts the old names, full or short (``text_generic``)."""

KINDS: dict[str, tuple[str, ...]] = {
    "broadsheet.formats.json_input": ("json",),
    "broadsheet.formats.generic_text": ("text",),
    "broadsheet.formats.marxist_text": ("text",),
    "broadsheet.formats.popularresistance_text": ("text",),
    "broadsheet.formats.socialistrevolution_text": ("text",),
    "broadsheet.formats.blogger_text": ("text",),
    "broadsheet.formats.marxist_html": ("html",),
    "broadsheet.formats.popularresistance_html": ("html",),
    "broadsheet.formats.socialistrevolution_html": ("html",),
    "broadsheet.formats.blogger_html": ("html",),
    "broadsheet.formats.platforms_html": ("html",),
    "broadsheet.formats.generic_html": ("html",),
    "broadsheet.formats.generic_html_listing": ("html",),
    "broadsheet.formats.trafilatura_html": ("html",),
    "broadsheet.formats.feed": ("feed", "json"),
}
"""Module -> the page kinds its formats read, so that the registry imports only the
modules a page's kind needs (start-up: a text capture never imports lxml). A module
missing here is imported for every kind; ``tests/test_registry.py`` checks the table
against what the modules provide."""
