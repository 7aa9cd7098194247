"""An article's authors: found in every source a page offers, split into people.

Shared by every HTML format through :func:`~broadsheet.formats._metadata.article_fields`.

Finding (first source with a person wins; an organisation is kept only when no
source names a person):

1. JSON-LD ``author`` of the article node (strings, ``Person`` objects, arrays,
   ``@id`` references into ``@graph``), then of any other node;
2. microdata ``author``;
3. ``<meta name=author>``, ``article:author`` (a name, not a URL),
   ``parsely-author``, ``sailthru.author``, ``dc.creator``, ``byl`` — unless it is
   only the site's own name (``og:site_name``, the title's last part), which is kept
   for when no byline below names a person;
4. byline markup: ``itemprop=author``, ``rel=author`` links, then elements whose
   class or id tokens say author or byline (``author``, ``byline``,
   ``author-name``, ``post-author``, ``writer``, ``contributor`` …) — tokens
   used across many sites, never one site's names; an author's box whose text is
   a name and a long bio gives its first short line of capitalised names; last, a
   link to an author's page (``/author/ana-ruiz/``), the names its address spells;
5. a ``By …`` line beside the ``<h1>``, or its label alone (``By``, ``Written by``)
   with the name the next text (a link, the next element), capitalised.

Splitting (:func:`split_names`): ``By``/``Written by``/``Von``/``Par``/``Por``
and the like go; ``A and B``, ``A, B, C and D``, ``A & B`` and the localised
``und``/``y``/``et``/``e``/``en`` are several people; credits (``(Image:
Getty)``, ``Photo: …``), dates glued to a name (``Ana Weber | March 3,
2021``), roles after a comma (``Ana Weber, Senior Editor``) and agency or
``Staff`` entries beside a person are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from broadsheet.formats._marks import author_page, author_slug, following, marks
from broadsheet.text import clean

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.metadata import Metadata
    from broadsheet.page import Page

__all__ = ["find_authors", "is_name", "site_names", "split_names"]

_URLISH = re.compile(r"^(https?:)?//|^www\.|\.(com|org|net)\b", re.I)
_BY = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|story|text|words|compiled|edited|authored)"
    r"\s+by"
    r"|by|von|par|por|di|door|av|af|autor(?:in)?|author|auteur|escrito por|texto)\b[:\s]*",
    re.I,
)
_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:image|images|photo|photos|picture|pictures|foto|fotos|credit|getty|"
    r"illustration|video)\b[^()]*)\)|\b(?:image|photo|photograph|picture|foto|illustration|"
    r"credit|photography)s?\s*(?:by|:).*$",
    re.I,
)
_MONTH = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december"
)
_GLUED_DATE = re.compile(
    r"\s*(?:[|\u2013\u2014·•]|\s-\s|\bon\b|\bat\b|\bupdated\b|\bpublished\b|\bposted\b)?\s*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,2}\s+(?:" + _MONTH + r")\b|(?:" + _MONTH + r")\.?\s+\d{1,2}\b|\d{1,2}[./-]\d{1,2}"
    r"[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d+\s+(?:min|minute|hour|day)s?\b).*$",
    re.I,
)
_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\by\b|\bet\b|\be\b|\ben\b|\bi\b|\boch\b|\bog\b)\s*",
    re.I,
)
_ROLE_WORDS = {
    "staff",
    "editor",
    "editors",
    "writer",
    "reporter",
    "correspondent",
    "contributor",
    "columnist",
    "senior",
    "chief",
    "associate",
    "managing",
    "deputy",
    "news",
    "desk",
    "newsdesk",
    "team",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "agency",
    "agencies",
    "wire",
    "contributing",
    "special",
    "guest",
    "freelance",
    "author",
    "expert",
    "md",
    "phd",
    "ph.d.",
    "m.d.",
}
_AGENCIES = {
    "ap",
    "afp",
    "reuters",
    "associated press",
    "the associated press",
    "dpa",
    "efe",
    "ansa",
    "pa",
    "pa media",
    "upi",
    "bloomberg",
    "xinhua",
    "apa",
    "ani",
    "pti",
    "ians",
    "getty",
    "getty images",
}
_NOT_NAME = re.compile(
    r"\b(?:comments?|subscribe|minutes?|min|profile|posts|articles?|email|twitter|"
    r"facebook|linkedin|instagram|menu|contact|read more|view all|sign in|log in)\b",
    re.I,
)
_TOKEN_SPLIT = re.compile(r"[\s_]+")
_AUTHOR_TOKENS = {
    "author",
    "authors",
    "byline",
    "bylines",
    "author-name",
    "authorname",
    "author_name",
    "byline-name",
    "byline__name",
    "byline__author",
    "post-author",
    "entry-author",
    "article-author",
    "author-link",
    "by-author",
    "meta-author",
    "posted-by",
    "writer",
    "contributor",
    "article__author",
    "article-byline",
    "post-byline",
    "c-byline",
}
_SKIP_TOKENS = {"comment", "comments", "comment-author", "related", "avatar", "author-bio"}
_NOT_BYLINE = {
    "bio",
    "image",
    "img",
    "avatar",
    "photo",
    "picture",
    "description",
    "desc",
    "box",
    "social",
    "follow",
    "more",
    "posts",
    "list",
    "card",
    "about",
    "info",
    "wrapper",
}
_NOT_AUTHOR = re.compile(
    r"^\s*(?:(?:(?:last\s+)?updated|(?:medically\s+|expert\s+)?reviewed|fact[-\s]?checked"
    r"|verified|approved)\s+by\b|published\s+in\b)",
    re.I,
)
"""A byline naming who updated, reviewed or checked the story, not who wrote it, or the
publication it came out in ("Published in The Harbour Review")."""
_HANDLE = re.compile(r"\(\s*@\w+\s*\)")
"""A social handle after a name ("Ana Ruiz (@anaruiz)"): not part of it."""
_LATER_ROLE = re.compile(
    r"\s*\b(?:(?:last\s+)?updated|(?:medically\s+)?reviewed|fact[-\s]?checked)\s+by\b.*$", re.I
)
"""What follows a writer's name about who updated or reviewed the story."""
_BY_LINE = re.compile(r"^\s*(?i:by|von|par|por|door|written by|posted by)[:\s]\s*\w")
_BY_LABEL = re.compile(r"^\s*(?i:by|von|par|por|door|written by|posted by|author)\s*:?\s*$")
"""A byline's label set apart from the name (``<p>Written by</p><p>Ana Ruiz</p>``)."""
_DATE_BIT = re.compile(
    r"\d|^\W*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\W*$"
)
"""A piece of a date between a byline's label and its name (``Aug``, ``09``, ``1:44p``)."""
_PARTICLES = {
    "van",
    "der",
    "den",
    "de",
    "da",
    "di",
    "du",
    "von",
    "le",
    "la",
    "bin",
    "al",
    "el",
    "y",
}


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\$\{|%s|^[a-z_]+(?:\.[a-z_]+){3,}$")
"""A template's unfilled slot (``{{ author }}``, ``page.head.extra.author``), not a name
(a user name may be dotted: ``sara.r.peter``)."""


def is_name(text: str) -> bool:
    """True when ``text`` reads as a person's or an outlet's name, not a phrase or a credit
    (a name starts with a letter or a digit: "'ve consulted with…" is a sentence's rest),
    nor a template's unfilled slot."""
    words = text.split()
    if not words or len(words) > 6 or len(text) > 60 or _URLISH.search(text):
        return False
    if not text[0].isalnum() or _PLACEHOLDER.search(text):
        return False
    if sum(c.isdigit() for c in text) > 2 or _NOT_NAME.search(text):
        return False
    return any(c.isalpha() for c in text)


def _capitalised(names: list[str]) -> bool:
    """True when every name is written as names are in running text (``Ana van Dijk``)."""
    for name in names:
        words = name.split()
        lower = [w for w in words if not w[0].isupper() and w not in _PARTICLES]
        if lower:
            return False
    return True


def _role(part: str) -> bool:
    words = [w.strip(".,").lower() for w in part.split()]
    return bool(words) and all(w in _ROLE_WORDS for w in words)


def split_names(text: str | None, *, desks: bool = False) -> list[str]:
    """The people in a byline or author field (see the module docstring for the rules);
    with ``desks``, a field naming only a desk or a team (``News Desk``) keeps it."""
    text = clean(text)
    if not text or _URLISH.match(text):
        return []
    if _NOT_AUTHOR.match(text):
        return []
    text = _HANDLE.sub("", _CREDIT.sub("", text))
    text = _BY.sub("", text)
    text = _GLUED_DATE.sub("", text)
    text = _LATER_ROLE.sub("", text).strip(" ,.;:-|\u2013\u2014·•")
    if not text:
        return []
    if "," in text and not re.search(r"\band\b|&|;", text, re.I):
        # "Kaufman, Jeff T." (surname first) stays one name
        head, _, tail = text.partition(",")
        if len(head.split()) == 1 and 1 <= len(tail.split()) <= 2 and "," not in tail:
            return [text] if is_name(text) else []
    parts = [clean(_BY.sub("", p)).strip(' .-"“”«»') for p in _SEPARATORS.split(text)]
    names: list[str] = []
    for part in parts:
        if not part or _role(part) or not is_name(part):
            continue
        if part not in names:
            names.append(part)
    people = [n for n in names if n.lower() not in _AGENCIES]
    if not people and not names and desks and is_name(text) and len(text.split()) <= 3:
        return [text]
    return people or names


def _types(node: Mapping[str, Any]) -> set[str]:
    kind = node.get("@type")
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else {str(kind)}


def _by_id(meta: Metadata, value: Any) -> Any:
    if isinstance(value, Mapping) and set(value) <= {"@id", "@type"} and "@id" in value:
        wanted = value["@id"]
        for node in meta.jsonld:
            if node.get("@id") == wanted:
                return node
    return value


def ld_people(meta: Metadata, value: Any) -> tuple[list[str], list[str]]:
    """(people, organisations) named by a JSON-LD ``author`` value."""
    items = value if isinstance(value, list) else [value]
    people: list[str] = []
    orgs: list[str] = []
    for item in items:
        item = _by_id(meta, item)
        name: Any = item
        is_org = False
        if isinstance(item, Mapping):
            name = item.get("name") or item.get("alternateName")
            if isinstance(name, list):
                name = next((n for n in name if isinstance(n, str)), None)
            is_org = bool(_types(item) & {"Organization", "NewsMediaOrganization", "Corporation"})
        if not isinstance(name, str):
            continue
        for part in split_names(name):
            target = orgs if is_org else people
            if part not in target:
                target.append(part)
    return people, orgs


def _tokens(el: HtmlElement) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(_TOKEN_SPLIT.split(raw)) - {""}


def _skipped(el: HtmlElement) -> bool:
    for anc in (el, *el.iterancestors()):
        if anc.tag in ("footer", "aside", "nav") or _tokens(anc) & _SKIP_TOKENS:
            return True
    return False


def _element_names(el: HtmlElement) -> list[str]:
    inner = el.find(".//*[@itemprop='name']")
    if inner is not None:
        text = inner.get("content") or _text(inner)
    else:
        text = el.get("content") if el.tag == "meta" else _text(el)
    if text and len(text) > 300:
        return _box_names(el)
    if not text or _NOT_AUTHOR.match(text):
        return []
    return split_names(text)


def _box_names(el: HtmlElement) -> list[str]:
    """The name an author's box shows above its bio: the first short line of ``el``
    (a descendant whose whole text is a few words) that reads as names, capitalised."""
    for sub in el.iterdescendants():
        if not isinstance(sub.tag, str) or sub.tag in ("script", "style", "img"):
            continue
        text = _text(sub)
        if not text or len(text) > 60 or _NOT_AUTHOR.match(text):
            continue
        names = split_names(text)
        if names and _capitalised(names):
            return names
    return []


def _text(el: HtmlElement) -> str:
    """``el``'s text with a space where markup separates words (``WRITTEN BY</span>Ana``)."""
    return " ".join(t for t in el.itertext() if t.strip())


def _markup(page: Page, scope: HtmlElement | None) -> list[str]:
    found: list[HtmlElement] = []
    linked: list[HtmlElement] = []
    for el in marks(page).bylines:
        if not isinstance(el.tag, str) or el.tag in ("img", "script", "style", "body", "html"):
            continue
        tokens = _tokens(el)
        marked = el.get("itemprop") == "author" or el.get("rel") == "author"
        parts = {p for t in tokens for p in re.split(r"[-_]+", t)}
        loose = not parts & {"author", "byline"} or (
            bool(parts & _NOT_BYLINE) and "name" not in parts  # author-box__name: the name
        )
        if not marked and not tokens & _AUTHOR_TOKENS and loose:
            if el.tag == "a" and author_page(el) and not _skipped(el):
                linked.append(el)  # a link to an author's page: asked after the bylines
            continue
        if _skipped(el):
            continue
        found.append(el)
    if scope is not None:
        # the article's own byline first
        def own(e: HtmlElement) -> int:
            return 0 if any(a is scope for a in e.iterancestors()) else 1

        found.sort(key=own)
        linked.sort(key=own)
    for el in found:
        names = _element_names(el)
        if names:
            return names
    for el in linked:
        names = _slug_names(el, _element_names(el))
        if names:
            return names
    return []


def _slug_names(a: HtmlElement, names: list[str]) -> list[str]:
    """The names of a link to an author's page (:func:`author_page`) that its address
    spells: "More by this contributor" is no name of ``/authors/ana-ruiz``, and "Ana Ruiz
    Staff Writer" is "Ana Ruiz". Names of a link to no author's page are kept."""
    slug = author_slug(a)
    if not slug:
        return names
    kept = []
    for name in names:
        words = name.split()
        lowered = [w.casefold() for w in words]
        if len(slug) > 1 and lowered[: len(slug)] == slug:
            kept.append(" ".join(words[: len(slug)]))  # the name, its role after it cut
        elif set(lowered) & set(slug):
            kept.append(name)
    return kept


def _near_title(root: HtmlElement, scope: HtmlElement | None) -> list[str]:
    h1 = next(scope.iter("h1"), None) if scope is not None else None
    if h1 is None:
        h1 = next(root.iter("h1"), None)
    if h1 is None:
        return []
    count = 0
    label = 0  # after a "Written by" label alone (1 and up): the name is the next text
    for el in following(h1):
        count += 1
        if count > 150:
            break
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            if label and not isinstance(el.tag, str) and el.tail and el.tail.strip():
                # "by: <!-- -->Ana Ruiz": the name is a comment's tail
                names = split_names(el.tail) if len(el.tail) < 80 else []
                return names if names and _capitalised(names) else []
            continue
        for own, text in ((True, el.text), (False, el.tail)):
            if label and text and text.strip():
                if _DATE_BIT.search(text):
                    label += 1  # "By | Aug | 09 | 1:44p | Ana Ruiz": the date first
                    if label > 5:
                        return []
                    continue
                names = split_names(text) if len(text) < 80 else []
                return names if names and _capitalised(names) else []
            if text and _BY_LABEL.match(text):
                label = 1
                continue
            if text and len(text) < 120 and _BY_LINE.match(text):
                full = el.text_content() if own else text
                names = split_names(full if len(full) < 160 else text)
                if names and (_capitalised(names) or len(full.split()) <= 3):
                    return names
    return []


def _first(values: Iterable[Any]) -> list[str]:
    for value in values:
        if isinstance(value, str):
            names = split_names(value)
            if names:
                return names
    return []


def find_authors(
    page: Page,
    scope: HtmlElement | None,
    ld: Mapping[str, Any],
    md: Mapping[str, Any],
) -> list[str]:
    """The article's authors, by the order in the module docstring."""
    meta = page.metadata
    orgs: list[str] = []
    sources = [ld.get("author")] + [n.get("author") for n in meta.jsonld if n is not ld]
    for value in sources:
        if value is None:
            continue
        people, found_orgs = ld_people(meta, value)
        if people:
            return people
        orgs = orgs or found_orgs
    if md.get("author"):
        people, found_orgs = ld_people(meta, md["author"])
        if people:
            return people
    og = meta.opengraph
    names = _first(
        [
            meta.meta.get("author"),
            None if _URLISH.search(og.get("article:author", "")) else og.get("article:author"),
            meta.meta.get("parsely-author"),
            meta.meta.get("sailthru.author"),
            meta.meta.get("dc.creator"),
            meta.meta.get("byl"),
        ]
    )
    if meta.meta.get("twitter:label1", "").strip().lower() == "written by":
        names = names or split_names(meta.meta.get("twitter:data1"))
    if names and _is_site(meta, names):
        orgs, names = orgs or names, []  # the site's own name as the author: no person
    if names and not (orgs and set(names) <= set(orgs)):
        return names
    found = _markup(page, scope) or _near_title(page.tree, scope) or names or orgs
    return found or _desk(meta, sources)


_SITE_SEP = re.compile(r"\s+[|\u2013\u2014\-»·\u2022]\s+")


def site_names(meta: Metadata) -> set[str]:
    """The site's own name as the page gives it, lower-cased: its ``og:site_name``, and
    the last part of its ``<title>`` (``Headline | Site``)."""
    sites = {clean(meta.opengraph.get("og:site_name") or "").casefold()}
    parts = _SITE_SEP.split(clean(meta.title or ""))
    if len(parts) > 1:
        sites.add(parts[-1].casefold())
    sites.discard("")
    return sites


def _is_site(meta: Metadata, names: list[str]) -> bool:
    """Whether ``names`` is only the site's own name (:func:`site_names`): a ``<meta
    name=author>`` a site fills with itself."""
    sites = site_names(meta)
    return bool(sites) and all(n.casefold() in sites for n in names)


def _desk(meta: Metadata, sources: list[Any]) -> list[str]:
    """A desk or a team the structured fields name as the author (``News Desk``,
    ``Editorial Team``) when no source names a person or an organisation."""
    for value in [*sources, meta.meta.get("author"), meta.meta.get("twitter:data1")]:
        value = _by_id(meta, value[0] if isinstance(value, list) and value else value)
        name = value.get("name") if isinstance(value, Mapping) else value
        if isinstance(name, str):
            found = split_names(name, desks=True)
            if found:
                return found
    return []
