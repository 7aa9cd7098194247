"""The conformance kit: check that a format keeps the contract every format keeps.

Plugin authors (and broadsheet's own tests) call :func:`check_format` with a
format and the folder of its fixtures. It checks, and reports every problem
it finds in one :class:`ConformanceError`:

1. **The contract** — a lower-case dashed ``name``, known ``kinds``, a
   ``version``, a one-line ``description``, an era that is not upside down.
2. **Its own fixtures** — each input in ``fixtures_dir`` is of a kind the
   format reads, ``sniff`` scores it at or above
   :data:`~broadsheet.plugin.THRESHOLD`, and the document it parses to
   equals the expected JSON beside it, validates against the JSON Schema and
   survives the JSON round trip (``loads(dumps(doc)) == doc``). When the
   format is also registered (installed), detection must pick it.
3. **Other pages** — a non-generic format scores every foreign page below
   the threshold: the small corpus of pages of every kind shipped in the
   kit (:func:`corpus_dir`), plus the fixture folders passed as ``others``
   (a folder named after the format itself is skipped). A format that
   claims pages that are not its own is the classic way detection breaks.
4. **Junk** — fed arbitrary bytes and mangled copies of its fixtures
   (hypothesis), ``sniff`` and ``parse`` never raise anything but
   :class:`ValueError`, and ``sniff`` stays within [0, 1].

Fixture layout, shared with broadsheet's own tests::

    fixtures/<format-name>/<case>.<ext>     an input page written for the project
    fixtures/<format-name>/<case>.json      the expected document, JSON form, no "source"
    fixtures/<format-name>/<case>.url       optional: the page URL to parse with
    fixtures/<format-name>/.blocked         optional: format names the detection check
                                            leaves out (another format that claims the
                                            same pages and would outrank this one)

The kit needs the ``test`` extra (``pip install 'broadsheet[test]'``:
pytest, hypothesis, jsonschema). It is also a pytest plugin (entry point
``pytest11``): the fixture ``broadsheet_check`` is :func:`check_format` with
the ini option ``broadsheet_fixtures`` (folders of other formats' fixtures)
added to ``others``.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadsheet.errors import ConformanceError
from broadsheet.hookspecs import hookimpl
from broadsheet.jsonform import dumps, loads, schema, to_dict
from broadsheet.model import Article, Document, Listing
from broadsheet.page import Page
from broadsheet.plugin import Format

if TYPE_CHECKING:
    import pytest

    from broadsheet.registry import Registry

__all__ = [
    "KINDS",
    "Case",
    "ConformanceError",
    "cases",
    "check_contract",
    "check_fixtures",
    "check_foreign",
    "check_format",
    "check_junk",
    "comparable",
    "corpus_dir",
    "folder_cases",
    "foreign_pages",
]

KINDS = frozenset({"html", "text", "feed", "json"})
"""The page kinds a format may read."""

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_INPUT = (".json", ".url")


# -- fixtures ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One fixture: an input page of ``format`` and its expected document."""

    format: str
    input: Path

    @property
    def expected_path(self) -> Path:
        """The expected document (JSON form without ``source``)."""
        return self.input.with_suffix(".json")

    @property
    def id(self) -> str:
        return f"{self.format}/{self.input.name}"

    def url(self) -> str | None:
        """The page URL from ``<case>.url``, if there is one."""
        path = self.input.with_suffix(".url")
        return path.read_text("utf-8").strip() if path.exists() else None

    def page(self) -> Page:
        """The input as a :class:`~broadsheet.Page` (named after the file)."""
        return Page.from_bytes(self.input.read_bytes(), url=self.url(), name=self.input.name)

    def expected(self) -> Any:
        """The expected JSON: one document object (or a list, for a page with several)."""
        return json.loads(self.expected_path.read_text("utf-8"))


