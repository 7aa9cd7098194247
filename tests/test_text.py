"""The shared text helpers: whitespace, truncation, boilerplate, headings,
captions, glued image alts and glued headlines."""

from __future__ import annotations

import pytest
from hypothesis import assume as hypothesis_assume
from hypothesis import given
from hypothesis import strategies as st
from strategies import nasty_text

from broadsheet.text import (
    blocks,
    clean,
    drop_boilerplate,
    fix_mojibake,
    is_boilerplate,
    is_box_heading,
    is_caption,
    is_heading,
    is_newsletter_heading,
    is_truncated,
    split_caption,
    split_glued_alt,
    split_glued_title,
    split_meta,
    split_names,
    split_truncation,
)

# -- whitespace -----------------------------------------------------------------


def test_clean_folds_whitespace_and_nbsp_but_keeps_characters() -> None:
    assert clean("  a\u00a0\u00a0b\t\nc “d” – é  ") == "a b c “d” – é"
    assert clean(None) == ""


def test_blocks_split_on_blank_lines_whatever_the_line_endings() -> None:
    text = "One\r\nTwo\r\n\r\nThree\rFour\n\u00a0\n\nFive"
    assert blocks(text) == [["One", "Two"], ["Three", "Four"], ["Five"]]


@given(nasty_text)
def test_clean_is_idempotent(text: str) -> None:
    assert clean(clean(text)) == clean(text)


# -- double encoding ------------------------------------------------------------

_UNDEFINED_1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def _mojibake(text: str) -> str:
    """``text``'s UTF-8 read as Windows-1252 (its undefined bytes as C1 controls, as a
    browser reads them)."""
    return "".join(
        chr(b) if b in _UNDEFINED_1252 else bytes([b]).decode("cp1252")
        for b in text.encode("utf-8")
    )


def _reads_as_utf8(text: str) -> bool:
    """Whether ``text`` is some bytes read as Windows-1252/Latin-1 that are valid UTF-8."""
    raw = bytearray()
    for ch in text:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return False
            raw.append(ord(ch))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("the WireGuardÂ® protocol", "the WireGuard® protocol"),
        ("the Earthâ\x80\x99s systems", "the Earth’s systems"),  # read as Latin-1
        ("it isnâ€™t â€œjustâ€\x9d that", "it isn’t “just” that"),
        ("Next GenÃƒÆ’Ã¢â‚¬Å¡Ãƒâ€šÃ‚Â® suite", "Next Gen® suite"),  # four times over
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"),
        ("â\xad\x90 ðŸ˜€", "⭐ 😀"),
    ],
)
def test_double_encoded_text_is_repaired(broken: str, fixed: str) -> None:
    assert fix_mojibake(broken) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "SÃO PAULO",  # Portuguese
        "ÂGE D’OR",
        "Âge d’or à la française",
        "„Spaß“",  # ß then a quote reads as an N'Ko letter: not plausible
        "Groß“",
        "CAFÉ’S OPENING",  # É then a quote reads as IPA
        "OLÉ…",  # É then an ellipsis reads as a rare Latin Extended-B letter
        "ESPAÑ’S",  # Ñ then a quote reads as a Cyrillic letter glued to Latin ones
        'I saw "Ã¤" instead of "ä"',  # quoted mojibake next to a real ä
        "naïve café – “quoted”",
    ],
)
def test_text_that_is_not_double_encoded_is_kept(text: str) -> None:
    assert fix_mojibake(text) == text


def test_clean_repairs_a_double_encoded_no_break_space_before_folding() -> None:
    assert clean("impactsÂ\u00a0- what we take") == "impacts - what we take"


@given(st.text())
def test_text_that_is_no_utf8_read_as_1252_is_never_changed(text: str) -> None:
    if not _reads_as_utf8(text):
        assert fix_mojibake(text) == text


_SCRIPTS = (
    "abcdeXYZ0189éèàçñüößÉÅŁłźșțœ",  # Latin, with the letters of several languages
    "приветПРИ",
    "αβγΔΩ",
    "😀⭐™€",
)


def test_a_letter_whose_second_byte_reads_as_a_no_break_space_is_undone() -> None:
    """``à`` is C3 A0 in UTF-8, ``Р`` D0 A0: read as Windows-1252, a letter and a no-break
    space (found by the property below with random seeds)."""
    assert fix_mojibake("voil\u00c3\u00a0 \u00c3\u00a0 Paris:") == "voilà à Paris:"
    assert fix_mojibake("\u00c3\u00a0:") == "à:"
    assert fix_mojibake("\u00d0\u00a0:") == "Р:"
    assert fix_mojibake("ESPA\u00d1\u00a0hoy") == "ESPA\u00d1\u00a0hoy"  # Ñ, then a space


