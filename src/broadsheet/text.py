"""Text clean-up shared by every format: whitespace, truncation marks,
boilerplate, and the traces markup leaves in plain-text captures.

Rules, written once and used everywhere:

- :func:`clean` folds runs of whitespace (no-break spaces included) to one
  space and strips the ends; the characters themselves (curly quotes,
  dashes, accents) are kept, except that double-encoded text is repaired
  first (:func:`fix_mojibake`).
- :func:`fix_mojibake` undoes UTF-8 read as Windows-1252 or Latin-1
  (``WireGuardÂ®``, ``Earthâ€™s``), and only where that is unambiguous: the
  whole string must encode back to bytes that are valid UTF-8, and what
  they decode to must be plausible text.
- :func:`split_truncation` recognises a teaser cut short: a trailing
  ``[…]``, ``[...]``, ``…`` or ``...``. Formats keep the mark in ``summary``
  (it tells the reader the text goes on, and the JSON form stays a faithful
  copy of the capture); :func:`is_truncated` tells a writer it is there.
- :func:`is_boilerplate` recognises page furniture that is never an
  article: skip links, newsletter sign-ups and fundraising appeals (the
  box's heading and its blurb, however the capture breaks their lines — see
  :func:`drop_boilerplate`), donation calls, site notices, cookie notices, pager links
  (``« Start Prev 1 2 3 Next End »``), print and e-mail icons.
- :func:`split_glued_alt` splits an image's alt text glued to the first
  word of a teaser (``flasko1-thThe Flasko…``); :func:`split_glued_title`
  splits a headline glued to its teaser (``…people!'We are…``);
  :func:`split_caption` finds a caption line directly above a headline.
- :func:`split_meta` reads a teaser's leading ``By NAME`` and date lines
  (month in words, so never ambiguous); :func:`split_names` splits
  ``A, B and C`` into people.

**What a text format may drop (the no-loss rule).** Every word of a capture
ends up in the parsed document — in a listing's title or description, or
an item's title, image alt or caption, summary, authors or body — except
the words of:

1. boilerplate, as :func:`is_boilerplate` and :func:`drop_boilerplate`
   define it;
2. lines a format reads into a field that is not text: ``Page N of M``
   (pagination), date lines, date headers and ``Last Updated`` lines
   (``published``, ``updated``), and the
   byline's wording (``Written by``, ``By … for SOURCE -``, ``Posted by …
   at TIME``, ``Labels:``) — the names themselves go to ``authors`` and
   ``tags``; the republishing SOURCE of a Popular Resistance byline is
   dropped;
3. a Blogger masthead (the lines above the first date header of a single
   post) and sidebar (text after the last post's footer that does not read
   as a post).

Splitting a glued word keeps both halves, in order (alt, then summary), so
the words survive; ``tests/test_text_formats_properties.py`` checks this.
"""

from __future__ import annotations

import re
import unicodedata

from broadsheet._lazyre import lazy

__all__ = [
    "BOILERPLATE_PATTERNS",
    "TRUNCATION",
    "blocks",
    "box_words",
    "clean",
    "drop_boilerplate",
    "drop_unshown",
    "fix_mojibake",
    "is_appeal_heading",
    "is_boilerplate",
    "is_box_heading",
    "is_caption",
    "is_heading",
    "is_newsletter_heading",
    "is_truncated",
    "split_caption",
    "split_glued_alt",
    "split_glued_title",
    "split_meta",
    "split_names",
    "split_truncation",
]