def _inputs(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix not in _NOT_INPUT and not path.name.startswith("."):
            yield path


def folder_cases(folder: Path, format_name: str | None = None) -> list[Case]:
    """The cases of one format's fixture folder (the format is the folder's name)."""
    folder = Path(folder)
    return [Case(format_name or folder.name, p) for p in _inputs(folder)] if folder.is_dir() else []


def cases(root: Path) -> Iterator[Case]:
    """Every case under a fixtures root (one sub-folder per format), sorted."""
    root = Path(root)
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        yield from folder_cases(folder)


def comparable(doc: Document) -> dict[str, Any]:
    """The JSON form of ``doc`` without the top-level ``source`` (it names the input path)."""
    data = to_dict(doc)
    data.pop("source", None)
    return data


def corpus_dir() -> Path:
    """The kit's own corpus: a few invented pages of every kind, for foreign-page checks."""
    return Path(str(resources.files("broadsheet").joinpath("_corpus")))


def foreign_pages(
    format_name: str, others: Iterable[Path] = (), *, corpus: bool = True
) -> Iterator[tuple[str, Path]]:
    """``(id, path)`` of every page that is not ``format_name``'s own.

    Each of ``others`` is a fixtures root (one folder per format), a single
    format's folder, or a folder of pages; folders named ``format_name`` are
    skipped, and so are expected ``.json`` and ``.url`` files.
    """
    folders: list[Path] = [corpus_dir()] if corpus else []
    for other in others:
        other = Path(other)
        if not other.is_dir():
            continue
        subfolders = sorted(p for p in other.iterdir() if p.is_dir())
        folders.extend(subfolders or [other])
        if subfolders:
            folders.append(other)
    seen: set[Path] = set()
    for folder in folders:
        if folder.name == format_name:
            continue
        for path in _inputs(folder):
            if path.resolve() not in seen:
                seen.add(path.resolve())
                yield f"{folder.name}/{path.name}", path


# -- checks --------------------------------------------------------------------


def check_contract(fmt: Format) -> list[str]:
    """Problems with the format's class attributes (empty when it keeps the contract)."""
    problems: list[str] = []
    name = getattr(fmt, "name", None)
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"name {name!r} is not lower-case words joined by dashes")
    kinds = getattr(fmt, "kinds", ())
    if not isinstance(kinds, tuple) or not kinds or not set(kinds) <= KINDS:
        problems.append(f"kinds {kinds!r} must be a non-empty tuple of {sorted(KINDS)}")
    if not isinstance(fmt.version, str) or not fmt.version:
        problems.append("version must be a non-empty string")
    if not isinstance(fmt.description, str) or not fmt.description.strip():
        problems.append("description is empty (it is the one line shown by 'formats' and docs)")
    elif "\n" in fmt.description:
        problems.append("description must be one line")
    if fmt.outlet is not None and (not isinstance(fmt.outlet, str) or not fmt.outlet):
        problems.append(f"outlet {fmt.outlet!r} must be None or a non-empty string")
    if fmt.valid_from and fmt.valid_until and fmt.valid_from > fmt.valid_until:
        problems.append(f"era ends ({fmt.valid_until}) before it starts ({fmt.valid_from})")
    return problems


class _Provider:
    """A one-format plugin, so a format can be run through a registry of its own."""

    def __init__(self, fmt: Format) -> None:
        self.fmt = fmt
        self.__name__ = f"conformance-{fmt.name}"

    @hookimpl
    def broadsheet_formats(self) -> list[Format]:
        return [self.fmt]


def _own_registry(fmt: Format) -> Registry:
    from broadsheet.registry import Registry

    return Registry(builtins=False, entry_points=False, plugins=[_Provider(fmt)], blocked=())


def _score(fmt: Format, page: Page) -> float:
    return float(fmt.sniff(page))


