"""Text as people type it in Discord, made plain: the first step of understanding a question.

Zero-width and full-width characters, emoji, mentions, links and markdown go; case
and accents fold; chat-speak, abbreviations, shorthand numbers ("3m", "1.5mil",
"two million") and fiscal years ("fy24") are written out. Every word list comes from
the language's `Vocabulary`; the measures' aliases go through the same step, so a
question and an alias always meet in the same words.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from typing import Any

from .vocabulary import Vocabulary, alternation, whole_words_re

_CUSTOM_EMOJI = re.compile(r"<a?:\w+:\d+>")
_DISCORD_TAGS = re.compile(r"<(?:@[!&]?|#|t:|/[\w -]+:)\d+(?::\w)?>")
_MENTION = re.compile(r"@[\w.]+")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_CHANNEL = re.compile(r"(?<![\w#])#[A-Za-z][\w-]*")  # "#general"; "# of judges" is a number
_URL = re.compile(r"https?://\S+|www\.\S+")
_MASKED_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN = re.compile(r"\*+|__+|~~|\|\||`+|^\s*-#\s?", re.MULTILINE)
# A quoted line ("> backlog finally shrinking") is what someone else said: a story, not the question.
_QUOTE_LINE = re.compile(r"^\s*>+\s?(.*)$", re.MULTILINE)
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u2009 ](?=\d{3}(?!\d))")
_SHORT_YEAR = re.compile(r"(?<![\w.])'(\d{2})\b(?!\s*(?:%|percent))")  # "'19"; not "'30% in a year'"
# "back in 98?": two digits after "in" or "since" that end the phrase are a year, not a count.
_BARE_SHORT_YEAR = re.compile(
    r"\b(back in|in|since|from|circa|around|during|until|till) (\d{2})"
    r"(?=\s*(?:$|[?!.,;:)]|\s-|(?:and|or|vs|to|thru|through|when|how|what|there|was|were)\b))"
)
# "waaaay", "sooo", "plsss": a letter typed three times or more is one letter.
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_EDGE_PUNCTUATION = "\"'()[]{}<>,.!?;:…“”‘’«»¿¡"
_INNER_PUNCTUATION = re.compile(r"(?<!\d)[./-]|[./](?!\d)|-(?!\d|fy)|[^a-z0-9./%\-\s]")
_FISCAL = re.compile(r"\b(?:fy|fiscal year|fiscal)\s?[-.']?\s?(\d{4}|\d{2})\b")
_SPACES = re.compile(r"\s+")
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Where one sentence ends and another begins: "?", "!", ";", a full stop that is not a decimal point,
# or a new line. Later steps never read across it, so a story and its question stay apart.
_CLAUSE_END = re.compile(r"[?!;:]+|\.(?!\d)|\n|\s[-–—]{1,2}\s")
_ASIDE = re.compile(r"\(([^()]*)\)")
_NOT_AFTER_COMMA = re.compile(r",\s*(?=(?:not|rather|instead|except|excluding)\b)", re.IGNORECASE)
_COMMA_AFTER_NOT = re.compile(r"(\bnot\b[^,.?!;]*),", re.IGNORECASE)
CLAUSE_MARK = "|"
_KEPT_DOT = "\x00"
_INITIALS = re.compile(r"\b(?:[a-zA-Z]\.){2,}")  # u.s., u.s.a.
_DOTTED_WORD = re.compile(r"\b[a-zA-Z]+\.")
_INITIAL = re.compile(r"(?<=[a-z] )[a-z]\.(?= [a-z])")  # "george w. bush": an initial ends no sentence


@cache
def _compiled(vocabulary: Vocabulary) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The regexes built from one vocabulary: phrases, shorthand numbers and number words."""
    phrase_re = whole_words_re(vocabulary.phrases)
    shorthand = re.compile(rf"\b(\d+(?:\.\d+)?)\s?({alternation(vocabulary.scale_words)})\b")
    word = alternation(vocabulary.number_words)
    canonical = alternation(vocabulary.scale_words.values())
    number_words = re.compile(
        rf"\b(?P<whole>{word}|\d+(?:\.\d+)?)(?: point (?P<point>\d+|{word}))?(?P<half> and a half)?"
        rf"(?: a)? (?P<scale>{canonical})\b"
    )
    return phrase_re, shorthand, number_words


