"""Reading numbers as people write them, and writing them back.

One module serves the quote check of curated facts, the thresholds in
questions ("when did the backlog pass 3 million") and, later, values typed by
moderators: a figure must be read the same way everywhere.
"""

from __future__ import annotations

import math
import re

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
}

WORD_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
WORD_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
# Verbs that state a multiple ("nearly tripled the backlog").
MULTIPLE_WORDS = {"doubled": 2, "tripled": 3, "quadrupled": 4, "halved": 0.5}

_DIGITS = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|percent\b)?"
    r"(?:\s*(thousand|million|billion|mn|bn|k|m|b)\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


class NumberFormatError(ValueError):
    """A text that should be one number is not."""


def parse_number(text: str) -> float:
    """Read one number: "3,524,051", "3.5 million", "3.5M", "570k", "99.5%", "two and a half".

    Raises NumberFormatError when the text is not exactly one number.
    """
    cleaned = text.strip().lower().lstrip("~≈").strip()
    cleaned = cleaned.replace("\u2009", "").replace("\u00a0", " ")
    match = _DIGITS.fullmatch(cleaned)
    if match:
        return _digits_value(match)
    values = _word_numbers(cleaned)
    if len(values) == 1 and _only_number_words(cleaned):
        return values[0]
    raise NumberFormatError(f"{text.strip()!r} is not a number (try 3,524,051 or 3.5 million)")


def numbers_in(text: str) -> list[float]:
    """Every number a reader would see in a text, digits and words alike."""
    found = [_digits_value(m) for m in _DIGITS.finditer(text)]
    found.extend(_word_numbers(text.lower()))
    return found


def text_states(text: str, value: float, *, percent: bool = False) -> bool:
    """Whether a text states the value (allowing rounding as written: "3.5 million")."""
    candidates = numbers_in(text)
    if percent:
        # "a quarter" of something is 25 percent.
        candidates += [c * 100 for c in candidates if c < 1]
    # A decline is stored negative ("cut the backlog by 115,000"); the text states its size.
    return any(math.isclose(c, abs(value), rel_tol=1e-9, abs_tol=1e-9) for c in candidates)


def _digits_value(match: re.Match[str]) -> float:
    whole, fraction, _percent, scale = match.groups()
    number = float(whole.replace(",", "") + (fraction or ""))
    if scale:
        number *= SCALES[scale.lower()]
    return round(number, 6)


def _only_number_words(text: str) -> bool:
    vocabulary = WORD_VALUES.keys() | WORD_MULTIPLIERS.keys() | FRACTION_WORDS.keys()
    return all(w in vocabulary or w in {"a", "an", "and"} for w in _WORD.findall(text))


def _word_numbers(text: str) -> list[float]:
    """Numbers written in words: "two and a half", "a quarter", "four dozen", "half a million"."""
    words = _WORD.findall(text)
    found: list[float] = []
    i = 0
    while i < len(words):
        value, used = _read_word_number(words, i)
        if used:
            found.append(value)
            i += used
        else:
            if words[i] in MULTIPLE_WORDS:
                found.append(MULTIPLE_WORDS[words[i]])
            i += 1
    return found


def _read_word_number(words: list[str], start: int) -> tuple[float, int]:
    """Read the longest number in words starting at `start`; (value, words used)."""
    total = 0.0
    current = 0.0
    i = start
    seen_number = False
    while i < len(words):
        word = words[i]
        if word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen_number = True
        elif (
            word in ("a", "an")
            and i + 1 < len(words)
            and (words[i + 1] in FRACTION_WORDS or words[i + 1] in WORD_MULTIPLIERS)
        ):
            if words[i + 1] in WORD_MULTIPLIERS:
                current = current or 1
            seen_number = True
        elif word in FRACTION_WORDS and (
            seen_number or _follows_article(words, i) or _fraction_of_scale(words, i)
        ):
            fraction = FRACTION_WORDS[word]
            if _fraction_of_scale(words, i):
                # "half a million"
                current += fraction * WORD_MULTIPLIERS[words[i + 2]]
                i += 3
                seen_number = True
                continue
            current += fraction
            seen_number = True
        elif word in WORD_MULTIPLIERS and seen_number:
            current = (current or 1) * WORD_MULTIPLIERS[word]
            if WORD_MULTIPLIERS[word] >= 1000:
                total += current
                current = 0
        elif word == "and" and seen_number and i + 1 < len(words) and _starts_number(words, i + 1):
            pass
        else:
            break
        i += 1
    # Trim a trailing "a"/"and" that did not lead anywhere.
    used = i - start
    if not seen_number:
        return 0.0, 0
    return total + current, used


def _fraction_of_scale(words: list[str], i: int) -> bool:
    """ "half a million": a fraction of the scale word that follows."""
    return i + 2 < len(words) and words[i + 1] in ("a", "an") and words[i + 2] in WORD_MULTIPLIERS


def _follows_article(words: list[str], i: int) -> bool:
    return i > 0 and words[i - 1] in ("a", "an")


def _starts_number(words: list[str], i: int) -> bool:
    word = words[i]
    return (
        word in WORD_VALUES
        or word in FRACTION_WORDS
        or (word in ("a", "an") and i + 1 < len(words) and words[i + 1] in FRACTION_WORDS)
    )


def format_number(value: float) -> str:
    """3524051 -> "3,524,051"; 99.5 -> "99.5"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def exact_number(value: float) -> str:
    """A value as text that reads back exactly, for a form to edit: "3,524,051", "0.125"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = repr(float(value))
    return text if "e" not in text else f"{value:.15f}".rstrip("0")


def whole_number(value: float) -> int | float:
    """3524051 rather than 3524051.0 where the float holds the integer exactly: for YAML, CSV and JSON."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def humanize(value: float) -> str | None:
    """A reading for large numbers: 3524051 -> "3.5 million"; None below a million.

    Two decimals when they are exact (3,260,000 -> "3.26 million"), else one.
    """
    magnitude = abs(value)
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if magnitude >= scale:
            scaled = value / scale
            digits = 2 if math.isclose(round(scaled, 2), scaled) else 1
            return f"{scaled:.{digits}f}".rstrip("0").rstrip(".") + f" {word}"
    return None


def format_with_reading(value: float) -> str:
    """3524051 -> "3,524,051 (3.5 million)"; 542411 -> "542,411"."""
    plain = format_number(value)
    reading = humanize(value)
    return f"{plain} ({reading})" if reading else plain
