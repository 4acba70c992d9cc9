"""Stage 1, clean: normalise typography and keep a map back to the original text.

Quotes become « » or ", dashes become -, exotic spaces become plain spaces, soft hyphens
and zero-width characters are dropped, control characters become spaces. Everything
downstream works on the cleaned text; `Cleaned.span()` turns cleaned offsets into a
`Span` of the original text, so records always point into what the caller passed in.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .records import Span

# one character for another: offsets do not move
_REPLACE = {
    "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ", "\x0b": " ", "\x0c": " ",
    "\u2028": "\n", "\u2029": "\n", "\x85": "\n",
    "\u201c": "«", "\u201e": "«", "\u201d": "»", "\u201f": "«",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u00b4": "'", "`": "'",
    "\u2039": "«", "\u203a": "»",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2e3a": "-", "\u2e3b": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\ufeff": None, "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None,
    "\u2060": None, "\r": "\n",
}


@dataclass(frozen=True)
class Cleaned:
    original: str
    text: str
    # original offsets of the dropped characters, ascending (empty: offsets are the same);
    # a few numbers where a map of every character would take ~100 bytes a character
    dropped: tuple[int, ...] = ()

    @cached_property
    def _cuts(self) -> tuple[int, ...]:
        """The cleaned offset each dropped character was at (non-decreasing)."""
        return tuple(position - n for n, position in enumerate(self.dropped))

    def to_original(self, offset: int) -> int:
        if not self.dropped:
            return offset
        if offset >= len(self.text):
            return len(self.original)
        return offset + bisect.bisect_right(self._cuts, offset)

    def span(self, start: int, stop: int) -> Span:
        """The original-text span of cleaned text[start:stop]."""
        begin = self.to_original(start)
        end = self.to_original(stop - 1) + 1 if stop > start else begin
        return Span(start=begin, stop=end, text=self.original[begin:end])

    def from_original(self, offset: int) -> int:
        """The cleaned offset of an original offset (the next kept character)."""
        return offset - bisect.bisect_left(self.dropped, offset)


# control characters and lone surrogates become spaces; _REPLACE has the last word
_TABLE = {code: " " for code in [*range(32), *range(0x7f, 0xa0), *range(0xd800, 0xe000)]
          if chr(code) not in "\n\x85"}
_TABLE.update((ord(ch), new) for ch, new in _REPLACE.items())
_DROPPED = re.compile("[" + "".join(ch for ch, new in _REPLACE.items() if new is None) + "]")


def clean(text: str) -> Cleaned:
    if not isinstance(text, str):
        raise TypeError(f"fakty works on str, got {type(text).__name__}; decode bytes first")
    dropped = tuple(m.start() for m in _DROPPED.finditer(text))
    return Cleaned(original=text, text=text.translate(_TABLE), dropped=dropped)