def test_a_latin_letter_before_no_break_spaces_is_not_read_as_cjk() -> None:
    assert fix_mojibake("Caf\u00e9\u00a0\u00a0") == "Caf\u00e9\u00a0\u00a0"
    assert clean("Caf\u00e9\u00a0\u00a0ouvert") == "Caf\u00e9 ouvert"


_WORDS = st.one_of(*(st.text(alphabet=letters, min_size=1, max_size=8) for letters in _SCRIPTS))
_BETWEEN = st.text(alphabet=[*list(" .,;:!?'\"-()\n’‘“”–—…©®°•"), "\xa0"], min_size=1, max_size=3)


@st.composite
def _ordinary(draw: st.DrawFn) -> str:
    """Text as people write it: words of one script each, between spaces and punctuation."""
    words = draw(st.lists(_WORDS, max_size=6))
    return "".join(w + draw(_BETWEEN) for w in words)


_ORDINARY = _ordinary()


@given(_ORDINARY)
def test_double_encoding_is_undone(text: str) -> None:
    hypothesis_assume(not _reads_as_utf8(text))  # itself some UTF-8 read as 1252
    assert fix_mojibake(_mojibake(text)) == text
    assert fix_mojibake(_mojibake(_mojibake(text))) == text


@given(_ORDINARY, st.sampled_from(["é", "ß“", "—", "ä", "中"]))
def test_partly_double_encoded_text_is_left_alone(text: str, genuine: str) -> None:
    # a genuine character outside the double-encoded runs: the whole is not one reading
    broken = f"{_mojibake(text)} {genuine} "
    if not _reads_as_utf8(broken):
        assert fix_mojibake(broken) == broken


@given(nasty_text)
def test_fix_mojibake_is_idempotent(text: str) -> None:
    once = fix_mojibake(text)
    assert fix_mojibake(once) == once


# -- truncation -----------------------------------------------------------------


@pytest.mark.parametrize("mark", ["[…]", "[...]", "…", "..."])
def test_truncation_marks_are_recognised(mark: str) -> None:
    text = f"The strike goes on {mark}"
    assert is_truncated(text)
    assert split_truncation(text) == ("The strike goes on", True)


def test_text_without_a_mark_is_not_truncated() -> None:
    assert not is_truncated("The strike goes on.")
    assert not is_truncated(None)
    assert split_truncation("The strike [goes] on") == ("The strike [goes] on", False)


# -- boilerplate ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Skip to content",
        "Skip to main content",
        "Sign Up To Our Daily Digest",
        "Independent outlets are squeezed. Sign up for our daily email digest today.",
        "Subscribe to our weekly newsletter",
        "We have redesigned our website. If you like our work, please donate to support us:",
        "Please donate today",
        "This website uses cookies to improve your experience.",
        "Read more...",
        "Read more",
        "Newer Posts Older Posts Home",
        "Subscribe to: Posts (Atom)",
        "Email ThisBlogThis!Share to TwitterShare to Facebook",
        "Subscribe to: Post Comments (Atom)",
        "Post a Comment",
        "« Start Prev 1 2 3 Next End »",
        "1 2 3 … 45 Next »",
        "PDF Print E-mail",
        "Weiterlesen",
        "Lire la suite …",
        "Leggi tutto",
        "Читать далее",
        "Tous droits réservés 2026",
        "Alle Rechte vorbehalten.",
        "Wir verwenden Cookies, um unsere Seite für Sie zu verbessern.",
        "Мы используем файлы cookie",
        "",
    ],
)
def test_boilerplate(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Workers read more books when the library opens late",
        "The union says the fund drive of the bosses is a fraud",
        "Please sign the petition to free the strikers.",
        "Home care workers strike",
        "Next steps for the union",
        "Print workers vote to strike",
        "1984",
        "Leer más sobre el puerto: la huelga sigue",
        "The cookie jar at the strike kitchen was never empty.",
    ],
)
def test_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)


def test_newsletter_heading_glued_under_the_last_teaser_goes_with_its_blurb() -> None:
    parts = [
        ["Headline"],
        ["The last teaser of the page.", "Sign Up To Our Daily Digest"],
        ["Never miss the news: get it in your inbox every morning."],
    ]
    assert drop_boilerplate(parts) == [["Headline"], ["The last teaser of the page."]]


def test_newsletter_heading() -> None:
    assert is_newsletter_heading("Sign Up To Our Daily Digest")
    assert not is_newsletter_heading(
        "Members were asked to sign up for the newsletter at the meeting, which went on "
        "late into the night while the hall filled up"
    )


