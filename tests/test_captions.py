"""Figure captions (:mod:`broadsheet.html.captions`): a picture's caption is not the
article's text, unless the article is a gallery told in its captions."""

from __future__ import annotations

import pytest

from broadsheet.formats.generic_html import parse_article
from broadsheet.html import captions
from broadsheet.model import Figure, Paragraph
from broadsheet.page import Page

PARAGRAPHS = [
    f"<p>The invented ferry to the island ran {n} times a day this summer, and the queue"
    f" for the first boat reached the harbour wall before seven most mornings.</p>"
    for n in range(2, 8)
]
STORY = "".join(PARAGRAPHS[:3]) + "{figure}" + "".join(PARAGRAPHS[3:])
FIGURE = (
    '<figure><img src="/img/ferry.jpg" alt="A white ferry">'
    "<figcaption>The morning ferry leaves the harbour. Photo: Invented Agency</figcaption>"
    "</figure>"
)


def _body(html: str) -> list[object]:
    page = Page.from_text(f"<html><body><article>{html}</article></body></html>")
    return list(parse_article(page).body)


def test_a_news_pictures_caption_is_left_out_and_its_picture_kept() -> None:
    body = _body(STORY.format(figure=FIGURE))
    figures = [b for b in body if isinstance(b, Figure)]
    assert figures == [Figure(text="", url="/img/ferry.jpg", alt="A white ferry")]
    assert not any("Invented Agency" in b.text for b in body)  # type: ignore[attr-defined]
    assert sum(isinstance(b, Paragraph) for b in body) == 6


def test_a_gallery_told_in_captions_keeps_them() -> None:
    gallery = "".join(
        f'<figure><img src="/g/{i}.jpg"><figcaption>Invented picture {i}: the queue for the'
        f" first ferry stretched past the fish market and the old customs house.</figcaption>"
        "</figure>"
        for i in range(8)
    )
    body = _body("<p>Scenes from the harbour this week.</p>" + gallery)
    texts = [b.text for b in body if isinstance(b, Figure)]
    assert len(texts) == 8 and all(t.startswith("Invented picture") for t in texts)


def test_a_figure_with_only_a_caption_is_left_out() -> None:
    body = [Paragraph(text="A long invented paragraph about the harbour. " * 5)]
    body += [Figure(text="Photo: Invented Agency")]
    assert captions.without_captions(body) == body[:1]


def test_captions_stay_when_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(captions, "IN_BODY", True)
    body = _body(STORY.format(figure=FIGURE))
    figures = [b for b in body if isinstance(b, Figure)]
    assert figures[0].text == "The morning ferry leaves the harbour. Photo: Invented Agency"
