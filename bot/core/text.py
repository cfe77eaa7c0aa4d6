"""Normalising text for matching, and escaping it for Discord markdown."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHE_S = re.compile(r"['’]s\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NON_WORD = re.compile(r"[^a-z0-9.%\s]+")
_SPACES = re.compile(r"\s+")

# Words that carry no meaning for choosing a measure. Time words are removed by
# the time parser before this list applies.
STOPWORDS = frozenset(
    """
    a an the of in on at to for from by with and or vs versus against between is are was were be
    been being do does did has have had what whats which who whom how many much big large size
    number numbers total count figure figures value level levels amount tell me us please show
    give there their it its this that these those as about any some than then so according say
    says said stand stood current currently now latest today recent most compare comparison
    compared over time since until when where why cite citation source sources come comes from
    ago year years month months did s will first pass passed exceed exceeded reach reached top
    topped hit cross crossed surpass surpassed break broke million millions thousand billion
    fewer less more over under nearly almost around approximately roughly just define definition
    mean means meaning measure measures measured explain exactly
    """.split()
)


# Words that say what kind of answer is wanted ("how has it grown"); they also name
# measures of change ("backlog growth"), so they are matched first and dropped only
# when no measure of change fits (see AnswerEngine._target).
INTENT_WORDS = frozenset(
    """
    change changed changes grow grew grown growing growth increase increased increases rise rose
    risen decline declined fall fell drop dropped trend trends history historical chart graph
    plot series evolution evolved
    """.split()
)


def without_intent_words(text: str) -> str:
    return " ".join(w for w in text.split() if w not in INTENT_WORDS)


def fold(text: str) -> str:
    """Lower case, accents and apostrophes folded, punctuation to spaces: for matching only."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _APOSTROPHE_S.sub("", text)
    text = _THOUSANDS.sub("", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def stem(token: str) -> str:
    """A light plural fold so "judges" meets "judge" (the same on both sides, so never wrong)."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def content_tokens(text: str) -> list[str]:
    """The meaningful words of a folded text, stemmed, in order."""
    return [stem(t) for t in text.split() if t not in STOPWORDS and not _is_number(t)]


def _is_number(token: str) -> bool:
    return any(ch.isdigit() for ch in token)


_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]])")
_MENTION = re.compile(r"@(everyone|here|[!&]?\d+|\w)")


def escape_markdown(text: str) -> str:
    """Make stored or typed text inert in Discord: no formatting, no links, no pings."""
    text = _MARKDOWN.sub(r"\\\1", str(text))
    # A zero-width space after @ stops @everyone and @here even where mentions are allowed.
    return _MENTION.sub(lambda m: "@\u200b" + m.group(1), text)