_SPACE = lazy(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")

TRUNCATION = lazy(r"\s*(\[…\]|\[\.\.\.\]|…|\.\.\.)\s*$")
"""A truncation mark at the end of a teaser."""


def _fold(text: str) -> str:
    if "\u200b" in text or "\ufeff" in text:  # not whitespace to str.split
        return _SPACE.sub(" ", text).strip()
    return " ".join(text.split())


def clean(text: str | None) -> str:
    """``text`` with double encoding repaired (:func:`fix_mojibake`), replacement
    characters and C1 controls dropped (:func:`drop_unshown`), whitespace folded to
    single spaces and the ends stripped.

    The repair comes first, as a double-encoded no-break space (``Â`` and
    U+00A0) is only recognisable before folding; the two repeat until neither
    changes the text, so that ``clean(clean(t)) == clean(t)``.
    """
    if not text:
        return ""
    if text.isascii():
        return _fold(text)
    while True:
        folded = _fold(drop_unshown(fix_mojibake(text)))
        if folded == text:
            return folded
        text = folded


# -- double encoding -----------------------------------------------------------

_C1_BYTES = {
    ord(bytes([b]).decode("cp1252")): chr(b)
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # undefined in Windows-1252
}
"""The Windows-1252 characters of bytes 0x80-0x9F, each to the Latin-1 character of its
byte: after this map, a string that was bytes read as Windows-1252 (or as Latin-1, whose
0x80-0x9F are C1 controls, as browsers also read Windows-1252's undefined bytes) is
those bytes read as Latin-1."""

_NOT_SPACE = "\u0080-\u009f\u00a1-\u00bf" + "".join(chr(c) for c in _C1_BYTES)
_MOJIBAKE_HINT = lazy(f"[\u00c2-\u00f4][{_NOT_SPACE}\u00a0]")
"""A UTF-8 lead byte read as a character (``Â``-``ô``), then a continuation byte
(0x80-0xBF) read as one: every double-encoded non-ASCII character starts so. A
no-break space (0xA0) is one too (``Â`` and one is a no-break space, ``Ã`` and one
``à``, ``Ð`` and one the Cyrillic ``Р``); a letter before an ordinary no-break space
(``é``, ``Ë``, ``Ñ``) is told apart by the whole reading: it is not valid UTF-8, or
not plausible text (``_plausible``)."""

_COMMON = lazy(
    "[^\u0000-\u007f\u00a0-\u017f\u0218-\u021b\u0192\u0370-\u04ff\u1e00-\u1eff"
    "\u2000-\u2bff\U0001f000-\U0001faff\ufe0f]"
)
"""A character outside the ranges repaired text is made of: Latin (with Latin-1,
Extended-A, Romanian ``ș``/``ț`` and Vietnamese letters, and Windows-1252's ``ƒ``,
which text encoded thrice passes through), Greek, Cyrillic, punctuation, currency,
letterlike symbols, arrows and emoji. Anything else leaves the text as it is: C1
controls, the rest of Latin Extended-B and IPA (Latin-1's ``É``/``È`` before a quote
or ``…`` would read as them), combining marks, the other scripts (CJK and Hangul
among them: a Latin letter before two no-break spaces, ``é\xa0\xa0``, reads as one,
so double-encoded CJK is left as it is), private use and U+FFFD."""

_GLUED = lazy("[A-Za-z][\u0370-\u04ff]|[\u0370-\u04ff][A-Za-z]")
"""A Greek or Cyrillic letter glued to a Latin one (``ESPAÑ’S`` is not ``ESPAђS``)."""


def _plausible(text: str) -> bool:
    """Whether repaired ``text`` is made of common characters only (``_COMMON``), none
    of them unassigned, with no Greek or Cyrillic letter glued to a Latin one."""
    return (
        not _COMMON.search(text)
        and not _GLUED.search(text)
        and all(unicodedata.category(ch) != "Cn" for ch in set(text) if ord(ch) > 0x7F)
    )


_UNSHOWN = re.compile("[\x80-\x9f\ufffd]")


def drop_unshown(text: str) -> str:
    """``text`` without the replacement character (U+FFFD: what a decoder, here or
    upstream, left for bytes it could not read) and the C1 control codes (U+0080 to
    U+009F: no text shows them; feed validators flag both). Run after
    :func:`fix_mojibake`, which reads C1 codes as the bytes of double encoding."""
    return _UNSHOWN.sub("", text) if _UNSHOWN.search(text) else text


def fix_mojibake(text: str) -> str:
    """``text`` with its double encoding undone: UTF-8 that was read as Windows-1252
    or Latin-1, once or more (``WireGuardÂ®`` is ``WireGuard®``, ``â€œquotedâ€\x9d``
    is ``“quoted”``).

    Safe by construction: the whole string must be such a reading — every character
    in Windows-1252 or Latin-1, and their bytes valid UTF-8 — so any character that
    is not part of a double-encoded sequence (``São``, ``Spaß“``, ``ä`` quoted next to
    ``Ã¤``) leaves the text as it is; partly double-encoded text is left alone too.
    The reading is repeated while it can be (text encoded twice over or more), and
    the deepest reading that is plausible text (see ``_plausible``) is the answer —
    the steps between may hold C1 controls, the last may not. Text with no
    lead-and-continuation pair (``Â®``, ``â€``) is returned at once.
    """
    best = text
    while not text.isascii() and _MOJIBAKE_HINT.search(text):
        try:
            text = text.translate(_C1_BYTES).encode("latin-1").decode("utf-8")
        except UnicodeError:  # a character outside both, or bytes that are not UTF-8
            break
        if _plausible(text):
            best = text
    return best


def split_truncation(text: str) -> tuple[str, bool]:
    """``(text without its truncation mark, whether it had one)``."""
    match = TRUNCATION.search(text)
    if not match:
        return text, False
    return text[: match.start()].rstrip(), True


def is_truncated(text: str | None) -> bool:
    """Whether a teaser ends in a truncation mark (``[…]``, ``[...]``, ``…``, ``...``)."""
    return bool(text) and TRUNCATION.search(text or "") is not None


# -- boilerplate -------------------------------------------------------------

_NEWSLETTER = lazy(
    r"\b(sign ?up|subscribe) (to|for) (our|the) ((free|daily|weekly|monthly) )?"
    r"((e-?mail|news) )?(digest|newsletter|mailing list|e-?mails?)\b",
    re.IGNORECASE,
)

BOILERPLATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    *(
        lazy(p, re.IGNORECASE)
        for p in (
            r"^skip to (main )?(content|navigation|main)\b",
            r"^jump to (content|navigation)\b",
            r"^(subscribe|sign up) (to|for) (our|the) newsletter",
            r"\bget (our|the) (daily|weekly)? ?(digest|newsletter)\b",
            r"^(please )?(donate|support us|make a donation)\b",
            r"\bplease (donate|consider donating|make a donation)\b",
            r"\bdonate (now )?to support (us|our work)\b",
            r"\b(fundraising|fund drive|donation) (appeal|campaign|drive|goal)\b",
            r"\b(we have|we've) (given|redesigned|relaunched|rebuilt|moved) our (web)?site\b",
            r"\bwe (use|rely on) cookies\b",
            r"\bthis (web)?site uses cookies\b",
            r"^all rights reserved\b",
            # the same furniture in the languages of the news most read: "read more",
            # "all rights reserved", "we use cookies" (German, French, Spanish, Italian,
            # Portuguese, Dutch, Polish, Russian)
            r"^(weiterlesen|mehr lesen|lire la suite|leer más|seguir leyendo|leggi tutto"
            r"|continua a leggere|leia mais|continue lendo|lees meer|verder lezen|czytaj dalej"
            r"|читать далее|подробнее)( ?(»|›|→|…|\.\.\.))?$",
            r"^(alle rechte vorbehalten|tous droits réservés|todos los derechos reservados"
            r"|tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden"
            r"|wszelkie prawa zastrzeżone|все права защищены)\b",
            r"\b(wir verwenden cookies|nous utilisons des cookies|utilizamos cookies"
            r"|utilizziamo (i )?cookie|wij gebruiken cookies|używamy plików cookie"
            r"|мы используем (файлы )?cookie)",
            r"^copyright ©|^© ?\d{4}",
            r"^(read more|continue reading)( ?(»|›|→|…|\.\.\.)| ?:.*)?$",
            r"^((newer|older) posts?|home)( ((newer|older) posts?|home))*$",
            r"^subscribe to: (posts|post comments|comments) \(atom\)$",
            r"^post a comment$",
            r"^email this ?blogthis!",
            r"^share to (twitter|facebook|pinterest)",
            r"^(pdf|print|e-?mail)( (pdf|print|e-?mail))*$",
            r"^([«‹<]\s*)?(start|first|prev(ious)?|next|end|last|page|\d+|…|\.\.\.|[«‹<>›»])"
            r"(\s+(start|first|prev(ious)?|next|end|last|page|\d+|…|\.\.\.|[«‹<>›»]))+$",
        )
    ),
    _NEWSLETTER,
)
"""Patterns of page furniture; a block or line matching any of them is not content."""


