"""Places: one entity per nominative name.

A one-word name pymorphy3 does not know, whose nominative it guessed ("в Неваде" -> "Невад"),
takes the form the text writes elsewhere with no oblique ending ("Невада"): the same word, its
ending aside.
"""
from __future__ import annotations

from ..morph import parse
from . import merge


def resolve(records, context):
    records = _names_as_written(records, tuple(context.lexicons.words("oblique_endings")))
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(record.name.lower(), []).append(record)
    return [merge(group, context) for group in groups.values()]


def _names_as_written(records, oblique_endings: tuple[str, ...]) -> list:
    """Records of one unknown word, renamed to the one form of that word the text writes with
    no oblique ending (oblique_endings.txt: "Неваде", "Невады" -> Невада)."""
    guessed = {id(r): r for r in records if r.spans and _unknown_word(r.spans[0].text)}
    written = {r.spans[0].text for r in guessed.values() if not r.spans[0].text.endswith(oblique_endings)}
    if not written:
        return records
    out = []
    for record in records:
        if id(record) in guessed:
            same = [w for w in written if _same_word(record.spans[0].text, w)]
            if len(same) == 1:
                record = record.model_copy(update={"name": same[0]})
        out.append(record)
    return out


def _unknown_word(text: str) -> bool:
    """One capitalised word that pymorphy3 does not know (its readings are guesses)."""
    return " " not in text and text[:1].isupper() and not any(p.is_known for p in parse(text.lower()))


def _same_word(surface: str, written: str) -> bool:
    """Do the two differ only in their endings: a shared start of all but the written form's
    last letter, and of all but the surface's last two ("Неваде", "Невада")?"""
    shared = 0
    while shared < min(len(surface), len(written)) and surface[shared] == written[shared]:
        shared += 1
    return shared >= 4 and shared >= len(written) - 1 and shared >= len(surface) - 2