def normalise(text: str, vocabulary: Vocabulary, today: date | None = None) -> str:
    """The plain, folded words of `text`, ready for the time, intent and measure readers."""
    text = _characters(text)
    text = _discord(text)
    text = _fold_case(text)
    text = _THOUSANDS.sub("", text)
    year = (today or date.today()).year % 100
    text = _SHORT_YEAR.sub(lambda m: _century(m[1], year) + m[1], text)
    text = _BARE_SHORT_YEAR.sub(lambda m: f"{m[1]} {_century(m[2], year)}{m[2]}", text)
    for symbol, words in vocabulary.symbols.items():
        text = text.replace(symbol, words)
    clauses = (
        _clause_end(" ".join(_word(token, vocabulary) for token in clause.split()), vocabulary)
        for clause in _clauses(text, vocabulary)
    )
    text = f" {CLAUSE_MARK} ".join(c for c in clauses if c.strip())
    phrase_re, shorthand, number_words = _compiled(vocabulary)
    scales = vocabulary.scale_words
    text = shorthand.sub(lambda m: f"{m[1]} {scales[m[2]]}", text)
    text = _spoken_years(text, vocabulary)
    text = _year_before(vocabulary.fiscal_year_words).sub(lambda m: f"fy{m[1]}", text)
    text = _FISCAL.sub(lambda m: "fy" + (m[1] if len(m[1]) == 4 else _century(m[1], year) + m[1]), text)
    if "fy" in text:
        text = _year_before(vocabulary.fiscal_year_again).sub(lambda m: f"fy{m[1]}", text)
    # One space between words first: a symbol written out as nothing ("cases / new") leaves two.
    text = _phrased(_SPACES.sub(" ", text), phrase_re, vocabulary)
    text = number_words.sub(lambda m: _number_words(m, vocabulary), text)
    # The reason given begins a sentence of its own, and stays a reason: story, not question.
    text = _clause_words(vocabulary).sub(lambda m: f" {CLAUSE_MARK} {m[0]} ", text)
    # A sentence that the reason given has just ended may end in a word read at an end ("gao
    # backlog def so i can make a chart").
    return _clause_end(_SPACES.sub(" ", text).strip(), vocabulary)


def rephrase(text: str, vocabulary: Vocabulary) -> str:
    """The language file's phrases applied again to normalised text: a typo put right afterwards
    may complete one ("non detaind list" is "nondetained docket" once "detaind" is spelled)."""
    phrase_re, _, _ = _compiled(vocabulary)
    return _SPACES.sub(" ", _phrased(text, phrase_re, vocabulary)).strip()


def _phrased(text: str, phrase_re: re.Pattern[str], vocabulary: Vocabulary) -> str:
    return phrase_re.sub(lambda m: vocabulary.phrases[m[0]], text)


def _clause_end(clause: str, vocabulary: Vocabulary) -> str:
    """ "gao backlog def" asks a definition; "their def of it, cases open on oct 1" does not. A word
    that closes a clause ("lol", "thx") ends the one before it: "gao backlog def thx"."""
    return f" {CLAUSE_MARK} ".join(_sentence_end(p.strip(), vocabulary) for p in clause.split(CLAUSE_MARK))


def _sentence_end(clause: str, vocabulary: Vocabulary) -> str:
    head, _, last = clause.rpartition(" ")
    ending = vocabulary.clause_ends.get(last)
    return f"{head} {ending}" if ending else clause


def _century(two_digits: str, this_year: int) -> str:
    """ "'19" and "fy24" are this century; "fy99" is the last one."""
    return "20" if int(two_digits) <= this_year + 1 else "19"


def _clauses(text: str, vocabulary: Vocabulary) -> list[str]:
    """The sentences of a text. Dots of abbreviations ("u.s.", "vs.", "jan.") end no sentence."""
    dotted = _dotted(vocabulary)
    protected = _INITIALS.sub(lambda m: m[0].replace(".", _KEPT_DOT), text)
    protected = _INITIAL.sub(lambda m: m[0].replace(".", _KEPT_DOT), protected)
    protected = _DOTTED_WORD.sub(
        lambda m: m[0].replace(".", _KEPT_DOT) if m[0].lower() in dotted else m[0], protected
    )
    # "TRAC's count, not EOIR's" and "not TRAC, I want EOIR's": what a "not" sets aside ends at a comma.
    protected = _NOT_AFTER_COMMA.sub(". ", protected)
    protected = _COMMA_AFTER_NOT.sub(r"\1. ", protected)
    # "backlog at end of fy2022 plz, mi primo got his hearing that year": the story after a comma
    # is a sentence of its own.
    protected = _story_after_comma(vocabulary).sub(". ", protected)
    # A bracketed aside is a sentence of its own, after the one it interrupts, which reads on.
    asides = _ASIDE.findall(protected)
    protected = _ASIDE.sub(" ", protected).replace("(", " ").replace(")", " ")
    parts = [*_CLAUSE_END.split(protected), *asides]
    return [part.replace(_KEPT_DOT, ".") for part in parts]


