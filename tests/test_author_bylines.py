"""Author finder classes fixed this session (invented pages): bylines split by markup,
update/review credits, desk names, the Yoast "Written by" label."""

from __future__ import annotations

import json

from broadsheet.formats._authors import split_names
from broadsheet.formats._metadata import article_fields
from broadsheet.page import Page

STORY = "<p>" + "The ferry company cut two evening sailings from the winter timetable. " * 6
STORY += "</p>"


def _authors(head: str, byline: str) -> object:
    html = f"<html><head>{head}</head><body><article><h1>Sailings cut</h1>{byline}{STORY}"
    page = Page.from_text(html + "</article></body></html>")
    return article_fields(page, None).get("authors")


def test_a_byline_split_by_markup_keeps_its_words_apart() -> None:
    byline = '<div class="author"><span>WRITTEN BY</span><a href="/a/ana">Ana Weber</a></div>'
    assert _authors("", byline) == ("Ana Weber",)


def test_who_updated_or_reviewed_the_story_is_not_its_author() -> None:
    byline = '<p class="byline">By <a>Tomas Lind</a> Updated by <a>Greta Holm</a></p>'
    assert _authors("", byline) == ("Tomas Lind",)
    reviewed = '<div class="author-name">Medically reviewed by Dr. Ada Quist</div>'
    assert _authors("", reviewed) is None
    assert split_names("Tomas Lind, reviewed by Greta Holm") == ["Tomas Lind"]


def test_a_desk_named_alone_by_the_metadata_is_the_author() -> None:
    ld = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "News Desk"}}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert _authors(head, "") == ("News Desk",)
    # beside a person, a desk is a role and goes
    desk = {"@type": "Person", "name": "News Desk"}
    ld["author"] = [desk, {"@type": "Person", "name": "Ana Weber"}]
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert _authors(head, "") == ("Ana Weber",)


def test_the_written_by_label_of_a_share_card() -> None:
    head = '<meta name="twitter:label1" content="Written by">'
    head += '<meta name="twitter:data1" content="Ines Moreau">'
    assert _authors(head, "") == ("Ines Moreau",)
    other = '<meta name="twitter:label1" content="Reading time">'
    other += '<meta name="twitter:data1" content="4 minutes">'
    assert _authors(other, "") is None


def test_an_author_box_gives_the_name_above_its_bio() -> None:
    # the box's whole text is the name and a long bio: the name is its first short line
    bio = "Mara Quill has covered the invented harbour for the Gazette since 2019. " * 6
    box = (
        '<div class="blog_author-text"><div class="text-small">Mara Quill</div>'
        f'<div class="rich-text"><p>{bio}</p></div></div>'
    )
    assert _authors("", box) == ("Mara Quill",)
    # a box whose short lines are no names gives none
    labels = f'<div class="post_author-text"><div>Share this</div><p>{bio}</p></div>'
    assert _authors("", labels) is None


def test_a_byline_label_set_apart_from_the_name_beside_the_headline() -> None:
    # no byline class: the label and the name are two elements after the <h1>
    apart = '<div><p class="small">Written by</p><p class="muted">Edda Marsh</p></div>'
    assert _authors("", apart) == ("Edda Marsh",)
    linked = '<div class="meta">By <a href="/people/edda">Edda Marsh</a> | March 4</div>'
    assert _authors("", linked) == ("Edda Marsh",)
    # what follows the label is no name: none
    lower = "<div><p>By</p><p>the harbour office, at noon</p></div>"
    assert _authors("", lower) is None


def test_a_date_between_a_byline_label_and_the_name_is_passed_over() -> None:
    byline = "<div><span>by</span> <span>Aug</span> <span>09</span> <span>1:44p</span>"
    assert _authors("", byline + " <a>Edda Marsh</a></div>") == ("Edda Marsh",)


def test_a_link_to_an_authors_page_names_the_author_its_address_spells() -> None:
    # no byline class, no rel=author: the link to /author/<slug> is the byline
    linked = '<div class="meta"><a href="/author/edda-marsh/">Edda Marsh Staff Writer</a></div>'
    assert _authors("", linked) == ("Edda Marsh",)
    # a button to the same page is no name, nor is a feed of the author's posts
    button = '<a class="button" href="/authors/edda-marsh">More By This Contributor</a>'
    assert _authors("", button) is None
    assert _authors("", '<a href="/author/x7k2.xml">Edda Marsh</a>') is None
    # a byline marked as one comes before any such link
    both = f'{linked}<p class="byline">By Tomas Lind</p>'
    assert _authors("", both) == ("Tomas Lind",)


def test_a_site_named_as_its_own_author_gives_way_to_the_byline() -> None:
    head = "<title>Sailings cut | Harbour Gazette</title>"
    head += '<meta name="author" content="Harbour Gazette">'
    byline = '<div class="meta"><span>by Edda Marsh</span></div>'
    assert _authors(head, byline) == ("Edda Marsh",)
    assert _authors(head, "") == ("Harbour Gazette",)  # no person anywhere: the site


def test_handles_and_publications_are_no_names() -> None:
    assert split_names("Edda Marsh ( @eddamarsh ) and Tomas Lind") == ["Edda Marsh", "Tomas Lind"]
    assert split_names("Published in The Harbour Review") == []


def test_an_author_box_names_element_and_a_name_after_a_comment() -> None:
    # a box's own name element (author-box__name) is a byline though "box" marks widgets
    box = '<div class="elementor-author-box__text"><h4 class="elementor-author-box__name">'
    assert _authors("", box + "Edda Marsh</h4><p>Writes on harbours.</p></div>") == ("Edda Marsh",)
    # a framework's empty comments between the label and the name
    assert _authors("", "<p>by: <!-- -->Edda Marsh<!-- -->, March 4</p>") == ("Edda Marsh",)
