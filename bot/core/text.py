"""Normalising text for matching, and escaping it for Discord markdown."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHE_S = re.compile(r"['’]s\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NON_WORD = re.compile(r"[^a-z0-9.%\s]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, accents and apostrophes folded, punctuation to spaces: for matching only."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _APOSTROPHE_S.sub("", text)
    text = _THOUSANDS.sub("", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# Terminal escape sequences typed or pasted into a field: an OSC (which sets a terminal's title, or
# writes a hyperlink), a CSI (colours, cursor moves) or a two-character escape. They go whole: taking
# out only the ESC would leave "]0;title" behind.
_TERMINAL_SEQUENCE = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[@-_]?"
)
# Controls that stand between words (tab, line breaks, separators) become a space; others go.
_SPACING_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def _hidden(ch: str) -> bool:
    """A character a reader cannot see and a terminal or Discord may act on: a control (Cc), a
    format character (Cf: zero-width, direction overrides, BOM), a lone surrogate (Cs, which
    SQLite and UTF-8 cannot even store) or a private-use one (Co)."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")


def clean_text(text: str) -> str:
    """Typed or pasted text as it is kept: no escape sequences, no hidden characters, lines joined.

    What a moderator or member types is stored only after this, so nothing stored can change a
    maintainer's terminal, reverse the text around it, or hide words inside others.
    """
    text = _TERMINAL_SEQUENCE.sub("", str(text))
    return "".join(" " if ch in _SPACING_CONTROLS else "" if _hidden(ch) else ch for ch in text)


def shown_text(text: str) -> str:
    """Text safe to print on a terminal: escape sequences and hidden characters taken out, lines kept.

    For whatever was stored before input was cleaned (an older database, a hand-edited file).
    """
    text = _TERMINAL_SEQUENCE.sub("", str(text))
    return "".join(ch for ch in text if ch in "\n\t" or not _hidden(ch))


_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]])")
_MENTION = re.compile(r"@(everyone|here|[!&]?\d+|\w)")


def escape_markdown(text: str) -> str:
    """Make stored or typed text inert in Discord: no formatting, no links, no pings."""
    text = _MARKDOWN.sub(r"\\\1", shown_text(text))
    # A zero-width space after @ stops @everyone and @here even where mentions are allowed.
    return _MENTION.sub(lambda m: "@\u200b" + m.group(1), text)


def visible_text(text: str) -> str:
    """Text for a terminal or a file, with every hidden character written as its escape (\\u202e):
    a maintainer sees that something is there, and nothing acts on the terminal. Inside JSON
    strings the escapes are JSON's own, so the output stays valid JSON carrying the same text."""
    return "".join(f"\\u{ord(ch):04x}" if ch not in "\n\t" and _hidden(ch) else ch for ch in str(text))
