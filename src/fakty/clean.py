"""Stage 1, clean: normalise typography and keep a map back to the original text.

Quotes become « » or ", dashes become -, exotic spaces become plain spaces, soft hyphens
and zero-width characters are dropped, control characters become spaces. Everything
downstream works on the cleaned text; `Cleaned.span()` turns cleaned offsets into a
`Span` of the original text, so records always point into what the caller passed in.
"""
from __future__ import annotations

from dataclasses import dataclass

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
    origin: tuple[int, ...] | None  # origin[i]: original offset of cleaned char i; None = identity

    def to_original(self, offset: int) -> int:
        if self.origin is None:
            return offset
        if offset >= len(self.text):
            return len(self.original)
        return self.origin[offset]

    def span(self, start: int, stop: int) -> Span:
        """The original-text span of cleaned text[start:stop]."""
        if self.origin is None:
            return Span(start=start, stop=stop, text=self.original[start:stop])
        begin = self.to_original(start)
        end = self.origin[stop - 1] + 1 if stop > start else begin
        return Span(start=begin, stop=end, text=self.original[begin:end])

    def from_original(self, offset: int) -> int:
        """The cleaned offset of an original offset (the next kept character)."""
        if self.origin is None:
            return offset
        import bisect

        return bisect.bisect_left(self.origin, offset)


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return (code < 32 and ch != "\n") or 0x7f <= code < 0xa0 and ch != "\x85"


def clean(text: str) -> Cleaned:
    if not isinstance(text, str):
        raise TypeError(f"fakty works on str, got {type(text).__name__}; decode bytes first")
    chars: list[str] = []
    origin: list[int] = []
    moved = False
    for i, ch in enumerate(text):
        if ch in _REPLACE:
            new = _REPLACE[ch]
        elif _is_control(ch) or 0xd800 <= ord(ch) <= 0xdfff:
            new = " "
        else:
            new = ch
        if new is None:
            moved = True
            continue
        chars.append(new)
        origin.append(i)
    return Cleaned(original=text, text="".join(chars), origin=tuple(origin) if moved else None)
