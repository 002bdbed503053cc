"""Translations of user-facing text through gettext.

Messages are written in Vietnamese, the users' language, and used as the
gettext keys: with no catalogue at all a user still reads Vietnamese. English
comes from ``locale/en/LC_MESSAGES/tthc.mo``, chosen with ``--lang en`` or
``TTHC_LANG=en``. The machine's LANG is ignored on purpose: office PCs often
run an English Windows for users who read Vietnamese.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "tthc"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("vi", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "vi"


# click and typer, which parse the command line, word their errors and help
# headings with gettext's process-wide domain, in the language that LANGUAGE
# names: their Vietnamese lives in locale/vi/LC_MESSAGES/click.mo.
_LIBRARY_DOMAIN = "click"


def _libraries_speak(language: str) -> None:
    gettext.bindtextdomain(_LIBRARY_DOMAIN, LOCALE_DIR)
    gettext.textdomain(_LIBRARY_DOMAIN)
    os.environ["LANGUAGE"] = language


def set_language(language: str) -> None:
    """Use `language` ("vi" or "en") for every later message, the parser's included."""
    global _translation, _language  # noqa: PLW0603 - one process-wide language, set by the CLI
    _language = language
    _libraries_speak(language)
    if language == "vi":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    """Translate `message` into the chosen language."""
    return _translation.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate yet"
    """Mark `message` for extraction; it is translated later, where it is shown."""
    return message


_libraries_speak(_language)  # before click builds anything: Vietnamese from the start
