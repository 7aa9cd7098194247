"""URLs as feeds write them: ASCII URIs in their normal form, on a real host.

A page hands the feed writers URLs as it wrote them: internationalised
(``/uploads/魔极客-logo.png``, an IDN host), with lower-case escapes
(``%e2%81%bf``), a default port (``https://host:443/``), no path at all
(``https://host``) or a host no browser can reach (``https://-/``,
``https://ogden_images.example.net``, a canonical link of ``https://my-blog``).
RSS wants URIs (RFC 3986) in ``link``, ``guid`` and ``enclosure``, Atom
compares ids character by character and wants them in normal form, and a
link to a host that cannot exist leads nowhere. :func:`feed_uri` makes each
URL the feed writes into:

* **an ASCII URI** (RFC 3987 §3.1): the host in IDNA form (punycode), every
  other non-ASCII character (text NFC-normalised first) and every character
  RFC 3986 does not allow in its place (a space, ``"``, ``<``, ``|``…)
  percent-encoded as UTF-8;
* **in normal form** (RFC 3986 §6.2.2–6.2.3): scheme and host lower case,
  the default port and an empty port dropped, an empty path as ``/``, dot
  segments removed, percent-escapes in upper case, escaped unreserved
  characters (``%41``, ``%7E``) decoded;
* **on a host name**: DNS labels of letters, digits and inner hyphens
  (RFC 1123; an underscore is not allowed in a host name) with at least one
  dot — a single-label name is no host on the Web — or an IP literal.
  A URL that is none of these is no URL for the feed (None), so the item
  gets a name-based id and no link, or no enclosure.

Two repairs of what pages get wrong: a page that escaped its whole URL once
too often (``https://host%2Fpath%2Fpage``) has percent-escapes in its
authority, where a host name never has any: such a URL is unescaped once and
read again; and a site's address glued before a URL that was already
absolute (``https://site.examplehttps://cdn.example/a.jpg``) leaves the
inner URL.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit, urlunsplit

__all__ = ["feed_uri"]

_DEFAULT_PORT = {"http": "80", "https": "443"}
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_SUB_DELIMS = "!$&'()*+,;="
_PATH_SAFE = _SUB_DELIMS + ":@/%"
_QUERY_SAFE = _PATH_SAFE + "?"


def _escapes(text: str, safe: str) -> str:
    """``text`` with what is not allowed percent-encoded (UTF-8) and its escapes normalised."""
    encoded = quote(unicodedata.normalize("NFC", text), safe=safe)
    # a "%" not starting an escape is a literal one
    encoded = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", encoded)

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _ESCAPE.sub(one, encoded)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4 for an absolute path."""
    out: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments[1:], start=1):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if out:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)


def _host(host: str) -> str | None:
    """The host in lower-case ASCII (IDNA), None when it is no host name or IP literal."""
    if host.startswith("[") and host.endswith("]"):
        try:
            return f"[{ipaddress.IPv6Address(host[1:-1]).compressed}]"
        except ValueError:
            return None
    try:
        return str(ipaddress.IPv4Address(host))
    except ValueError:
        pass
    host = host.rstrip(".")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    if labels[-1].isdigit():
        return None  # an all-numeric top-level label: a malformed IP address
    return ascii_host


def feed_uri(url: str | None) -> str | None:
    """``url`` (an absolute http(s) URL) as the feeds write it, None when it is
    no URL for a feed (see the module docstring)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        if parts.netloc.endswith(("http:", "https:")) and parts.path.startswith("//"):
            # "https://site.examplehttps://cdn.example/a.jpg": a site prefixed to a full URL
            start = url.index("://") + 3 + parts.netloc.rindex("http")
            if start > url.index("://") + 3:  # something was glued before it
                url = url[start:]
                parts = urlsplit(url)
        if "%" in parts.netloc:
            parts = urlsplit(f"{parts.scheme}://{unquote(url.split('://', 1)[-1])}")
            if "%" in parts.netloc:
                return None
        scheme = parts.scheme.lower()
        port = parts.port
        hostname = parts.hostname
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORT or not hostname:
        return None
    netloc = parts.netloc.rsplit("@", 1)
    host_port = netloc[-1]
    raw_host = host_port
    if host_port.startswith("["):
        raw_host = host_port[: host_port.find("]") + 1]
    elif ":" in host_port:
        raw_host = host_port.split(":", 1)[0]
    host = _host(raw_host)
    if host is None:
        return None
    authority = host if port is None or str(port) == _DEFAULT_PORT[scheme] else f"{host}:{port}"
    if len(netloc) == 2:
        authority = f"{_escapes(netloc[0], _SUB_DELIMS + ':%')}@{authority}"
    path = _remove_dot_segments(_escapes(parts.path, _PATH_SAFE) or "/")
    query = _escapes(parts.query, _QUERY_SAFE)
    fragment = _escapes(parts.fragment, _QUERY_SAFE)
    return urlunsplit((scheme, authority, path, query, fragment))
