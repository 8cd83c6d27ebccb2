"""The board report as HTML: the one place Jinja2 is imported.

``render_pack`` only presents what the pack's context holds (see ``packs``); it
returns a string and writes nothing. Templates come from ``--template DIR`` first and
fall back to the bundled ``report_templates/``, so a consultancy can replace any one
template, the CSS or the logo without copying the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import textwrap
from collections.abc import Collection
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache
import jinja2.sandbox
from markupsafe import Markup

from cxmaturity.core.comparison import AreaChange, Change, Comparison
from cxmaturity.core.errors import InvalidFileError, NotFoundError, UsageError
from cxmaturity.core.stages import Stage
from cxmaturity.formats.reading import decode_utf8, input_size, read_inside, walk_folder
from cxmaturity.render import bounds, charts
from cxmaturity.render.cache import RenderCache, lent
from cxmaturity.render.hyphens import soft_hyphens
from cxmaturity.render.numbers import MINUS, fixed, signed
from cxmaturity.words.comparison import movement, one_sided
from cxmaturity.words.language import Language, language

if TYPE_CHECKING:
    from cxmaturity.render.pack_models import BoardPack, WorkshopPack

NOT_ENOUGH = "not enough answers"
MAX_TEMPLATE_BYTES = 8 * 1024 * 1024
"""The cap on any one file of a template folder (render/pdf.py caps assets the same)."""


def bundled_templates() -> Traversable:
    return resources.files("cxmaturity") / "report_templates"


def template_dirs(override: Path | None = None) -> tuple[Traversable, ...]:
    """The folders templates and assets are looked up in, the override first.

    Every file in an override folder must stay inside it once symlinks are resolved:
    a shared folder with ``custom.css -> /etc/passwd`` is refused before anything is read.
    """
    if override is None:
        return (bundled_templates(),)
    if not override.is_dir():
        raise UsageError(f"--template: {override} is not a folder")
    _check_confined(override)
    return (override, bundled_templates())


def _check_confined(folder: Path) -> None:
    # Every file goes through the one input rule before anything is rendered: a FIFO,
    # a device or an oversized file is refused by looking at it, never by opening it.
    root = folder.resolve()
    for entry in walk_folder(folder, MAX_FOLDER_DEPTH, MAX_FOLDER_ENTRIES):
        if not entry.resolve().is_relative_to(root):
            raise InvalidFileError("a symlink that leads outside the template folder", entry)
        if not entry.is_dir():
            input_size(entry, MAX_TEMPLATE_BYTES)


MAX_FOLDER_DEPTH = 32
MAX_FOLDER_ENTRIES = 10_000


class _ConfinedLoader(jinja2.BaseLoader):
    """Loads templates from one folder on disk, never from outside it (after symlinks)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        parts = template.split("/")
        entry = self.root.joinpath(*parts)
        if ".." in parts or not entry.is_file():
            raise jinja2.TemplateNotFound(template)
        # Opened once and checked as opened: a file swapped for a symlink after a check
        # by path would otherwise put another file's text in the report.
        raw = read_inside(self.root, entry, MAX_TEMPLATE_BYTES)
        return decode_utf8(raw, entry), str(entry), lambda: True