_ANCHORED = lazy(
    "|".join(f"(?:{p.pattern})" for p in BOILERPLATE_PATTERNS if p.pattern.startswith("^"))
)
"""The patterns that match at the start, in one (run on the lower-cased text)."""

_FLOATING: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (keys, lazy(p.pattern))
    for p in BOILERPLATE_PATTERNS
    if not p.pattern.startswith("^")
    for keys in [
        tuple(
            k
            for k in (
                "get ",
                "please ",
                "donat",
                "fund",
                "site",
                "cookie",
                "sign",
                "subscri",
            )
            if k in p.pattern
        )
    ]
)
"""The patterns that match anywhere, each with the words one of which it needs:
a substring test (fast) before the regex scan (slow on long teasers)."""


def is_boilerplate(text: str) -> bool:
    """Whether a block (or line) of captured text is page furniture, not content."""
    t = clean(text)
    if not t:
        return True
    low = t.lower()
    if _ANCHORED.match(low):
        return True
    for keys, pattern in _FLOATING:
        for key in keys:
            if key in low:
                if pattern.search(low):
                    return True
                break
    return False


def is_newsletter_heading(line: str) -> bool:
    """A sign-up box heading (``Sign Up To Our Daily Digest``): short and a sign-up call."""
    t = clean(line)
    return len(t.split()) <= 10 and _NEWSLETTER.search(t) is not None


