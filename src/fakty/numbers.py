"""Numbers in the one token model: which tokens of a sentence make one number, and its value.

yargy tokenizes "1 200 000" as three tokens, "1,1" as three, "23-х" as three and "сто
двадцать пять" as three. `tag(tokens, text, lexicons)` (run by `fakty.tokens.tokenize`)
gives every token of such a number the same `Number` as `token.number`, so rules read a
number as a run of tokens (`fakty.predicates.number()`) and interpretations read its value
from any of its tokens. What is one number:
- digits as written: "1 200 000", "1,1", "0.77", "230" (not a part of "07.10.2025", "16:00"
  or "3:1": those digits stay tokens with no number);
- spelled out (number_words.tsv): each next word smaller than the place of the one before
  ("сто двадцать пять" = 125; "двадцать сто" is two numbers); "один", "одна" too;
- with what belongs to it: a cardinal's case ending ("23-х", "5-ти"; cardinal_endings.txt)
  and "с половиной" ("два с половиной" = 2.5).
A number of more than `MAX_DIGITS` digits is not read at all (bad input gives no figure
rather than a wrong one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional, Sequence

MAX_DIGITS = 15

_ROMAN = re.compile(r"M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})")


def roman(text: str) -> Optional[int]:
    """III -> 3; None for anything that is not a plausible Roman ordinal (up to 199)."""
    if not text or len(text) > 8 or not _ROMAN.fullmatch(text):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total if 0 < total < 200 else None

# one number as written: "1 200 000", "1,1", "0.77", "230" (not a part of "07.10.2025",
# and no times or scores: "16:00", "3:1")
_DIGITS = re.compile(r"(?<![\d.,:])(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?(?![\d]|[.,:]\d)")


@dataclass(frozen=True)
class Number:
    """One number of a sentence: its value and the tokens it spans (`start`, `stop`: token
    indices). `lone_one`: a "один" said alone, which counts only where the text counts."""

    value: Decimal
    start: int
    stop: int
    lone_one: bool = False


def read_number(text: str) -> Optional[Decimal]:
    """'1 200 000' -> 1200000, '1,1' -> 1.1; None when too long to be a real figure."""
    digits = text.replace(" ", "").replace(",", ".")
    whole = digits.split(".")[0]
    if len(whole) > MAX_DIGITS or len(digits) > MAX_DIGITS + 7:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def tag(tokens: Sequence, text: str, lexicons) -> None:
    """Set `token.number` on the tokens of every number of the sentence."""
    words = lexicons.derive(_number_words)
    endings = lexicons.derive(_cardinal_endings)
    digits = {m.start(): (m.end(), read_number(m.group())) for m in _DIGITS.finditer(text)}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        stop, value = digits.get(token.span.start, (None, None))
        lone_one = False
        if value is not None:
            j = i
            while j < len(tokens) and tokens[j].span.stop <= stop:
                j += 1
            j, value = _ending(tokens, j, value, endings)
        else:
            value, j = _spelled(tokens, i, words)
            lone_one = j == i + 1 and value == 1
        if value is None:
            i += 1
            continue
        j, value = _and_a_half(tokens, j, value)
        number = Number(value, i, j, lone_one and value == 1)
        for k in range(i, j):
            tokens[k].number = number
        i = j


def _ending(tokens: Sequence, j: int, value: Decimal, endings: frozenset[str]) -> tuple[int, Decimal]:
    """A case ending glued to the digits: "23-х", "5-ти" ("-х" only after 2, 3, 4: "30-х",
    "90-х" are ordinals, "в 90-х годах")."""
    if j + 1 < len(tokens) and tokens[j].value == "-" and tokens[j].glued and tokens[j + 1].glued \
            and tokens[j + 1].type == "RU":
        ending = tokens[j + 1].value.lower()
        teen = value % 100 in (12, 13, 14)
        if ending in endings and (ending != "х" or (value % 10 in (2, 3, 4) and not teen)):
            return j + 2, value
    return j, value


def _and_a_half(tokens: Sequence, j: int, value: Decimal) -> tuple[int, Decimal]:
    """"два с половиной" = 2.5 (two fixed words: no list to keep)."""
    if j + 1 < len(tokens) and tokens[j].value.lower() == "с" and tokens[j + 1].value.lower() == "половиной" \
            and value == value.to_integral_value():
        return j + 2, value + Decimal("0.5")
    return j, value


def _spelled(tokens: Sequence, i: int, words: dict[str, Decimal]) -> tuple[Optional[Decimal], int]:
    """'сто двадцать пять' -> 125: each next word smaller than the place of the last."""
    total, last, j = None, None, i
    while j < len(tokens):
        value = _word_value(tokens[j], words)
        if value is None or (last is not None and value >= _place(last)):
            break
        total = (total or 0) + value
        last = value
        j += 1
    return total, j


def _word_value(token, words: dict[str, Decimal]) -> Optional[Decimal]:
    if token.type != "RU" or "number_words" not in token.lexicons:
        return None  # the cheap test first: almost no word is a number word
    from .morph import parse

    parses = parse(token.value.lower())
    # the most probable reading must be the number: "семью" is first of all "семья"
    if parses and parses[0].normal_form in words and (
            parses[0].tag.POS == "NUMR" or parses[0].normal_form == "сто"):
        return words[parses[0].normal_form]
    # "один", "одна", "одного" (an adjective to pymorphy3), not the plural "одни"
    if parses and parses[0].normal_form == "один" and {"Anum", "sing"} <= parses[0].tag.grammemes:
        return Decimal(1)
    return None


def _place(value: Decimal) -> Decimal:
    place = Decimal(1)
    while place * 10 <= value:
        place *= 10
    return place


def _number_words(lexicons) -> dict[str, Decimal]:
    return {word: Decimal(value) for word, value in lexicons.mapping("number_words").items()}


def _cardinal_endings(lexicons) -> frozenset[str]:
    return lexicons.words("cardinal_endings")
