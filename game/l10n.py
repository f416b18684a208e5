"""Interface strings, dates and numbers in the player's language, through gettext catalogues.

The story's own text is translated by the story (``game.story.i18n``); this module translates
what the program says around it: menus, help, notices, summary headings, the class report.
Catalogues are ``game/locale/<lang>/LC_MESSAGES/budapest56.po``, compiled by Babel to ``.mo``
files that are committed and shipped in the package (see docs/translating.md).

The language is one setting per process (the terminal game, plain mode, each served tab); the
web edition, which serves many readers from one process, sets it per request with
:func:`use_language`, which only affects the current task.
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

DOMAIN = "budapest56"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
NARROW_NBSP = "\u202f"
SOURCE_LANG = "en"  # as game.story.i18n.SOURCE_LANG; not imported, so game.story.clock may import this module

_process_lang = SOURCE_LANG
_request_lang: ContextVar[str | None] = ContextVar("budapest56_lang", default=None)


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language; English (or a language without one) translates nothing."""
    if lang == SOURCE_LANG:
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


@cache
def ui_languages() -> list[str]:
    """English and every language with a compiled catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANG, *[code for code in found if code != SOURCE_LANG]]


def available(story_root: Path | str | None = None) -> list[str]:
    """Languages the interface or the story can be shown in."""
    from game.story.languages import languages

    found = set(ui_languages()) | set(languages(story_root) if story_root else [])
    return [SOURCE_LANG, *sorted(found - {SOURCE_LANG})]


def choose_language(requested: str | None, story_root: Path | str | None = None) -> str:
    """``--lang`` if given, else the environment's (LANG, LC_ALL); one nobody translated into is English.

    Raises ValueError, with a message for the player, when ``--lang`` names a language the game
    does not have.
    """
    from game.story.languages import default_language

    known = available(story_root)
    if requested is None:
        lang = default_language()
        return lang if lang in known else SOURCE_LANG
    if requested not in known:
        raise ValueError(f"there is no '{requested}' edition (languages: {', '.join(known)})")
    return requested


def set_language(lang: str) -> None:
    """The language of this process from now on."""
    global _process_lang
    _process_lang = lang


def use_language(lang: str) -> None:
    """The language of the current task only (one web request)."""
    _request_lang.set(lang)


def current_language() -> str:
    return _request_lang.get() or _process_lang


def _(message: str) -> str:
    """The interface string ``message`` in the current language."""
    return catalogue(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(current_language()).ngettext(singular, plural, n)


def jinja_environment(package: str, **options: object) -> jinja2.Environment:
    """Jinja2 for the templates in ``package``'s ``templates/``: HTML autoescaped (no text a
    player typed becomes markup), a missing value an error, ``{{ _("…") }}`` through this module."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        **options,  # type: ignore[arg-type]
    )
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it with ``_`` where it is shown."""
    return message


def language_names(codes: list[str] | None = None) -> dict[str, str]:
    """Each language by its own name, for a language menu: English, magyar."""
    return {code: language_name(code) for code in codes or ui_languages()}


@cache
def language_name(code: str) -> str:
    """A language by its own name (``magyar``), from Babel's locale data.

    The game's own language is English: its name needs no locale data, which costs a quarter of
    the title screen's time to load (measured: 13 ms a language).
    """
    if code == SOURCE_LANG:
        return "English"
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).display_name or code
    except (UnknownLocaleError, ValueError):
        return code


def format_number(value: int | float) -> str:
    """2,700 in English, 2 700 (narrow no-break space) in Hungarian."""
    from babel.numbers import format_decimal  # Babel's locale data: only when a number is shown

    lang = current_language()
    if lang == SOURCE_LANG:
        return format_decimal(value, locale="en")
    text = format_decimal(value, locale=lang)
    return text.replace("\u00a0", NARROW_NBSP) if lang == "hu" else text


def format_percent(share: float) -> str:
    """45% in English and in Hungarian, in each language's own form."""
    from babel.numbers import format_percent as babel_percent

    text = babel_percent(share, locale=current_language())
    return text.replace("\u00a0", NARROW_NBSP) if current_language() == "hu" else text


def format_day(day: datetime) -> str | None:
    """A calendar day in the current language (``1956. október 23.``), or None for English."""
    lang = current_language()
    if lang == SOURCE_LANG or lang not in ui_languages():
        return None
    from babel.dates import format_date

    return format_date(day, "y. MMMM d." if lang == "hu" else "long", locale=lang)


def format_moment(moment: datetime, short: bool = False) -> str | None:
    """A game time in the current language, or None for English (the caller keeps its own form).

    Hungarian: ``1956. november 4., vasárnap, 5.20``; short: ``nov. 4. 5.20``.
    """
    lang = current_language()
    if lang == SOURCE_LANG or lang not in ui_languages():
        return None
    from babel.dates import format_date

    time = f"{moment.hour}.{moment.minute:02d}" if lang == "hu" else f"{moment:%H:%M}"
    if short:
        return f"{format_date(moment, 'MMM d.' if lang == 'hu' else 'd MMM', locale=lang)} {time}"
    pattern = "y. MMMM d., EEEE" if lang == "hu" else "EEEE d MMMM y"
    return f"{format_date(moment, pattern, locale=lang)}, {time}"
