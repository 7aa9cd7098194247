"""The main-content finder: which element of a page holds its article's text.

:func:`find_main` picks the element that holds an article's text, without
scoring the whole page twice: ``itemprop=articleBody``, the common body
classes of CMS themes (``entry-content``, ``post-body``…) and ``<article>``
are candidates; the paragraph-density winner (each ``<p>`` credits its
parent with its length and its grandparent with half) is the fallback and
the referee — a named candidate is kept only when it holds a fair share of
the densest element's paragraph text. Pages that set their text in
``<div>``/``<td>`` with ``<br>`` (little paragraph markup) are scored on that
text too. A lone paragraph (or quote) that outscores its container gives way
to it (:data:`LEAF_SHARE`). When the body found is short (:data:`SHORT_BODY`), two
larger candidates are compared with it: the post that holds it — the nearest of its
ancestors (:data:`HOLDER_DEPTH` levels up at most, none of them off-topic) whose class
or id names a post or a body (``post``, ``hentry``, ``story``, the body classes) or
that is an ``<article>``, holding :data:`HOLDER_GAIN` times its prose — is taken (a
post whose share bars and author box cost it more than its short text is worth,
so one paragraph of it won); then the density winner's is taken if it holds far
more prose — trafilatura's comparison of its own short result with a baseline
extractor's — or, however short, when the body found is a headline (a headline is no
body), or when the body is one paragraph that the density winner holds with
:data:`LEAF_GAIN` times its text in lines of plain text (the story's short lines that
its teaser links cost more than they were worth).
:func:`prune` then cleans a body found this way of the furniture
that lives inside article containers ("Related:" lines, advert labels,
link-only teasers, a "You may also like" tail).
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

from broadsheet.dates import parse_date
from broadsheet.html.blocks import blocks
from broadsheet.html.query import class_tokens
from broadsheet.html.score import Scores, camel_thread, score
from broadsheet.model import Block, Heading, Link, ListItem, Paragraph
from broadsheet.text import clean, is_boilerplate

if TYPE_CHECKING:
    from collections.abc import Iterator

    from broadsheet.page import Page

__all__ = [
    "FALLBACK_GAIN",
    "FALLBACK_MIN",
    "HOLDER_DEPTH",
    "HOLDER_GAIN",
    "LEAF_GAIN",
    "LEAF_SHARE",
    "NAMED_SHARE",
    "REPEAT_MAX",
    "REPEAT_MIN",
    "SHORT_BODY",
    "TAIL_PROSE",
    "article_body",
    "find_main",
    "jsonld_body",
    "linked_share",
    "page_scores",
    "prune",
]


_BODY_CLASSES = frozenset(
    {
        "entry-content", "post-content", "post-body", "article-body", "article-content",
        "articlebody", "article__body", "article__content", "story-body", "story-content",
        "story__body", "content-body", "c-entry-content", "td-post-content", "post-entry",
        "entry-body", "article-text", "body-text", "field-name-body", "itemfulltext",
        "item-page", "blog-post-body", "post__content", "rich-text", "articletext",
        "article_body", "post-text", "news-text", "text-content", "main-text", "story-text",
        "article-main", "entry",
    }
)  # fmt: skip
_MIN_P = 25
_ANCESTRY = 5
_FEW_P = 1000


_TEXT_HOLDERS = frozenset({"div", "td", "section", "article", "main", "font", "center"})


def _own_text(el: HtmlElement) -> int:
    """Characters of text directly inside ``el`` (its text and its children's tails)."""
    total = len(el.text.strip()) if el.text else 0
    for child in el:
        if child.tail:
            total += len(child.tail.strip())
        if child.tag in ("a", "b", "i", "em", "strong", "span", "font") and child.text:
            total += len(child.text.strip())
    return total


def _named(el: HtmlElement) -> bool:
    if el.get("itemprop") == "articleBody":
        return True
    cls = el.get("class")
    return bool(cls) and any(t in _BODY_CLASSES for t in cls.lower().split())


def _density(
    root: HtmlElement,
) -> tuple[dict[HtmlElement, float], list[HtmlElement], bool]:
    """Paragraph-density scores and the named body candidates.

    One pass over the paragraphs. Named candidates are looked for only among the
    scored elements and the ancestors of the best-scored ones — a container that
    holds a fair share of the text is one of those — so the page's other ``<div>``
    elements are never visited (that is most of the cost on a big page). Only on
    a page with little paragraph text are ``<div>``/``<td>`` texts scored too.
    """
    scores: dict[HtmlElement, float] = {}
    p_total = 0
    for el in root.iter("p", "pre", "blockquote"):
        length = len(el.text_content().strip())
        if length < _MIN_P:
            continue
        p_total += length
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + length / 2
    few = p_total < _FEW_P
    if few:
        # little paragraph markup: text set in <div>/<td> with <br> counts too
        for el in root.iter(*_TEXT_HOLDERS):
            length = _own_text(el)
            if length < 100:
                continue
            scores[el] = scores.get(el, 0.0) + length
            parent = el.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0.0) + length / 2
    named: dict[HtmlElement, None] = {}
    for el in scores:
        if el.tag in _TEXT_HOLDERS and _named(el):
            named[el] = None
    for el, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:_ANCESTRY]:
        for anc in el.iterancestors(*_TEXT_HOLDERS):
            if _named(anc):
                named[anc] = None
    articles = list(root.iter("article"))
    if len(articles) <= 3:
        for a in articles:
            named[a] = None
    return scores, list(named), few