def check_fixtures(
    fmt: Format, fixtures: Iterable[Case], *, registry: Registry | None = None
) -> list[str]:
    """Problems with ``fmt`` on its own fixtures (see the module docstring, point 2).

    ``registry``, when given and holding a format of the same name, must
    also rank ``fmt`` first for each fixture (detection among the others).
    """
    import jsonschema

    from broadsheet.plugin import THRESHOLD

    validator = jsonschema.Draft202012Validator(schema())
    own = _own_registry(fmt)
    problems: list[str] = []
    for case in fixtures:
        where = case.id
        if not case.expected_path.exists():
            problems.append(f"{where}: no expected document {case.expected_path.name}")
            continue
        page = case.page()
        if page.kind not in fmt.kinds:
            problems.append(f"{where}: a {page.kind} page, but the format reads {fmt.kinds}")
            continue
        score = _score(fmt, page)
        if not THRESHOLD <= score <= 1.0:
            problems.append(f"{where}: sniff scores its own fixture {score:.2f} (< {THRESHOLD})")
        if registry is not None and fmt.name in registry.formats:
            left_out = _blocked(case.input.parent)
            ranked = [c for c in registry.detect(page) if c.format.name not in left_out]
            if not ranked or ranked[0].format.name != fmt.name:
                top = ", ".join(f"{c.format.name} {c.score:.2f}" for c in ranked[:3])
                problems.append(f"{where}: detection picks another format ({top})")
        try:
            docs = list(own.parse_many(case.page(), fmt.name))
        except Exception as exc:
            problems.append(f"{where}: parse raised {type(exc).__name__}: {exc}")
            continue
        expected = case.expected()
        got: Any = [comparable(d) for d in docs]
        if isinstance(expected, dict):
            got = got[0] if len(got) == 1 else got
        if got != expected:
            problems.append(
                f"{where}: the document differs from {case.expected_path.name} "
                f"(regenerate it and review the diff)\n{_diff(expected, got)}"
            )
        for doc in docs:
            errors = sorted(validator.iter_errors(json.loads(dumps(doc))), key=str)
            if errors:
                problems.append(f"{where}: the JSON fails the schema: {errors[0].message}")
            if loads(dumps(doc)) != doc:
                problems.append(f"{where}: the document does not survive the JSON round trip")
    return problems


def _blocked(folder: Path) -> frozenset[str]:
    """Format names listed in the folder's optional ``.blocked`` file (left out of detection)."""
    marker = folder / ".blocked"
    return frozenset(marker.read_text("utf-8").split()) if marker.exists() else frozenset()


def _diff(expected: Any, got: Any) -> str:
    import difflib

    a = json.dumps(expected, indent=2, ensure_ascii=False, sort_keys=True).splitlines()
    b = json.dumps(got, indent=2, ensure_ascii=False, sort_keys=True).splitlines()
    lines = list(difflib.unified_diff(a, b, "expected", "parsed", n=1, lineterm=""))
    return "\n".join("      " + line for line in lines[:40])


def check_foreign(fmt: Format, pages: Iterable[tuple[str, Path]]) -> list[str]:
    """Problems: foreign pages of a kind ``fmt`` reads that it scores at or above the threshold.

    Generic formats accept any page of their kinds by design and are not checked.
    """
    from broadsheet.plugin import THRESHOLD

    if fmt.generic:
        return []
    problems: list[str] = []
    for where, path in pages:
        page = Page.from_bytes(path.read_bytes(), name=path.name)
        if page.kind not in fmt.kinds:
            continue
        try:
            score = _score(fmt, page)
        except Exception as exc:
            problems.append(f"{where}: sniff raised {type(exc).__name__}: {exc}")
            continue
        if score >= THRESHOLD:
            problems.append(f"{where}: sniff claims a page that is not its own ({score:.2f})")
    return problems


def _mangle(data: bytes, a: float, b: float, how: int) -> bytes:
    """Cut, splice or thin out ``data`` at the relative positions ``a`` and ``b``."""
    i, j = sorted((int(a * len(data)), int(b * len(data))))
    if how == 0:
        return data[:j]  # truncated
    if how == 1:
        return data[:i] + data[j:]  # a span taken out
    if how == 2:
        return data[i:j] * 3  # a fragment, repeated
    lines = data.split(b"\n")
    return b"\n".join(lines[k] for k in range(len(lines)) if (k * 7 + i) % 3)  # thinned out


