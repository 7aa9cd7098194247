"""Which pages belong to an outlet format built on the shared platform code.

Private: the outlet formats (``marxist_html``, ``popularresistance_html``,
``socialistrevolution_html``) read WordPress and Joomla markup with the same
helpers as the platform formats (``platforms_html``). The platform formats
step aside on a page an outlet format claims; this module holds that test, so
that the platform formats need neither the registry nor the outlet modules.
:func:`outlet_claims` is true exactly when one of those outlet formats sniffs
the page at or above :data:`broadsheet.plugin.THRESHOLD` (a test pins it).
"""

from __future__ import annotations

from broadsheet.formats._joomla import is_joomla3, is_joomla15
from broadsheet.formats._wordpress import is_wordpress
from broadsheet.page import Page
from broadsheet.urls import on_hosts

__all__ = [
    "JOOMLA_OUTLETS",
    "OUTLET_DOMAINS",
    "WORDPRESS_OUTLETS",
    "is_marxist",
    "outlet_claims",
]

MARXIST_SITE_NAMES = ("in defence of marxism", "marxist.com")
"""``og:site_name`` values of marxist.com pages (saved without their URL)."""

WORDPRESS_OUTLETS: tuple[str, ...] = ("popularresistance.org", "socialistrevolution.org")
"""Hosts of the outlets with a WordPress format of their own."""

JOOMLA_OUTLETS: tuple[str, ...] = ("socialistappeal.org",)
"""Hosts of the outlets with a Joomla format of their own (marxist.com aside: it is
also recognised by its site name, :func:`is_marxist`)."""

OUTLET_DOMAINS: tuple[str, ...] = tuple(
    sorted({"marxist.com", *WORDPRESS_OUTLETS, *JOOMLA_OUTLETS})
)
"""Hosts that belong to an outlet format."""


def is_marxist(page: Page) -> bool:
    """Whether the page names marxist.com as its home (hosts or ``og:site_name``)."""
    if on_hosts(page, ("marxist.com",)):
        return True
    site = page.metadata.opengraph.get("og:site_name", "").strip().lower()
    return site in MARXIST_SITE_NAMES


def outlet_claims(page: Page) -> bool:
    """Whether one of the outlet formats built on the same platform code claims ``page``
    (by its hosts or its site name): the platform formats then step aside."""
    joomla = is_joomla15(page) or is_joomla3(page)
    if joomla and (is_marxist(page) or on_hosts(page, JOOMLA_OUTLETS)):
        return True
    return on_hosts(page, WORDPRESS_OUTLETS) and is_wordpress(page)