_APPEAL = lazy(
    r"\b(fundraising|fund drive|donation) (appeal|campaign|drive|goal)\b",
    re.IGNORECASE,
)
_BOX_WORDS = lazy(r"\b(e-?mail|inbox|subscribe|sign ?up|newsletter|digest)\b", re.I)
_GIVING_WORDS = lazy(
    r"\b(donat\w*|contribut\w*|fundrais\w*|tax[- ]deductible|gifts?|chip in|sustain\w*|"
    r"readers like you|support (us|our work)|independent( \w+)? media)\b|\$\d",
    re.IGNORECASE,
)


def is_appeal_heading(line: str) -> bool:
    """A fundraising box heading (``Urgent End Of Year Fundraising Campaign``): short,
    and an appeal or drive for funds or donations."""
    t = clean(line)
    return len(t.split()) <= 10 and _APPEAL.search(t) is not None


def box_words(line: str) -> re.Pattern[str] | None:
    """The vocabulary of the box ``line`` heads — e-mail and sign-up words under a
    newsletter heading, giving words under an appeal — or None when it heads no box."""
    if is_newsletter_heading(line):
        return _BOX_WORDS
    if is_appeal_heading(line):
        return _GIVING_WORDS
    return None


def is_box_heading(line: str) -> bool:
    """Whether ``line`` heads a sign-up or fundraising box (its blurb goes with it)."""
    return box_words(line) is not None


_BLURB_BLOCKS = 2
"""How many blocks under a box heading may be its blurb (a short paragraph or two)."""


def drop_boilerplate(parts: list[list[str]]) -> list[list[str]]:
    """``parts`` (blocks of lines) without their boilerplate.

    A one-line block that is boilerplate goes, and so does a block whose
    first line is and which is boilerplate as a whole (a skip link above
    the menu); otherwise each boilerplate line inside a block goes (a
    newsletter heading glued under the last teaser by a single newline).

    A box — a sign-up heading (``Sign Up To Our Daily Digest``) or a
    fundraising appeal (``Urgent End Of Year Fundraising Campaign``) — also
    takes its blurb, in every way a capture breaks its lines: the lines
    under the heading in the same block, and up to two blocks right below
    it, each when it speaks the box's vocabulary (e-mail, inbox, signing up
    for a sign-up box; donations, gifts, contributions for an appeal). A
    paragraph that does not is the page's own and stays.
    """
    out: list[list[str]] = []
    box: re.Pattern[str] | None = None
    taken = 0
    for block in parts:
        if box is not None and taken < _BLURB_BLOCKS and box.search(" ".join(block)):
            taken += 1
            continue
        box, taken = None, 0
        first = is_boilerplate(block[0])
        if first and (len(block) == 1 or is_boilerplate(" ".join(block))):
            for line in block:
                box = box_words(line) or box
            continue
        kept = []
        for k, line in enumerate(block):
            if not (first if k == 0 else is_boilerplate(line)):
                kept.append(line)
                continue
            vocab = box_words(line)
            if vocab is None:
                continue
            box, taken = vocab, 0
            rest = block[k + 1 :]
            if rest and vocab.search(" ".join(rest)):
                taken = 1  # the blurb under the heading, in the same block
                break
        if kept:
            out.append(kept)
    return out


