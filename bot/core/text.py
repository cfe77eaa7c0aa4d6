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


_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]])")
_MENTION = re.compile(r"@(everyone|here|[!&]?\d+|\w)")


def escape_markdown(text: str) -> str:
    """Make stored or typed text inert in Discord: no formatting, no links, no pings."""
    text = _MARKDOWN.sub(r"\\\1", str(text))
    # A zero-width space after @ stops @everyone and @here even where mentions are allowed.
    return _MENTION.sub(lambda m: "@\u200b" + m.group(1), text)
