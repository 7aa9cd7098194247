"""The comment-thread finder (:mod:`broadsheet.html.comments`): a marked container after
the article, made of repeated items — and nothing else that mentions comments."""

from __future__ import annotations

import lxml.html
import pytest

from broadsheet.html.comments import comment_blocks, comment_section

POST = "".join(
    f"<p>Our invented allotment grew {n} kinds of beans this year, and the slugs ate most"
    f" of the runner beans before the first frost came in October.</p>"
    for n in range(3, 8)
)


def _thread(n: int) -> str:
    items = "".join(
        f'<li class="comment {"even" if i % 2 else "odd"} depth-1" id="li-comment-{i}">'
        f'<div class="comment-author"><cite>Reader {i}</cite> says:</div>'
        f'<div class="comment-meta"><a href="#c{i}">March {i + 1}, 2026</a></div>'
        f"<p>Invented reply number {i}: copper tape kept the slugs off my beans.</p>"
        f'<a class="comment-reply-link" href="?replytocom={i}">Reply</a></li>'
        for i in range(n)
    )
    return (
        f'<div id="comments" class="comments-area"><h2>{n} thoughts on “Beans”</h2>'
        f'<ol class="commentlist">{items}</ol>'
        '<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div></div>'
    )


def _root(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


def _main(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    return root.find_class("entry-content")[0]


def test_a_twelve_comment_thread_after_the_post_is_read() -> None:
    root = _root(f'<article><div class="entry-content">{POST}</div></article>{_thread(12)}')
    items = comment_section(root, _main(root))
    assert len(items) == 12  # even and odd items are one shape
    text = [b.text for b in comment_blocks(root, _main(root))]
    assert sum("Invented reply number" in t for t in text) == 12
    assert "Reader 3 says:" in text
    assert "Reply" not in text  # the reply links
    assert not any("Leave a Reply" in t or "thoughts on" in t for t in text)


def test_a_thread_before_the_article_is_not_its_comments() -> None:
    root = _root(f'{_thread(4)}<article><div class="entry-content">{POST}</div></article>')
    assert comment_section(root, _main(root)) == []


def test_a_comment_form_or_count_alone_is_not_a_thread() -> None:
    root = _root(
        f'<div class="entry-content">{POST}</div>'
        '<div class="comments"><h2>No comments yet</h2><div id="respond"><form>'
        "<textarea></textarea></form></div><p>Be the first to say what you think.</p></div>"
    )
    assert comment_section(root, _main(root)) == []


def test_a_one_comment_thread_is_not_repeated_items() -> None:
    root = _root(f'<div class="entry-content">{POST}</div>{_thread(1)}')
    assert comment_blocks(root, _main(root)) == []


def test_commentary_and_other_names_are_not_comment_sections() -> None:
    rail = "".join(
        f'<div class="card"><p>An invented commentary teaser number {i} about beans.</p></div>'
        for i in range(5)
    )
    root = _root(
        f'<div class="entry-content">{POST}</div><div class="commentary-rail">{rail}</div>'
    )
    assert comment_section(root, _main(root)) == []


def test_a_thread_inside_the_main_element_is_read() -> None:
    # the main element is the whole post, its thread inside it (the body walk drops it)
    root = _root(
        f'<article class="post"><div class="entry-content">{POST}</div>{_thread(3)}</article>'
    )
    main = root.find(".//article")
    assert len(comment_section(root, main)) == 3


def test_the_generic_article_adds_comments_only_when_asked() -> None:
    from broadsheet.formats.generic_html import parse_article
    from broadsheet.page import Page

    post = f'<article><div class="entry-content">{POST}</div></article>'
    html = f"<html><body>{post}{_thread(12)}</body></html>"
    plain = " ".join(b.text for b in parse_article(Page.from_text(html)).body)
    full = [b.text for b in parse_article(Page.from_text(html), comments=True).body]
    assert "Invented reply number" not in plain
    assert sum("Invented reply number" in t for t in full) == 12
    assert full[0].startswith("Our invented allotment")  # the post first, then the thread


def test_a_thread_in_a_footer_or_sidebar_is_not_the_articles() -> None:
    for wrapper in ("footer", "aside", "nav"):
        root = _root(
            f'<article><div class="entry-content">{POST}</div></article>'
            f"<{wrapper}>{_thread(4)}</{wrapper}>"
        )
        assert comment_section(root, _main(root)) == [], wrapper


def test_a_main_element_copied_out_of_the_tree_has_no_thread() -> None:
    import copy

    root = _root(f'<article><div class="entry-content">{POST}</div></article>{_thread(4)}')
    assert comment_section(root, copy.deepcopy(_main(root))) == []


PAGES = {
    "generic-html-article": f"<html><body><article><div class='entry-content'>{POST}"
    f"</div></article>{_thread(5)}</body></html>",
    "wordpress-html": "<html><head><link rel='stylesheet' href='/wp-content/t.css'>"
    "</head><body class='single single-post postid-7'><article id='post-7' class='post'>"
    f"<div class='entry-content'>{POST}</div></article>{_thread(5)}</body></html>",
    "blogger-html": "<html><head><meta name='generator' content='Blogger'></head>"
    "<body class='item'><div class='blog-posts'><div class='post hentry'>"
    f"<div class='post-body entry-content'>{POST}</div></div>{_thread(5)}</div>"
    "</body></html>",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_article_format_ends_the_post_with_its_thread_by_default(name: str) -> None:
    from broadsheet.html.comments import IN_BODY
    from broadsheet.page import Page
    from broadsheet.registry import get_registry

    assert IN_BODY
    doc = get_registry().parse(Page.from_text(PAGES[name]), format=name)
    text = [b.text for b in doc.body]  # type: ignore[union-attr]
    assert text[0].startswith("Our invented allotment"), name
    assert sum("Invented reply number" in t for t in text) == 5, name


@pytest.mark.parametrize("name", sorted(PAGES))
def test_comments_stay_out_when_switched_off(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from broadsheet.html import comments
    from broadsheet.page import Page
    from broadsheet.registry import get_registry

    monkeypatch.setattr(comments, "IN_BODY", False)
    doc = get_registry().parse(Page.from_text(PAGES[name]), format=name)
    text = [b.text for b in doc.body]  # type: ignore[union-attr]
    assert text and not any("Invented reply number" in t for t in text), name


@pytest.mark.parametrize(
    "body",
    [
        f'<article><div class="entry-content">{POST}</div></article>{_thread(12)}',
        f'{_thread(4)}<article><div class="entry-content">{POST}</div></article>',
        f'<div class="entry-content">{POST}</div><div class="commentary-rail">'
        + "".join(f"<div class='c'><p>Invented commentary teaser {i}.</p></div>" for i in range(4))
        + "</div>",
        f'<article><div class="entry-content">{POST}</div></article><footer>{_thread(4)}</footer>',
        f'<div class="entry-content">{POST}</div>'
        f'<section id="disqus_thread">{_thread(3)}</section>',
    ],
)
def test_the_scores_named_elements_find_the_thread_the_tree_search_finds(body: str) -> None:
    # the scores keep every element with text and a name: a thread is among them
    from broadsheet.html.score import score

    root = _root(body)
    scores = score(root)
    found = comment_section(root, _main(root), scores)
    assert found == comment_section(root, _main(root))
    assert [b.text for b in comment_blocks(root, _main(root), None, scores)] == [
        b.text for b in comment_blocks(root, _main(root))
    ]


def test_a_thread_named_by_its_node_and_a_master_list_is_read() -> None:
    items = "".join(
        f"<div class='citem' id='comment_item_{i}'><div class='comment clearfix'>"
        f"<div class='cbody'><p>Invented reply number {i}: the beans came up in May.</p>"
        "</div></div></div>"
        for i in range(5)
    )
    for names in ("class='comment_master_list'", "id='node_2993102_comments_list'"):
        root = _root(f'<div class="entry-content">{POST}</div><div {names}>{items}</div>')
        assert len(comment_section(root, _main(root))) == 5, names


def test_a_recent_comments_widget_is_not_the_thread() -> None:
    widget = "".join(
        f"<li class='recentcomments'>Reader {i} on <a href='/p/{i}'>An invented older post"
        f" about beans, number {i}</a></li>"
        for i in range(6)
    )
    root = _root(
        f'<div class="entry-content">{POST}</div><ul class="recent-comments-list">{widget}</ul>'
    )
    assert comment_section(root, _main(root)) == []


@pytest.mark.parametrize(
    "control",
    ["Reply", "Reply to Reader 2", "6 months ago", "an hour ago", "12 likes", "Report",
     "Load more comments", "just now"],
)  # fmt: skip
def test_a_threads_controls_set_as_text_are_not_its_comments(control: str) -> None:
    """Buttons and counters a script-built thread sets as text, not as links (so the
    link-only rule does not catch them): the comments stay, the controls go."""
    items = "".join(
        f'<div class="comment-item"><div class="comment-head"><b>Reader {i}</b></div>'
        f"<div class='when'>{control}</div>"
        f"<p>Invented reply number {i}: the slugs left the leeks alone all summer.</p>"
        f"<div class='votes'>{i}</div><button>{control}</button></div>"
        for i in range(4)
    )
    root = _root(
        f'<article><div class="entry-content">{POST}</div></article>'
        f'<section id="comments">{items}</section>'
    )
    text = [b.text for b in comment_blocks(root, _main(root))]
    assert sum("Invented reply number" in t for t in text) == 4
    assert "Reader 1" in text
    assert control not in text
    assert "3" in text  # a bare number may be the comment's own (its place in the thread)