def blocks(text: str) -> list[list[str]]:
    """The blank-line-separated blocks of ``text``, each a list of its non-empty lines.

    Lines are stripped of surrounding whitespace (no-break spaces included).
    """
    out: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean(raw)
        if line:
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


# -- headings and captions ---------------------------------------------------


_SENTENCE_BREAK = lazy(r"\b[a-z]{2,}\. [A-Z]")


def is_heading(line: str) -> bool:
    """Whether a line looks like a headline: short, not a finished sentence, not
    two sentences (a lower-case word, a full stop, a capital), not truncated."""
    return (
        0 < len(line) <= 160
        and len(line.split()) <= 25
        and not line.endswith((".", ":", ";", ","))
        and TRUNCATION.search(line) is None
        and _SENTENCE_BREAK.search(line) is None
    )


def is_caption(line: str) -> bool:
    """Whether a line could be an image caption or alt: short, no sentence punctuation."""
    return (
        0 < len(line) <= 100
        and len(line.split()) <= 12
        and not line.endswith((".", ":", ";", ",", "!", "?", "…"))
    )


def split_caption(block: list[str], teaser_follows: bool) -> tuple[str | None, list[str]]:
    """``(caption, rest)`` for a caption line directly above a headline.

    A block of exactly two lines — a caption-like line, then a headline —
    followed by a teaser block (``teaser_follows``) is an image caption and
    its item's headline. Anything else comes back unchanged, caption None.
    """
    if (
        teaser_follows
        and len(block) == 2
        and is_caption(block[0])
        and is_heading(block[1])
        and not block[1].startswith(block[0])
    ):
        return block[0], [block[1]]
    return None, block


# -- glued words -------------------------------------------------------------

_STARTER_WORDS = """
The A An We Our This These Those They Their There Here He She His Her
Thousands Hundreds Dozens Millions Workers Two Three Four Five Six Seven
Eight Nine Ten Last After Following Today Yesterday Since When While For
From With According Following Over Under Just More Many Some Every Police
Students
"""
_STARTERS = frozenset(_STARTER_WORDS.split())
"""Words that open a sentence; a glue before one of them is an alt's end, even
after a capitalised word (``Public DomainThe``, ``NPSMKThe``)."""

_WEAK_STARTERS = frozenset({"In", "On", "At", "It", "As", "Is", "By", "To", "Of", "Or"})

_GLUE = lazy(r"(?<=[^\W_])(?=[A-Z])")
"""A capital right after a letter or digit: where a glued alt may end."""
_WORD = lazy(r"[A-Z](?:[a-z]+|\b)")
_ALT_MARK = lazy(r"[0-9_\-.]")
_SENTENCE_INSIDE = lazy(r"\b[a-z]{2,}[.!?]\s")
"""A sentence ending inside a would-be alt (initials like ``J. Doe`` are not one)."""


def _alt_ends_here(piece: str, word: str, single: bool) -> bool:
    """Whether ``piece`` (the glued token's part before ``word``) ends an alt."""
    strong = word in _STARTERS and word not in _WEAK_STARTERS
    if _ALT_MARK.search(piece):
        return True
    if piece.isalpha() and piece.islower():
        return len(piece) >= 3 and (single or word in _STARTERS)
    if piece.isalpha() and (piece.isupper() or piece[1:].islower()):
        return len(piece) >= 3 - piece.isupper() and strong
    return False