@cache
def _year_before(words: tuple[str, ...]) -> re.Pattern[str]:
    """A year followed by some words: "the 2024 fiscal year", and once one is named, "the 2024 one"."""
    return re.compile(rf"\b(\d{{4}}) (?:{alternation(words)})\b")


@cache
def _clause_words(vocabulary: Vocabulary) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(vocabulary.clause_words)})\b")


@cache
def _story_after_comma(vocabulary: Vocabulary) -> re.Pattern[str]:
    openers, verbs = alternation(vocabulary.story_openers), alternation(vocabulary.story_verbs)
    return re.compile(rf",\s*(?=(?:{openers})\b|[a-z]+ (?:{verbs})\b)", re.IGNORECASE)


def _dotted(vocabulary: Vocabulary) -> frozenset[str]:
    words = {w for w in vocabulary.words if w.endswith(".")}
    return frozenset(words | {f"{m}." for m in vocabulary.months})


def _characters(text: str) -> str:
    """Unicode made plain: full-width folded, zero-width and direction marks dropped, emoji ending a
    sentence."""
    if text.isascii():
        return _ASCII_CONTROLS.sub(" ", text)  # most questions: nothing to fold
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue  # zero-width space, joiners, direction marks: invisible, so never a word break
        if category == "So":
            out.append(" ; ")  # an emoji ends a thought: "next week 🍎 how many judges..."
        elif category[0] == "C" or category in ("Sk", "Zl", "Zp"):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _discord(text: str) -> str:
    """Discord's own syntax: custom emoji, mentions, channels, links and markdown."""
    text = _CUSTOM_EMOJI.sub(" ", text)
    text = _DISCORD_TAGS.sub(" ", text)
    text = _MASKED_LINK.sub(r" \1 ", text)
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    text = _CHANNEL.sub(" ", text)
    text = _SHORTCODE.sub(" ", text)
    text = _QUOTE_LINE.sub(lambda m: f"quoted {m[1]}.", text)
    return _MARKDOWN.sub(" ", text)


def _fold_case(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _word(token: str, vocabulary: Vocabulary) -> str:
    """One typed token: chat-speak and abbreviations written out, possessives and punctuation off."""
    words = vocabulary.words
    if token in words:
        return words[token]
    token = _ELONGATED.sub(r"\1", token)
    stripped = token.strip(_EDGE_PUNCTUATION)
    if stripped in words:
        return words[stripped]
    bare = stripped.removesuffix("'s").removesuffix("s'").replace("'", "")
    if bare in words:
        return words[bare]
    for suffix in vocabulary.loose_suffixes:
        rough = bare.removesuffix(suffix).rstrip("-")
        if rough != bare and rough[:1].isdigit():
            return _word(rough, vocabulary)  # "2016ish": 2016
    parts = _INNER_PUNCTUATION.sub(" ", bare).strip(".-/ ").split()
    # "yr-ish", "ppl/ICE": each piece is a word of its own.
    return " ".join(words.get(part, part) for part in parts) if len(parts) > 1 else " ".join(parts)


def _spoken_years(text: str, vocabulary: Vocabulary) -> str:
    """ "twenty nineteen" -> "2019", "two thousand and nine" -> "2009"."""
    regex, words = _year_words(vocabulary)

    def year(match: re.Match[str]) -> str:
        century = words["centuries"][match["century"]]
        within = sum(words["numbers"][w] for w in match["year"].split())
        if within < 10 and match["century"] in words["need_ten_or_more"]:
            return match[0]
        return str(century + within)

    return regex.sub(year, text)


@cache
def _year_words(vocabulary: Vocabulary) -> tuple[re.Pattern[str], dict[str, Any]]:
    table = vocabulary.year_words
    numbers = {**table["units"], **table["teens"], **table["tens"]}
    units, teens, tens = (alternation(table[k]) for k in ("units", "teens", "tens"))
    centuries = alternation(table["centuries"])
    regex = re.compile(rf"\b(?P<century>{centuries}) (?P<year>(?:{tens})(?: (?:{units}))?|{teens}|{units})\b")
    words = {
        "centuries": table["centuries"],
        "numbers": numbers,
        "need_ten_or_more": set(table["need_ten_or_more"]),
    }
    return regex, words


def _number_words(match: re.Match[str], vocabulary: Vocabulary) -> str:
    """ "two and a half million" -> "2.5 million"; "a million" -> "1 million"."""
    whole = match["whole"]
    value = vocabulary.number_words.get(whole)
    if value is None:
        value = float(whole)
    if match["point"]:
        point = match["point"]
        digits = point if point.isdigit() else str(int(vocabulary.number_words.get(point, 0)))
        value = float(f"{int(value)}.{digits}")
    if match["half"]:
        value += 0.5
    number = f"{value:g}"
    return f"{number} {match['scale']}"
