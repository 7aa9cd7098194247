"""The plugin registry: loading plugins, detecting a page's format, parsing.

:class:`Registry` wraps a pluggy ``PluginManager``. It registers the built-in
plugin modules (listed in :data:`broadsheet.formats.MODULES` and
:data:`broadsheet.writers.MODULES`) and then every entry point in the group
``broadsheet``, through the same hooks. Plugins named in the environment
variable ``BROADSHEET_BLOCK`` (comma-separated; plugin, format or writer
names) are not loaded or not used.

Built-in modules are imported when first needed: detecting a page imports
the modules that read its kind (:data:`broadsheet.formats.KINDS`), asking for
a writer the module that provides it (:data:`broadsheet.writers.NAMES`), and
listing the formats or writers imports them all. When entry points or extra
plugins are present everything is loaded at once, in the order above, so a
plugin that clashes with a built-in name meets the same rules. The entry-point
scan reads the installed distributions' ``entry_points.txt`` files directly
and imports :mod:`importlib.metadata` (slow to import) only when one of them
declares the group.

Detection: every format that accepts the page's kind scores it with
``sniff``; candidates are ranked by score, then ``priority``, then name, so
the result is deterministic. The best candidate at or above
:data:`THRESHOLD` parses the page; if it raises, the next one is tried, and
each failure is reported with the format's name.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cache
from importlib.machinery import PathFinder
from typing import Any

import attrs
import pluggy

from broadsheet import hookspecs
from broadsheet.errors import NoFormatError, ParseError, UnknownPluginError
from broadsheet.model import Article, Document, Listing, Source
from broadsheet.page import Page
from broadsheet.plugin import THRESHOLD, Format, Writer

__all__ = [
    "BLOCK_ENV",
    "THRESHOLD",
    "Candidate",
    "NoFormatError",
    "ParseError",
    "Registry",
    "UnknownPluginError",
    "get_registry",
    "installed_entry_points",
    "may_have_entry_points",
]

BLOCK_ENV = "BROADSHEET_BLOCK"
"""Environment variable: comma-separated plugin, format or writer names not to use."""


@attrs.frozen
class Candidate:
    """One format's sniff result for a page (``error`` set when sniff raised)."""

    format: Format
    score: float
    error: str | None = None


def _blocked_names() -> frozenset[str]:
    raw = os.environ.get(BLOCK_ENV, "")
    return frozenset(name.strip() for name in raw.split(",") if name.strip())