class _TraversableLoader(jinja2.BaseLoader):
    """Loads templates from an importlib.resources folder, which need not be on disk."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        entry = self.root.joinpath(*template.split("/"))
        if ".." in template.split("/") or not entry.is_file():
            raise jinja2.TemplateNotFound(template)
        return entry.read_text(encoding="utf-8"), None, lambda: True


def _environment(override: str | None, code: str, cache: RenderCache) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [_TraversableLoader(bundled_templates())]
    if override is not None:
        loaders.insert(0, _ConfinedLoader(Path(override)))
    # Sandboxed: a template folder shared by a colleague is data. It cannot call into
    # Python internals (``cycler.__init__.__globals__``) nor reach files by itself.
    env = _BoundedSandbox(
        loader=jinja2.ChoiceLoader(loaders),
        # Explicit: extension guessing would miss .html.j2 and leave answers unescaped.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # One environment per language: {% trans %} and _() read its catalogue, and the
    # filters write its stage names, numbers and dates.
    lang = language(code)
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lang.gettext, lang.ngettext, newstyle=True, pgettext=lang.pgettext
    )
    env.globals["lang"] = lang.code
    env.filters.update(
        score=functools.partial(_score, lang=lang),
        fixed=functools.partial(fixed, lang=lang),
        stage=functools.partial(_stage, lang=lang),
        fill=charts.fill,
        ink=charts.ink,
        tone=charts.tone,
        wrap=_wrap,
        delta=functools.partial(signed, lang=lang, minus=MINUS),
        date=lang.date,
        decimal=lang.decimal,
        whole=functools.partial(lang.decimal, places=0),
        percent=lang.percent,
        movement=functools.partial(movement, lang=lang),
        css_string=_css_string,
        short=_short,
        soft_hyphens=functools.partial(soft_hyphens, code=lang.code, cache=cache),
    )
    for name in _SIZED_FILTERS:
        env.filters[name] = _sized_filter(name, env.filters[name])
    env.tests["longer"] = _longer
    env.bytecode_cache = _compiled_templates(lang.code, cache)
    return env


class _BoundedSandbox(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox, with every operation that can make text far longer than its inputs
    checked before it runs (see ``bounds``). Intercepted operators are also never folded
    into constants at compile time, so no huge value can reach the compiled-template cache.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        bounds.checked_binop(operator, left, right)
        return bounds.check_result(super().call_binop(context, operator, left, right))

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        bounds.checked_call(obj, args, kwargs)
        return bounds.check_result(super().call(context, obj, *args, **kwargs))


# Filters whose result can be far longer than their input.
_SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "format", "replace", "batch", "slice")


def _sized_filter(name: str, function: Any) -> Any:
    # The wrapper keeps Jinja's pass_* marker, so the context argument comes first when
    # the filter takes one; the value follows, then the sizes to check.
    skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        bounds.check_sizes(name, args[skip:], kwargs)
        if name == "format" and len(args) >= skip and isinstance(args[skip - 1], str):
            bounds.check_percent_format(args[skip - 1])
        if name == "replace" and len(args) >= skip + 2:
            bounds.check_replace(args[skip - 1], args[skip], args[skip + 1])
        return bounds.check_result(function(*args, **kwargs))

    return checked


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja's atomic file cache, which never fails a report: an unreadable or unwritable
    entry means compiling the template again, as without a cache."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # An entry far larger than compiled code can be is not ours: left unread.
        with contextlib.suppress(OSError):
            if Path(self._get_cache_filename(bucket)).stat().st_size > MAX_COMPILED_BYTES:
                return
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if len(bucket.bytecode_to_string()) > MAX_COMPILED_BYTES:
            return  # a template whose compiled code is this large is not worth keeping
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


MAX_COMPILED_BYTES = 4 * 1024 * 1024


def _compiled_templates(code: str, cache: RenderCache) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in the cache's folder, or None.

    Compiling the pack's fourteen templates is about 0.3 s of every report. Jinja checks
    each entry against its template's source, so an edited template is compiled again; the
    folder's name carries the versions and settings the compiled code depends on. Only a
    folder of this user's, closed to others, is used, as Jinja does for its own default.
    """
    from cxmaturity import __version__

    # One folder per language: Jinja folds a filter over a constant (``{{ 3.99 | fixed }}``)
    # into the compiled code, so code compiled for German would print "3,99" in English.
    tag = f"{__version__}-jinja{jinja2.__version__}-sandboxed-bounded-i18n-trimmed-newstyle-{code}"
    folder = cache.folder(f"templates-{tag}")
    if folder is None:
        return None
    return _QuietCache(str(folder))


def _longer(text: str, width: int) -> bool:
    return len(text) > width


def _score(value: float | None, lang: Language) -> str:
    return lang.gettext(NOT_ENOUGH) if value is None else lang.decimal(value)


def _stage(stage: Stage | None, numbered: bool = True, *, lang: Language) -> str:
    if stage is None:
        return lang.gettext(NOT_ENOUGH)
    return f"{int(stage)} {lang.stage(stage)}" if numbered else lang.stage(stage)


def _css_string(text: str) -> Markup:
    """A quoted CSS string (for ``content:`` in a stylesheet the templates include).

    A stylesheet is raw text inside ``<style>``: HTML escapes would show as written, so
    the text is escaped for CSS instead, ``<`` too, so it can never close the element.
    """
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>\n' else c for c in text)
    return Markup(f'"{escaped}"')


