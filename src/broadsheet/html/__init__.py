"""Reading HTML: every module that turns lxml trees into what the model holds.

Where things live:

- :mod:`broadsheet.html.parser` — the lxml parser set-up (no network, no
  entities, recovers from broken markup) that builds ``Page.tree``, and the
  page metadata read from the tree (JSON-LD, Open Graph, ``<meta>``,
  microdata) into :class:`broadsheet.metadata.Metadata`. Private to
  :class:`broadsheet.page.Page`, which calls it once per page.
- :mod:`broadsheet.html.query` — queries on a tree: :func:`~.query.class_tokens`,
  :func:`~.query.with_class` and :func:`~.query.nodes` (compiled XPath),
  :func:`~.query.is_furniture` (share bars, ads, comments…) and
  :func:`~.query.memoised` (a per-page test kept in ``page.memo``).
- :mod:`broadsheet.html.blocks` — the one HTML→blocks walker:
  :func:`~.blocks.blocks` turns an element into body blocks (paragraphs,
  headings, quotes, list items, figures, link spans) by a
  :class:`~.blocks.Rules` object — :data:`~.blocks.PAGE` for a page's
  element (furniture and boilerplate dropped), :data:`~.blocks.FRAGMENT`
  for a body fragment (kept as written); :func:`~.blocks.inline_text` is
  an element's visible text.
- :mod:`broadsheet.html.main` — the main-content finder:
  :func:`~.main.find_main` (which element holds the article's text),
  :func:`~.main.prune` (furniture inside a body found that way) and
  :func:`~.main.jsonld_body` (JSON-LD ``articleBody`` as paragraphs).
- :mod:`broadsheet.html.comments` — the readers' comment thread after an
  article (:func:`~.comments.comment_blocks`), which ends the article formats'
  bodies while :data:`~.comments.IN_BODY` is on;
  :mod:`broadsheet.html.captions` — figure captions left out of those bodies
  (:func:`~.captions.without_captions`) unless the article is a gallery or
  :data:`~.captions.IN_BODY` is on.
- :mod:`broadsheet.html.fragments` — HTML fragments (a feed item's content)
  to blocks and to plain text: :func:`~.fragments.blocks_from_html` parses
  the fragment and reads it with the walker of :mod:`~.blocks` in fragment
  mode; :func:`~.fragments.html_to_text`.

Layers: ``parser`` sits below :mod:`broadsheet.page` (the page builds its tree
with it); the other modules sit above the page and below the formats, which
import them. Nothing here imports a format, a writer or the registry; writing
HTML is :mod:`broadsheet.render`'s job.
"""

__all__: list[str] = []