def split_glued_alt(text: str, *, window: int = 160) -> tuple[str | None, str]:
    """``(alt, summary)`` for an image alt glued to the start of a teaser.

    The mark is a missing space: a letter or digit ends the alt and a
    capitalised word begins the sentence (``bpj-logoTwo``, ``thumb
    oil_workers_logoWe``, ``Rally in Athens - Public DomainThe``, ``IMT
    LOGOThe``). A glue counts when the piece before it is file-name-like
    (digits, ``-``, ``_``, ``.``), or a lower-case piece of three letters or
    more that is the first word or is followed by a sentence opener (``The``,
    ``We``…), or a capitalised or all-caps piece followed by a sentence
    opener. So ordinary words stay whole: ``McDonald's``, ``iPhone``,
    ``YouTube`` (no opener after a capitalised or short piece), ``NPSMK`` (no
    lower case after). The alt is at most 12 words with no sentence in it,
    and at least 3 words follow. Returns ``(None, text)`` when there is none.
    """
    for glue in _GLUE.finditer(text, 1, min(len(text), window)):
        i = glue.start()
        if not text[i - 1].isalnum():
            continue
        match = _WORD.match(text, i)
        if not match:
            continue
        start = text.rfind(" ", 0, i) + 1
        piece = text[start:i]
        if not _alt_ends_here(piece, match.group(0), start == 0):
            continue
        alt, rest = text[:i].strip(), text[i:].strip()
        if (
            len(alt.split()) > 12
            or _SENTENCE_INSIDE.search(alt)
            or alt.endswith((".", "!", "?", ":", ";", ","))
            or len(rest.split()) < 3
        ):
            return None, text
        return alt, rest
    return None, text


_TITLE_GLUE = lazy(r"(?:(?<=[!?])|(?<=[^\s'\"’”‘“]['\"’”]))(?=[¡¿“‘]?[A-Z](?:[a-z]|\s))")


def split_glued_title(text: str, *, window: int = 200) -> tuple[str | None, str]:
    """``(title, summary)`` for a headline glued to its teaser.

    The mark: a headline ends in ``!``, ``?`` or a closing quote and the
    teaser's first capital follows with no space
    (``…the Malaysian people!'We are publishing…``). The headline must be 2 to
    25 words and the teaser at least 3. Returns ``(None, text)`` otherwise.
    """
    for match in _TITLE_GLUE.finditer(text[:window]):
        i = match.start()
        title, rest = text[:i].strip(), text[i:].strip()
        if 2 <= len(title.split()) <= 25 and len(rest.split()) >= 3:
            return title, rest
    return None, text


# -- bylines and date lines ----------------------------------------------------

_NAME_WORD = lazy(r"^(?:[A-Z][\w.'’-]*|de|da|del|della|van|von|der|la|le|al|bin|ibn|y)$")


def split_names(names: str) -> tuple[str, ...] | None:
    """The people of ``A``, ``A and B``, ``A, B and C``, ``A & B``; None when
    it is not a list of names (one to five capitalised words each)."""
    out = []
    for name in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names.strip()):
        words = name.split()
        if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
            return None
        out.append(" ".join(words))
    return tuple(out) or None


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_TEXT = (
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,? )?"
    rf"(?:{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS},? \d{{4}})"
)
_DATE_ONLY = lazy(rf"^{_DATE_TEXT}$")
_BYLINE = lazy(rf"^By (?P<names>[^|·•–—]+?)(?:\s*[|·•–—,-]\s*(?P<date>{_DATE_TEXT}))?$")


def split_meta(lines: list[str]) -> tuple[tuple[str, ...], str | None, list[str]]:
    """``(authors, date text, the other lines)``: a teaser's leading byline and date lines.

    A byline is ``By NAME`` (names as :func:`split_names` reads them), maybe
    followed by ``| DATE``; a date line is a date with the month in words
    (``May 3, 2021``, ``Tuesday, 3 May 2021``), never a bare number form. Only
    lines at the start count; the date text is for :func:`broadsheet.dates.parse_date`.
    """
    authors: tuple[str, ...] = ()
    date = None
    rest = list(lines)
    while rest:
        line = rest[0]
        if date is None and _DATE_ONLY.match(line):
            date = line
        elif not authors and (match := _BYLINE.match(line)):
            names = split_names(match.group("names"))
            if names is None or (match.group("date") and date is not None):
                break
            authors = names
            date = match.group("date") or date
        else:
            break
        rest.pop(0)
    return authors, date, rest