def _short(text: str, width: int = 60) -> str:
    """``text`` cut at a word to at most ``width`` characters, with an ellipsis if cut.

    Kept for template folders written against earlier versions: the bundled templates
    never cut a name (a chart numbers its labels and lists the names in full instead).
    """
    return textwrap.shorten(text, width, placeholder=" …")


def _wrap(text: str, width: int = 18) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False) or [""]


class Progress:
    """A Comparison as the templates look it up: by department and dimension id.

    Only a lookup: every figure shown is the Comparison's own. Departments in ``hidden``
    (too few respondents for this pack to show on their own) are left out of it, so no
    table or list of the progress section names them; ``left_out`` counts them.
    """

    def __init__(
        self,
        comparison: Comparison,
        lang: Language | None = None,
        hidden: Collection[str] = frozenset(),
    ) -> None:
        kept = tuple(a for a in comparison.departments if a.overall.id not in hidden)
        self.left_out = len(comparison.departments) - len(kept)
        self.comparison = dataclasses.replace(comparison, departments=kept)
        self.lang = lang or language()
        # Kept apart from the organisation: a department may well be called "organisation".
        self._departments = {area.overall.id: area for area in kept}

    @property
    def since(self) -> str:
        """The baseline's date for a heading, e.g. ``15 January 2026``."""
        updated = self.comparison.baseline.updated
        return self.lang.date(updated) if updated else self.lang.gettext("the baseline")

    @property
    def only_in_baseline(self) -> tuple[str, ...]:
        return one_sided(self.comparison, True, self.lang)

    @property
    def only_in_current(self) -> tuple[str, ...]:
        return one_sided(self.comparison, False, self.lang)

    def change(self, department_id: str, dimension_id: str | None = None) -> Change | None:
        """The change of a department, or of one of its dimensions; None if on neither side."""
        return _pick(self._departments.get(department_id), dimension_id)

    def organisation(self, dimension_id: str | None = None) -> Change | None:
        return _pick(self.comparison.organisation, dimension_id)

    def baseline_score(self, area_id: str, dimension_id: str) -> float | None:
        change = self.change(area_id, dimension_id)
        return None if change is None or change.baseline is None else change.baseline.score


def _pick(area: AreaChange | None, dimension_id: str | None) -> Change | None:
    if area is None or dimension_id is None:
        return None if area is None else area.overall
    return next((d for d in area.dimensions if d.id == dimension_id), None)


def render_template(
    name: str,
    /,
    template_dir: Path | None = None,
    code: str = "en",
    cache: RenderCache | None = None,
    **context: Any,
) -> str:
    """Render one template, looked up in ``template_dir`` first, then the bundled ones.

    Every template shares the one environment kept in ``cache`` (by default the one lent
    to the process), with its autoescaping, StrictUndefined and filters; template errors
    become the tool's own located errors. ``name`` is positional-only, so a template may
    use ``name`` in its context; ``template_dir``, ``code`` and ``cache`` are not context.
    """
    kept = lent(cache)
    override = str(template_dir) if template_dir is not None else None
    env = kept.made(("jinja", override, code), lambda: _environment(override, code, kept))
    try:
        template = env.get_template(name)
        return bounds.bounded_output(template.generate(context))
    except jinja2.TemplateNotFound as exc:
        raise NotFoundError(f"report template not found: {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InvalidFileError(
            exc.message or "template syntax error", exc.filename or exc.name, exc.lineno
        ) from None
    except jinja2.TemplateError as exc:
        # A --template override that uses a name the report does not provide.
        raise bounds.template_error(f"report template: {exc.message}", exc, name) from None
    except bounds.TemplateLimit as exc:
        raise bounds.template_error(f"report template: {exc}", exc, name) from None
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:
        # 1/0, a macro that calls itself, "%d" % "x": the template's own mistakes. Only
        # said as such for an override folder; in the bundled templates it is a bug.
        if template_dir is None:
            raise
        raise bounds.template_error(f"report template: {bounds.said(exc)}", exc, name) from None


def render_pack(
    pack: str,
    context: BoardPack | WorkshopPack,
    *,
    template_dir: Path | None = None,
    lang: Language | None = None,
    cache: RenderCache | None = None,
) -> str:
    """One pack's HTML (``board`` or ``workshop``) from its view model, in ``lang``.

    The pack holds its own progress lookup, without the departments it hides.
    """
    lang = lang or language()
    return render_template(f"{pack}.html.j2", template_dir, lang.code, cache, **context.variables())
