"""``_marks.first_texts``: the first texts of a box, as the XPath it replaces selects them."""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from broadsheet.formats._marks import first_texts

_XPATH = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")

_PAGES = [
    "<div><h1>Council votes <em>no</em></h1>By Ana Ruiz<!-- byline -->, March 3, 2024"
    "<script>var d = '2020-01-01';</script>tail after script<style>p{}</style>"
    "<p>First <b>bold</b> words</p>closing</div>",
    "<section><table><tr><td>2019-05-01</td></tr></table>after the table"
    "<ul><li>one</li><li>two<br>three</li></ul></section>",
    "<div>"
    + "".join(f"<p>para {i} <a href='#'>link {i}</a> end</p>" for i in range(50))
    + "</div>",
]


@pytest.mark.parametrize("html", _PAGES)
@pytest.mark.parametrize("limit", [1, 5, 60])
def test_first_texts_are_the_xpath_texts_and_their_owners(html: str, limit: int) -> None:
    box = lxml.html.fragment_fromstring(html)
    expected = [(str(t), t.getparent()) for t in _XPATH(box)][:limit]
    assert first_texts(box, limit) == expected


def test_script_and_style_text_is_left_out_but_their_tails_are_kept() -> None:
    box = lxml.html.fragment_fromstring(_PAGES[0])
    texts = [t for t, _ in first_texts(box, 60)]
    assert "tail after script" in texts
    assert not any("2020-01-01" in t or "p{}" in t for t in texts)
    assert " byline " not in texts  # a comment's own text is no text node