def test_the_paragraph_after_a_newsletter_box_stays_when_it_is_not_its_blurb() -> None:
    parts = [["Subscribe to our newsletter"], ["A teaser about the port strike."]]
    assert drop_boilerplate(parts) == [["A teaser about the port strike."]]


_APPEAL_HEAD = "Urgent End Of Year Fundraising Campaign"
_APPEAL_BLURB = [
    "Online donations are back!",
    "Keep our reporting free with a tax-deductible gift.",
]


@pytest.mark.parametrize(
    "parts",
    [
        [["Last teaser of the page.", _APPEAL_HEAD, *_APPEAL_BLURB]],  # all glued
        [["Last teaser of the page.", _APPEAL_HEAD], [" ".join(_APPEAL_BLURB)]],
        [["Last teaser of the page."], [_APPEAL_HEAD], [_APPEAL_BLURB[0]], [_APPEAL_BLURB[1]]],
        [["Last teaser of the page."], [_APPEAL_HEAD, *_APPEAL_BLURB]],
        [["Last teaser of the page."], [f"{_APPEAL_HEAD} {' '.join(_APPEAL_BLURB)}"]],
        [
            ["Last teaser of the page."],
            [_APPEAL_HEAD],
            [_APPEAL_BLURB[0]],
            ["Keep independent media alive."],
        ],
    ],
)
def test_an_appeal_box_goes_with_its_blurb_in_every_line_break_variant(
    parts: list[list[str]],
) -> None:
    assert drop_boilerplate(parts) == [["Last teaser of the page."]]


def test_a_sign_up_box_blurb_glued_under_its_heading_goes_too() -> None:
    parts = [
        ["Headline"],
        ["The last teaser.", "Sign Up To Our Daily Digest", "Get the news in your inbox."],
    ]
    assert drop_boilerplate(parts) == [["Headline"], ["The last teaser."]]


def test_what_follows_a_box_stays_when_it_does_not_speak_the_boxs_words() -> None:
    parts = [[_APPEAL_HEAD], ["Dockers Vote To Strike"], ["The dockers of Sarn voted to strike."]]
    assert drop_boilerplate(parts) == parts[1:]
    glued = [["A teaser.", _APPEAL_HEAD, "Dockers Vote To Strike"], ["Their teaser."]]
    assert drop_boilerplate(glued) == [["A teaser.", "Dockers Vote To Strike"], ["Their teaser."]]


def test_box_headings() -> None:
    assert is_box_heading("Sign Up To Our Daily Digest")
    assert is_box_heading(_APPEAL_HEAD)
    assert is_box_heading("Our Spring Fundraising Drive")
    assert not is_box_heading(
        "Dockers launch a fundraising campaign for the families of the sacked"
    )
    assert not is_box_heading("Dockers Vote To Strike")


def test_a_block_opening_with_boilerplate_goes_whole() -> None:
    assert drop_boilerplate([["Skip to content", "Menu"], ["Text."]]) == [["Text."]]


# -- headings and captions ----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Dockers win their back pay",
        "Why should workers back the teachers?",
        "Free the five! Release them now!",
        "U.S. Airstrikes Feared To Have Hit A Clinic",
    ],
)
def test_headings(line: str) -> None:
    assert is_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "The strike is over.",
        "The strike goes on. The bosses are worried",
        "The strike goes on and on […]",
        "x" * 161,
        " ".join(["word"] * 26),
        "",
    ],
)
def test_not_headings(line: str) -> None:
    assert not is_heading(line)


def test_caption_line_above_a_headline() -> None:
    block = ["Dockers picket 2021", "Dockers Win Their Back Pay"]
    assert split_caption(block, teaser_follows=True) == ("Dockers picket 2021", block[1:])
    assert split_caption(block, teaser_follows=False) == (None, block)
    assert split_caption(["A headline", "A teaser sentence."], True)[0] is None
    assert not is_caption("A whole sentence that ends.")