def check_junk(fmt: Format, seeds: Iterable[bytes] = (), *, examples: int = 100) -> list[str]:
    """Problems found by feeding ``fmt`` junk: arbitrary bytes and mangled ``seeds``.

    ``sniff`` (on pages of the kinds it reads) must return a score in [0, 1]
    or raise :class:`ValueError`; ``parse_many`` (forced, on any page) must
    yield documents or raise :class:`ValueError` — nothing else, ever.
    """
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    samples = [s for s in seeds if s]
    junk = st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                ["<html>", "<p>", "</p>", "<a href='", "<script>", "<div class=x>", "&amp;",
                 "\n\n", "Page 1 of 0", "<?xml version='1.0'?>", "<rss>", "<item>", "{", "[",
                 '"type": "article"', "\x00", "\ufeff", "Written by", "2024-02-30", "…"]
            ),
            max_size=60,
        ).map(lambda parts: "".join(parts).encode("utf-8")),
    )  # fmt: skip
    if samples:
        floats = st.floats(0, 1)
        mangled = st.builds(_mangle, st.sampled_from(samples), floats, floats, st.integers(0, 3))
        junk = st.one_of(junk, mangled, mangled)
    problems: list[str] = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )
    @given(data=junk, kind=st.sampled_from([None, *fmt.kinds]))
    def run(data: bytes, kind: Any) -> None:
        page = Page.from_bytes(data, name="junk", kind=kind)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if page.kind in fmt.kinds:
                try:
                    score = _score(fmt, page)
                except ValueError:
                    pass
                except Exception as exc:
                    raise _JunkFailure(f"sniff raised {type(exc).__name__}: {exc}", data) from exc
                else:
                    if not 0.0 <= score <= 1.0:
                        raise _JunkFailure(f"sniff returned {score!r}, outside [0, 1]", data)
            try:
                docs = list(fmt.parse_many(page))
            except ValueError:
                return
            except Exception as exc:
                raise _JunkFailure(f"parse raised {type(exc).__name__}: {exc}", data) from exc
        for doc in docs:
            if not isinstance(doc, Article | Listing):
                raise _JunkFailure(f"parse returned {type(doc).__name__}, not a document", data)

    try:
        run()
    except _JunkFailure as exc:
        problems.append(f"junk input {exc.data[:120]!r}: {exc.reason}")
    return problems


class _JunkFailure(Exception):
    def __init__(self, reason: str, data: bytes) -> None:
        super().__init__(reason)
        self.reason = reason
        self.data = data


def check_format(
    fmt: Format,
    fixtures_dir: Path | str,
    *,
    others: Iterable[Path | str] = (),
    corpus: bool = True,
    registry: Registry | None = None,
    junk_examples: int = 100,
) -> None:
    """Assert that ``fmt`` keeps the format contract; raise :class:`ConformanceError` if not.

    ``fixtures_dir`` is the format's fixture folder, or a fixtures root with a
    sub-folder named after the format. ``others`` are more folders of
    foreign pages (fixture roots of other formats), checked with the kit's
    own corpus unless ``corpus=False``. ``registry`` defaults to the
    process-wide one; it is used only when the format is registered in it.
    ``junk_examples`` sets how many junk inputs hypothesis tries.
    """
    from broadsheet.registry import get_registry

    folder = Path(fixtures_dir)
    if (folder / fmt.name).is_dir():
        folder = folder / fmt.name
    problems = check_contract(fmt)
    fixtures = folder_cases(folder, fmt.name)
    if not fixtures:
        problems.append(f"no fixtures in {folder} (add <case>.<ext> inputs with <case>.json)")
    if registry is None:
        registry = get_registry()
    registered = registry.formats.get(fmt.name)
    if registered is not None and type(registered) is not type(fmt):
        registry = None  # another format of the same name is installed: detection is moot
    problems += check_fixtures(fmt, fixtures, registry=registry)
    foreign = [p for p in others if Path(p).resolve() != folder.resolve()]
    problems += check_foreign(fmt, foreign_pages(fmt.name, map(Path, foreign), corpus=corpus))
    problems += check_junk(fmt, (c.input.read_bytes() for c in fixtures), examples=junk_examples)
    if problems:
        raise ConformanceError(fmt.name, problems)


# -- pytest plugin (entry point ``pytest11``) -----------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "broadsheet_fixtures",
        type="paths",
        default=[],
        help="broadsheet: folders of other formats' fixtures, used as foreign pages "
        "by the broadsheet_check fixture",
    )


def _check_fixture(request: pytest.FixtureRequest) -> Callable[..., None]:
    extra = [Path(p) for p in request.config.getini("broadsheet_fixtures")]

    def check(fmt: Format, fixtures_dir: Path | str, **kwargs: Any) -> None:
        kwargs["others"] = [*extra, *kwargs.get("others", ())]
        __tracebackhide__ = True
        check_format(fmt, fixtures_dir, **kwargs)

    return check


def _make_fixture() -> Any:
    try:
        import pytest
    except ImportError:  # pragma: no cover - the kit used without pytest
        return None
    return pytest.fixture(name="broadsheet_check")(_check_fixture)


broadsheet_check = _make_fixture()
"""pytest fixture: :func:`check_format`, with the ``broadsheet_fixtures`` folders in ``others``."""