def _p_text(el: HtmlElement, holders: bool) -> int:
    total = 0
    for p in el.iter("p", "pre", "blockquote", *(_TEXT_HOLDERS if holders else ())):
        if p.tag in _TEXT_HOLDERS:
            length = _own_text(p)
            if length >= 100:
                total += length
            continue
        length = len(p.text_content().strip())
        if length >= _MIN_P:
            total += length
    return total


_THREADS = frozenset(
    {"comment", "comments", "commentlist", "comment-list", "comment-body", "comment-content",
     "comments-area", "respond", "disqus_thread"}
)  # fmt: skip
_OFF_TOPIC = _THREADS | {"sidebar", "widget", "related", "footer"}


def _off_topic(el: HtmlElement, *, threads: bool = False) -> bool:
    """Whether ``el`` sits in a comment thread, a sidebar or a footer (by whole class
    names); with ``threads``, in a comment thread only."""
    node: HtmlElement | None = el
    names = _THREADS if threads else _OFF_TOPIC
    while node is not None and node.tag not in ("body", "html"):
        if not threads and node.tag in ("aside", "footer", "nav"):
            return True
        if node.get("class") is not None or node.get("id") is not None:
            for token in class_tokens(node):
                if token in names or token.startswith(("comment-", "div-comment")):
                    return True
            raw = f"{node.get('class') or ''} {node.get('id') or ''}"
            if raw.lower() != raw and camel_thread(raw):
                return True  # userComments, postCommentsList: a thread
        node = node.getparent()
    return False


def _dense(root: HtmlElement, *, strict: bool = False) -> HtmlElement | None:
    """The paragraph-density winner (the finder before scores): a page without prose.
    When every paragraph sits in a comment thread, a sidebar or a footer, the densest
    of them; with ``strict``, the densest outside comment threads, or None (an
    alternative to a short body found elsewhere must not be one comment of the thread)."""
    body = root.find("body")
    scope = body if body is not None else root
    scores, named, holders = _density(scope)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    dense = next((el for el, _ in ranked if not _off_topic(el)), None)
    if dense is None:  # every paragraph is in a comment thread, a sidebar or a footer
        found = (el for el, _ in ranked if not strict or not _off_topic(el, threads=True))
        dense = next(found, None)
        if dense is None:
            return None
    dense_text = _p_text(dense, holders)
    best: HtmlElement | None = None
    best_text = 0
    for cand in dict.fromkeys(named):
        if _off_topic(cand):
            continue
        text = _p_text(cand, holders)
        if text > best_text:
            best, best_text = cand, text
    if best is not None and best_text >= 0.6 * dense_text:
        return best
    return dense


NAMED_SHARE = 0.7
"""A named body container (``itemprop=articleBody``, ``entry-content``…) is the main
content when its score is at least this share of the best element's."""


