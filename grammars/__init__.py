"""Built-in grammars of fakty, one module per record type.

Each module exposes `GRAMMARS`, a list of `fakty.grammar.Grammar`. Lexicons are plain
text files beside the modules, one entry per line, `#` starts a comment; read them with
`lexicon("name.txt")`. See docs/grammars.md for writing your own.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of a lexicon file shipped in this package (comments and blanks dropped)."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon file (comments and blanks dropped)."""
    return tuple(tuple(cell.strip() for cell in row.split("\t")) for row in lexicon(name))