# -- glued alts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "alt", "rest"),
    [
        ("pump7-thThe pumps stopped at noon today", "pump7-th", "The pumps stopped at noon today"),
        ("abc-logoTwo delegates were sacked", "abc-logo", "Two delegates were sacked"),
        ("thumb mill_workers_logoWe have a letter", "thumb mill_workers_logo", "We have a letter"),
        ("wharfgateThe gates are shut again", "wharfgate", "The gates are shut again"),
        ("Rally at the gates - Public DomainThe rally was big", None, None),
        ("Pickets at dawn--Flickr cc by-saThousands came out", None, None),
        ("UNION BANNERThe banner was seized by police", "UNION BANNER", None),
        ("2019 strikeA general strike was called", "2019 strike", None),
        ("Mill rallyThe mill workers met again", "Mill rally", None),
        ("Photo: J. Doe/Flickr CC 2.0The port is shut", "Photo: J. Doe/Flickr CC 2.0", None),
    ],
)
def test_glued_alt_is_split(text: str, alt: str | None, rest: str | None) -> None:
    found, summary = split_glued_alt(text)
    assert found is not None
    assert "".join((found + summary).split()) == "".join(text.split())
    if alt is not None:
        assert found == alt
    if rest is not None:
        assert summary == rest
    assert summary[0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "McDonald's workers strike in four cities",
        "iPhone assembly workers form a union",
        "NPSMK activists call a day of action",
        "YouTube removed the union's video",
        "LinkedIn users report the change",
        "eBay sellers protest new fees today",
        "FalceMartello supporters joined the march",
        "Asia-Pacific unions meet in Manila",
        "The strike is on. Workers at GlobalCorp walk out",
        "A report by openDemocracy shows the gap",
        "Short textNo",
        "",
    ],
)
def test_ordinary_words_are_not_split(text: str) -> None:
    assert split_glued_alt(text) == (None, text)


# -- glued titles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "rest"),
    [
        (
            "Unions demand: 'Free all prisoners now!'We publish the statement here",
            "Unions demand: 'Free all prisoners now!'",
            "We publish the statement here",
        ),
        ("Why strike now?Workers at the plant explain why", "Why strike now?", None),
        ("“Our schools are not for sale”Thousands marched today", None, "Thousands marched today"),
    ],
)
def test_glued_title_is_split(text: str, title: str | None, rest: str | None) -> None:
    found, summary = split_glued_title(text)
    assert found is not None
    assert found + summary == text
    if title is not None:
        assert found == title
    if rest is not None:
        assert summary == rest


@pytest.mark.parametrize(
    "text",
    [
        "Unions demand: 'Free all prisoners now!' We publish the statement",
        "“A war has broken out!” With these words a witness phoned",
        "Go!Now",
        "He said 'Stop' and left the room",
    ],
)
def test_text_without_a_glued_title_is_kept(text: str) -> None:
    assert split_glued_title(text) == (None, text)


@given(st.text(max_size=200))
def test_splits_never_lose_characters(text: str) -> None:
    alt, rest = split_glued_alt(text)
    if alt is None:
        assert rest == text
    else:
        assert "".join((alt + rest).split()) == "".join(text.split())
    title, rest = split_glued_title(text)
    if title is None:
        assert rest == text
    else:
        assert "".join((title + rest).split()) == "".join(text.split())


# -- bylines and date lines ----------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "authors", "date", "rest"),
    [
        (["By Joan Abara | May 3, 2021", "Text."], ("Joan Abara",), "May 3, 2021", ["Text."]),
        (["4 May 2021", "By A Bee and C Dee", "T."], ("A Bee", "C Dee"), "4 May 2021", ["T."]),
        (["Apr. 28, 2021", "T."], (), "Apr. 28, 2021", ["T."]),
        (["By the end of the month, it was over.", "T."], (), None, None),
        (["03/04/2021", "T."], (), None, None),
        (["Text first.", "By Joan Abara"], (), None, None),
    ],
)  # fmt: skip
def test_leading_byline_and_date_lines(
    lines: list[str], authors: tuple[str, ...], date: str | None, rest: list[str] | None
) -> None:
    assert split_meta(lines) == (authors, date, rest if rest is not None else lines)


def test_names() -> None:
    assert split_names("Ana Ruiz, Tom Becker and Li Wen") == ("Ana Ruiz", "Tom Becker", "Li Wen")
    assert split_names("José de la Cruz & Sam O'Neil") == ("José de la Cruz", "Sam O'Neil")
    assert split_names("the workers of the port") is None
    assert split_names("") is None


@given(st.text())
def test_clean_text_holds_no_replacement_character_nor_c1_control(text: str) -> None:
    out = clean(text)
    assert "\ufffd" not in out and not any(0x80 <= ord(c) <= 0x9F for c in out)


def test_a_replacement_character_in_a_page_does_not_reach_the_body() -> None:
    from broadsheet.formats.generic_html import parse_article
    from broadsheet.page import Page

    para = "An invented reader says that\ufffds the waste of a whole evening at the quay. " * 4
    html = f"<html><body><article><p>{para}</p><p>{para}</p></article></body></html>"
    body = parse_article(Page.from_text(html)).body
    assert body and not any("\ufffd" in b.text for b in body)
    assert "thats the waste" in body[0].text