LEAF_SHARE = 0.5
"""A paragraph that wins is replaced by its parent when the parent scores this share of it."""
_LEAVES = frozenset({"p", "blockquote", "pre"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _within(el: HtmlElement, root: HtmlElement) -> bool:
    return any(a is root for a in el.iterancestors())


def find_main(root: HtmlElement, scores: Scores | None = None) -> HtmlElement | None:
    """The element holding the article's text (see the module docstring); None if no text.

    ``scores`` are ``root``'s (:func:`broadsheet.html.score.score`), computed when not given.
    """
    if scores is None:
        scores = score(root)
    ranked = scores.ranked()
    if root.tag not in ("html", "body"):
        ranked = [(el, v) for el, v in ranked if el is root or _within(el, root)]
        if not ranked and scores.of(root) == 0.0:  # a copy of a part of the scored tree
            scores = score(root)
            ranked = scores.ranked()
    best: tuple[HtmlElement, float] | None = None
    for el, value in ranked[:60]:
        if el.tag not in ("html", "head") and not scores.in_off_topic(el):
            best = el, value
            break
    if best is None:
        return _dense(root)
    top, value = best
    # a tie with a child: the child holds all of it, and less of what is around (never an
    # off-topic child: its score is its own text's, not the nothing it passes up)
    while True:
        child = next((c for c in top if scores.of(c) >= value and c not in scores.off), None)
        if child is None:
            break
        top = child
    # one paragraph outscoring its container: the container is the text (its other
    # blocks cost it a little), as readability credits a paragraph's parent, never it
    while top.tag in _LEAVES:  # a paragraph in a quote: the quote's parent
        parent = top.getparent()
        if (
            parent is None
            or top is root
            or parent.tag in ("html", "body")
            or scores.of(parent) < LEAF_SHARE * value
        ):
            break
        top = parent
    for el, named_value in ranked:
        if named_value < NAMED_SHARE * value:
            break
        if _named(el) and not scores.in_off_topic(el):
            return el
    return top


def page_scores(page: Page) -> Scores:
    """The scores of ``page``'s tree, computed once per page (kept in ``page.memo``)."""
    found = page.memo.get(__name__)
    if not isinstance(found, Scores):
        found = page.memo[__name__] = score(page.tree)
    return found


SHORT_BODY = 3000
"""Characters of body under which the result is compared with the paragraph-density
finder's (:func:`_dense`), as trafilatura compares its own short result with a baseline."""
FALLBACK_GAIN = 2.0
"""How many times more prose the density finder's body must hold to be taken instead."""
FALLBACK_MIN = 500
"""Characters of prose the density finder's body must hold at least to be taken: a page
with little text keeps its own short body."""


def article_body(
    root: HtmlElement, base: str | None = None, scores: Scores | None = None
) -> tuple[HtmlElement | None, list[Block]]:
    """The main-content element of ``root`` and its body blocks, pruned (:func:`prune`)."""
    if scores is None:
        scores = score(root)
    main = find_main(root, scores)
    if main is None:
        return None, []
    body = prune(blocks(main, base, scores=scores))
    have = sum(len(b.text) for b in body)
    if have < SHORT_BODY:
        need = HOLDER_GAIN * max(_prose(body), 1)
        for holder in _holders(main, scores):
            alt = prune(blocks(holder, base, scores=scores))
            if _prose(alt) > need:
                main, body = holder, alt
                have = sum(len(b.text) for b in body)
                break
    if have < SHORT_BODY:
        # a short result: the paragraph-density finder's, when it finds far more prose
        other = _dense(root, strict=True)
        if other is not None and other is not main:
            alt = prune(blocks(other, base, scores=scores))
            # a headline is never a body: any far larger prose is, however short
            least = 0 if main.tag in _HEADINGS else FALLBACK_MIN
            if _prose(alt) > max(FALLBACK_GAIN * have, least):
                return other, alt
            if main.tag in _LEAVES and _within(main, other) and _plain(alt) > LEAF_GAIN * have:
                # one paragraph won, and the densest container of paragraphs holds it:
                # the paragraph's story is that container (its other lines are short)
                return other, alt
    return main, body


HOLDER_GAIN = 1.5
"""How many times the prose of a short body the post holding it must have to be taken."""
HOLDER_DEPTH = 4
"""Levels above a short body's element searched for the post that holds it."""
_HOLDER_NAMES = _BODY_CLASSES | {"post", "hentry", "article", "story"}


def _holders(main: HtmlElement, scores: Scores) -> Iterator[HtmlElement]:
    """The posts that may hold ``main`` (module docstring), nearest first: its ancestors
    named as a post or a body, up to :data:`HOLDER_DEPTH` levels and before an off-topic
    one or ``<body>``; none when ``main`` is a post or a body itself."""
    if _named(main) or main.tag == "article":
        return
    for depth, anc in enumerate(main.iterancestors()):
        if depth >= HOLDER_DEPTH or anc.tag in ("body", "html") or scores.in_off_topic(anc):
            return
        names = f"{anc.get('class') or ''} {anc.get('id') or ''}".lower().split()
        if (
            anc.tag == "article"
            or anc.get("itemprop") == "articleBody"
            or not _HOLDER_NAMES.isdisjoint(names)
        ):
            yield anc


def jsonld_body(text: str) -> list[Block]:
    """JSON-LD ``articleBody`` text as paragraphs (one per non-empty line)."""
    out: list[Block] = []
    for line in text.replace("\r", "\n").split("\n"):
        line = clean(line)
        if line and not is_boilerplate(line):
            out.append(Paragraph(text=line))
    return out


# -- clean-up of a body found by density ------------------------------------------


_JUNK = re.compile(
    r"^(advert(isement)?|ad|close|video|ticker|continue reading( below)?|"
    # a placeholder's text while a part loads ("Loading…", "Loading image...")
    r"loading( \w+)?\s?(\.\.\.|…)?|"
    # an advert's label alone, in other languages (German, French, Spanish, Italian,
    # Portuguese, Dutch, Polish, Russian)
    r"anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|reklama|"
    r"реклама|"
    r"share( this)?( article| story)?|print|email|comments?|\d+ comments?|"
    r"(related|see more|read more|read also|also read|more|don'?t miss|watch|recommended)\s*[:|].*|"
    r"this (slideshow|video|content) requires javascript\.?|"
    # a picture's credit, caption label or gallery counter set as a paragraph
    r"caption|(photo|image|picture|photograph|credit)s?( \d+)? ?(:|by\b).{0,100}|"
    r"(photo|image|picture|slide) \d+ ?(of|/) ?/? ?\d+|"
    r"https?://\S+|"  # a bare address: the page's own URL printed for sharing
    # a table of contents' label, a toggle's
    r"(table of )?contents|inhaltsverzeichnis|sommaire|índice|indice|spis treści|содержание|"
    r"(show|hide)( more| less| all)?|"
    # a form builder's messages (Webflow's, every site built with it)
    r"oops! something went wrong( while submitting the form)?\.?|"
    r"thank you! your submission has been received!?|"
    # a pager's label between posts, a copyright line
    r"(previous|next|older|newer|prev\.?) (article|post|story|entry|page)\W*|"
    r"(©|\(c\)|copyright\b).{0,160}|"
    # a reading time, in the languages above
    r"(reading time|read time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura"
    r"|tempo de leitura|leestijd|czas czytania|время чтения)\W{0,3}\d+\s?\w{0,8}|"
    r"(about )?\d+\s?(min|mins|minutes?|minuten|minutos|minuti|minut|мин)\.?\s?"
    r"(read|reading|read time|de lectura|de leitura|di lettura|de lecture|lesezeit|leestijd)|"
    # a dateline (the date is ``published``), not a comment's "Posted … by" header
    r"(?!.*\bby\b)(first |last )?(published|updated|posted)( on| at)?:?\s"
    r"[^.]{0,60}\b(19|20)\d\d\b[^.]{0,25})$",
    re.I,
)
_END = re.compile(
    r"^(you (may|might) (also )?like|most (read|popular|viewed|shared)|"
    r"related (stories|articles|posts|content|coverage|news)|more (stories|from|news|on this)|"
    r"(posts|articles|stories|entries) related to|explore more|more to explore|"
    r"keep reading|discover more|"
    r"recommended( for you| stories)?|"
    r"(our )?latest (stories|news)|trending( now| stories)?|popular (stories|posts)|"
    r"(related|latest|recent) blog posts|(latest|recent) articles|"
    r"((more|other) )?(articles|posts) you(['’]ll| (may|might|will))( also)? (enjoy|like|love)|"
    r"you (may|might) also be interested in|"
    r"read (more|next)|up next|what to read next|around the web|from around the web|"
    # the same rails in the languages of the news most read (German, French, Spanish,
    # Italian, Portuguese, Dutch, Polish, Russian, Ukrainian)
    r"das könnte sie auch interessieren|mehr zum thema|weitere artikel|meistgelesen|"
    r"(à |a )?lire aussi|sur le même sujet|les plus lus|articles similaires|"
    r"(también )?te puede interesar|noticias relacionadas|lo más leído|más noticias|"
    r"leggi anche|potrebbe interessarti|articoli correlati|i più letti|"
    r"leia também|veja também|notícias relacionadas|mais lidas|"
    r"lees ook|meest gelezen|gerelateerde artikelen|"
    r"czytaj (także|też)|zobacz (także|też)|najczęściej czytane|"
    r"читайте также|самые популярные|похожие (статьи|новости)|популярное|ещё по теме|"
    r"читайте також|популярне)\b.{0,30}$",
    re.I,
)
_BIO = re.compile(
    r"^(about (the )?(author|writer|contributor)s?|(the )?authors?|written by"
    r"|(author|written by)\s?:\s?\S.{0,40}|"
    r"(über den autor|à propos de l'auteur|sobre el autor|sull'autore|sobre o autor"
    r"|over de auteur|o autorze|об авторе))\W*$",
    re.I,
)
"""The heading of an author's box: "About the author", "Author: Ana Ruiz", "Written by"."""
_BYLINE = re.compile(
    r"^(?:[Bb]y|BY)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|der|da|di|le|la|and|&)){0,5}$"
)
"""A byline alone in a paragraph ("By Ana Ruiz", "By Ana Ruiz and Li Wei"): the authors."""
_MARKUP = re.compile(r"^\s*<[a-z!/][^>]*>", re.I)


_YEAR = re.compile(r"\d{4}")


def _is_date(text: str) -> bool:
    if not _YEAR.search(text):
        return False  # parse_date needs a year; most short paragraphs have none
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse_date(text) is not None


def linked_share(block: Block) -> float:
    """Share of ``block``'s text inside its links (0 for a block without links)."""
    links: tuple[Link, ...] = getattr(block, "links", ())
    if not links or not block.text:
        return 0.0
    return sum(link.end - link.start for link in links) / len(block.text)


TAIL_PROSE = 600
"""Characters of prose (paragraphs of 100 characters or more, mostly unlinked) after a
"You may also like" style heading above which the heading does not end the body: the
article goes on after it ("Recommended reading" over a section, a "Read next" box set
in the middle of the text)."""


REPEAT_MIN = 50
"""Characters above which a block whose text repeats an earlier block's is dropped."""
REPEAT_MAX = 300
"""…and up to which: captions, credits and pull quotes repeat; paragraphs of prose do not."""


LEAF_GAIN = 1.5
"""How many times the text of one winning paragraph the densest container holding it must
hold in blocks of plain text (:func:`_plain`) to be taken instead (:func:`article_body`)."""


def _plain(blocks: list[Block]) -> int:
    """Characters of the blocks of ``blocks`` that are mostly plain text (less than half of
    it in links; headings left out): a story's short lines count, linked teasers do not."""
    return sum(len(b.text) for b in blocks if not isinstance(b, Heading) and linked_share(b) < 0.5)


def _prose(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks if len(b.text) >= 100 and linked_share(b) < 0.3)


def prune(body: list[Block]) -> list[Block]:
    """The generic article's clean-up of a body found by density: page furniture that
    lives inside article containers (advert labels, "Related:" lines, link-only
    teaser headings and lists, escaped markup, a block repeating an earlier one, a
    picture's credit or gallery counter set as a paragraph, a bare address, an
    "Updated …" dateline) is
    dropped, and a "You may also like"
    style heading ends the body when it comes after the text and little prose
    (:data:`TAIL_PROSE`) follows it; so does an author's box ("About the author",
    "Author: Ana Ruiz") after the story, when less prose follows it than half the story."""
    out: list[Block] = []
    seen_text = 0
    said: set[str] = set()
    for at, block in enumerate(body):
        text = block.text
        if REPEAT_MIN < len(text) <= REPEAT_MAX:
            if text in said:
                continue  # a caption or a pull quote set twice (a slide and its list)
            said.add(text)
        if (
            isinstance(block, Heading | Paragraph)
            and _END.match(text)
            and seen_text > 300
            and _prose(body[at + 1 :]) < TAIL_PROSE
        ):
            break
        if (
            isinstance(block, Heading | Paragraph)
            and len(text) < 60
            and _BIO.match(text)
            and seen_text > 600
            and _prose(body[at + 1 :]) < seen_text / 2
        ):
            break  # the author's box after the story: a bio is the author's, not the story
        if isinstance(block, Paragraph | Heading | ListItem) and (
            _JUNK.match(text) or _MARKUP.match(text)
        ):
            continue
        if isinstance(block, Heading) and block.level == 1:
            continue  # the page's headline: it is the title
        if isinstance(block, Paragraph) and len(text) < 40 and _is_date(text):
            continue  # a dateline: it is ``published``
        if isinstance(block, Paragraph) and len(text) <= 48 and _BYLINE.match(text):
            continue  # a byline: it is ``authors``
        if (
            isinstance(block, Paragraph | Heading | ListItem)
            and len(text) < 160
            and linked_share(block) > 0.9
        ):
            continue
        seen_text += len(text)
        out.append(block)
    return out