def _declares(text: str, group: str) -> bool:
    """Whether an ``entry_points.txt`` text has a ``[group]`` section."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]") and line[1:-1].strip() == group:
            return True
    return False


def may_have_entry_points(group: str) -> bool:
    """Whether an installed distribution may declare entry points in ``group``.

    Reads what :mod:`importlib.metadata` would read — the ``entry_points.txt``
    of every ``*.dist-info``/``*.egg-info`` folder in the :data:`sys.path`
    folders — without importing it. Says True (so the caller asks
    :mod:`importlib.metadata`) for anything it does not read itself: a zip
    or egg on the path, or another finder that knows distributions.
    """
    for finder in sys.meta_path:
        # PathFinder and the importlib_metadata backport's finder read the folders below
        known = finder is PathFinder or type(finder).__name__ == "MetadataPathFinder"
        if not known and getattr(finder, "find_distributions", None):
            return True
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:
            if os.path.isfile(folder):
                return True  # a zip on the path: importlib.metadata looks inside
            continue
        if folder.lower().endswith(".egg"):
            return True
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            if _declares(text, group):
                return True
    return False


def installed_entry_points(group: str) -> list[Any]:
    """The installed entry points of ``group`` (:mod:`importlib.metadata` imported only
    when :func:`may_have_entry_points` finds a declaration)."""
    if not may_have_entry_points(group):
        return []
    from importlib import metadata

    return list(metadata.entry_points(group=group))


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class Registry:
    """The loaded plugins and what they provide.

    ``Registry()`` loads the built-ins and the installed entry points;
    ``Registry(builtins=False, entry_points=False, plugins=[module])`` makes
    an isolated registry for a test.
    """

    def __init__(
        self,
        *,
        builtins: bool = True,
        entry_points: bool = True,
        plugins: Iterable[object] = (),
        blocked: Iterable[str] | None = None,
    ) -> None:
        self.blocked = frozenset(blocked) if blocked is not None else _blocked_names()
        self._problems: list[str] = []
        self._origins: dict[str, str] = {}
        self._plugin_origin: dict[str, str] = {}
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self._formats: dict[str, Format] = {}
        self._writers: dict[str, Writer] = {}
        self._order: list[Format] | None = None
        self._pending: dict[str, str | None] = {}
        """Built-in modules not imported yet -> their old name (for ``BROADSHEET_BLOCK``)."""
        self._kinds: dict[str, tuple[str, ...]] = {}
        self._writer_names: dict[str, tuple[str, ...]] = {}
        if builtins:
            from broadsheet import formats, writers

            old_names = {new: old for old, new in formats.RENAMED.items()}
            for module_name in (*formats.MODULES, *writers.MODULES):
                self._pending[module_name] = old_names.get(module_name)
            self._kinds = dict(formats.KINDS)
            self._writer_names = dict(writers.NAMES)
        found = installed_entry_points(hookspecs.PROJECT) if entry_points else []
        extra = list(plugins)
        if not found and not extra:
            return  # built-ins only: each module is imported when first needed
        # plugins may clash with built-in names: load everything, in the documented order
        for module_name, old_name in self._pending.items():
            self._register_module(module_name, "broadsheet", old_name)
        self._pending = {}
        self._load_entry_points(found)
        for plugin in extra:
            name = getattr(plugin, "__name__", None) or repr(plugin)
            if name not in self.blocked:
                self.pm.register(plugin, name=name)
        self._collect()

    @property
    def formats(self) -> dict[str, Format]:
        """Every format, by name (imports the built-in modules not imported yet)."""
        self._load(list(self._pending))
        return self._formats

    @property
    def writers(self) -> dict[str, Writer]:
        """Every writer, by name (imports the built-in modules not imported yet)."""
        self._load(list(self._pending))
        return self._writers

    @property
    def problems(self) -> list[str]:
        """Messages about plugins that failed to load or misbehaved."""
        self._load(list(self._pending))
        return self._problems

    @property
    def origins(self) -> dict[str, str]:
        """Format or writer name -> the distribution (package) that provides it."""
        self._load(list(self._pending))
        return self._origins

    # -- loading -----------------------------------------------------------

    def _register_module(self, module_name: str, origin: str, old_name: str | None = None) -> None:
        names = {module_name, module_name.rsplit(".", 1)[-1]}
        if old_name is not None:  # a renamed built-in module is still blocked by its old name
            names |= {old_name, old_name.rsplit(".", 1)[-1]}
        if not self.blocked.isdisjoint(names):
            return
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:  # a broken plugin must not stop the others
            self._problems.append(f"plugin {module_name}: failed to load ({_describe(exc)})")
            return
        self.pm.register(module, name=module_name)
        self._plugin_origin[module_name] = origin

    def _load(self, modules: Collection[str]) -> None:
        """Import the pending built-in ``modules`` and collect what they provide."""
        todo = [m for m in modules if m in self._pending]
        if not todo:
            return
        for module_name in todo:
            self._register_module(module_name, "broadsheet", self._pending.pop(module_name))
        self._collect(set(todo))
        self._order = None

    def _load_kind(self, kind: str) -> None:
        """Import the pending built-in modules that may read pages of ``kind``."""
        self._load(
            [
                m
                for m in self._pending
                if m not in self._writer_names and kind in self._kinds.get(m, (kind,))
            ]
        )

    def _load_entry_points(self, found: Iterable[Any]) -> None:
        for ep in found:
            if ep.name in self.blocked or self.pm.has_plugin(ep.name):
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                self._problems.append(f"plugin {ep.name}: failed to load ({_describe(exc)})")
                continue
            if self.pm.is_registered(plugin):
                continue
            self.pm.register(plugin, name=ep.name)
            dist = getattr(ep, "dist", None)
            self._plugin_origin[ep.name] = getattr(dist, "name", None) or ep.value

    def _collect(self, only: set[str] | None = None) -> None:
        """Collect the formats and writers of the registered plugins (``only`` those)."""
        hooks: Sequence[tuple[str, pluggy.HookCaller, dict[str, Format] | dict[str, Writer]]] = (
            ("broadsheet_formats", self.pm.hook.broadsheet_formats, self._formats),
            ("broadsheet_writers", self.pm.hook.broadsheet_writers, self._writers),
        )
        expected = {"broadsheet_formats": Format, "broadsheet_writers": Writer}
        for hook_name, caller, target in hooks:
            # call each implementation on its own so that one raising plugin is skipped alone
            for impl in reversed(caller.get_hookimpls()):
                if only is not None and impl.plugin_name not in only:
                    continue
                try:
                    provided: list[object] = list(impl.function())  # type: ignore[call-overload]
                except Exception as exc:
                    self._problems.append(
                        f"plugin {impl.plugin_name}: {hook_name} raised ({_describe(exc)})"
                    )
                    continue
                origin = self._plugin_origin.get(impl.plugin_name, impl.plugin_name)
                for obj in provided:
                    name = getattr(obj, "name", None)
                    if not isinstance(obj, expected[hook_name]) or not isinstance(name, str):
                        self._problems.append(
                            f"plugin {impl.plugin_name}: {hook_name} returned {obj!r}, "
                            f"not a {expected[hook_name].__name__} with a name"
                        )
                        continue
                    if name in self.blocked:
                        continue
                    if name in target:
                        self._problems.append(
                            f"plugin {impl.plugin_name}: {name!r} is already provided "
                            f"by {self._origins.get(name)}; ignored"
                        )
                        continue
                    target[name] = obj  # type: ignore[assignment]
                    self._origins[name] = origin

    # -- lookup ------------------------------------------------------------

    def format(self, name: str) -> Format:
        """The format called ``name``; raises :class:`UnknownPluginError`."""
        if name in self._formats:
            return self._formats[name]
        try:
            return self.formats[name]
        except KeyError:
            raise UnknownPluginError(
                f"unknown format {name!r} (known: {', '.join(sorted(self.formats))})"
            ) from None

    def writer(self, name: str) -> Writer:
        """The writer called ``name``; raises :class:`UnknownPluginError`."""
        if name not in self._writers:  # the module that provides it, if it is a built-in
            self._load([m for m, names in self._writer_names.items() if name in names])
        if name in self._writers:
            return self._writers[name]
        try:
            return self.writers[name]
        except KeyError:
            raise UnknownPluginError(
                f"unknown output format {name!r} (known: {', '.join(sorted(self.writers))})"
            ) from None

    def read_back(self, writer: str | Writer, data: bytes) -> Iterator[Document]:
        """The documents of ``data``, the output of ``writer`` (a name or a writer),
        read with the format the writer names in ``reads_back_with``.

        The documents come as that format parses them: no provenance is added
        (they carry their own). Raises :class:`NotImplementedError` when no
        format reads this writer's output, :class:`UnknownPluginError` when the
        named format is not loaded.
        """
        wr = self.writer(writer) if isinstance(writer, str) else writer
        if wr.reads_back_with is None:
            raise NotImplementedError(f"the {wr.name} writer cannot read its output back")
        fmt = self.format(wr.reads_back_with)
        return fmt.parse_many(Page.from_bytes(data, kind=fmt.kinds[0]))

    # -- detection and parsing ----------------------------------------------

    def detect(self, page: Page, *, full: bool = True) -> list[Candidate]:
        """The formats that read ``page.kind``, scored and ranked best first.

        With ``full=False`` formats are sniffed in order of their
        :attr:`~broadsheet.Format.ceiling`, highest first, and sniffing stops
        once no format left could reach the best score so far: the winner is
        the same as with ``full=True``, without running the costly sniffs of
        generic fallbacks on a page an outlet format has already claimed.
        """
        self._load_kind(page.kind)
        out: list[Candidate] = []
        best = -1.0
        for fmt in self._sniff_order:
            if page.kind not in fmt.kinds:
                continue
            if not full and fmt.ceiling < best:
                break  # the order is by ceiling: no later format can win either
            try:
                score = float(fmt.sniff(page))
            except Exception as exc:
                out.append(Candidate(fmt, 0.0, f"sniff raised {_describe(exc)}"))
                continue
            if not 0.0 <= score <= 1.0:  # NaN fails both comparisons
                out.append(Candidate(fmt, 0.0, f"sniff returned {score!r}, outside [0, 1]"))
                continue
            score = min(score, fmt.ceiling)
            best = max(best, score)
            out.append(Candidate(fmt, score))
        out.sort(key=lambda c: (-c.score, -c.format.priority, c.format.name))
        return out

    @property
    def _sniff_order(self) -> list[Format]:
        if self._order is None:
            self._order = sorted(
                self._formats.values(), key=lambda f: (-f.ceiling, -f.priority, f.name)
            )
        return self._order

    def parse_many(self, page: Page, format: str | None = None) -> Iterator[Document]:
        """Every document of ``page``: with the forced ``format``, or the best detected.

        Raises :class:`NoFormatError` when nothing scores high enough and
        :class:`ParseError` when every candidate failed.
        """
        if format is not None:
            fmt = self.format(format)
            try:
                docs = list(fmt.parse_many(page))
            except Exception as exc:
                raise ParseError(f"format {fmt.name} failed: {_describe(exc)}") from exc
            yield from self._finish(docs, fmt, page)
            return
        if page.kind == "binary":
            raise NoFormatError("binary data, not a page (not readable as text)")
        ranked = self.detect(page, full=False)
        able = [c for c in ranked if c.error is None and c.score >= THRESHOLD]
        if not able:
            best = ", ".join(
                f"{c.format.name} {c.score:.2f}" for c in ranked[:3] if c.error is None
            )
            errors = [f"{c.format.name}: {c.error}" for c in ranked if c.error]
            detail = f"best candidates: {best}" if best else f"no format reads {page.kind} pages"
            if errors:
                detail += "; " + "; ".join(errors)
            raise NoFormatError(f"no format matched ({page.kind} page; {detail})")
        failures = [f"{c.format.name}: {c.error}" for c in ranked if c.error]
        tried: set[str] = set()
        for full in (False, True):
            if full:  # every quick candidate failed: rank the formats skipped so far too
                able = [
                    c
                    for c in self.detect(page)
                    if c.error is None and c.score >= THRESHOLD and c.format.name not in tried
                ]
            for candidate in able:
                tried.add(candidate.format.name)
                try:
                    docs = list(candidate.format.parse_many(page))
                    if not docs:
                        raise ValueError("no document found")
                except Exception as exc:
                    failures.append(f"{candidate.format.name} failed: {_describe(exc)}")
                    continue
                yield from self._finish(docs, candidate.format, page)
                return
        raise ParseError("; ".join(failures))

    def parse(self, page: Page, format: str | None = None) -> Document:
        """The first document of ``page`` (see :meth:`parse_many`)."""
        for doc in self.parse_many(page, format):
            return doc
        raise ParseError("no document found")

    def _finish(self, docs: list[Document], fmt: Format, page: Page) -> Iterator[Document]:
        for doc in docs:
            if not isinstance(doc, Article | Listing):
                raise ParseError(f"format {fmt.name} returned {type(doc).__name__}, not a document")
            if doc.source is None:
                source = Source(
                    format=fmt.name,
                    version=fmt.version,
                    input=page.name or page.url,
                    position=page.position,
                )
                doc = attrs.evolve(doc, source=source)
            if doc.outlet is None and fmt.outlet is not None:
                doc = attrs.evolve(doc, outlet=fmt.outlet)
            yield doc


@cache
def get_registry() -> Registry:
    """The process-wide registry (built-ins, entry points, ``BROADSHEET_BLOCK`` applied)."""
    return Registry()
