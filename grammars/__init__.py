"""Built-in grammars of fakty, one module per record type, with their lexicons.

Each module has a factory `grammars(lexicons)` that builds its `fakty.grammar.Grammar`s
from an Extractor's lexicons (`fakty.lexicons.Lexicons`), or a `GRAMMARS` list. Lexicons are
plain text files beside the modules, one entry per line, `#` starts a comment, cells of a
row separated by tabs. See docs/grammars.md for writing your own.
"""
from __future__ import annotations


def lexicon(name: str) -> tuple[str, ...]:
    """Entries of a built-in lexicon file (comments and blanks dropped). Grammars read the
    Extractor's lexicons instead (`ctx.lexicons`), which a user folder may extend."""
    from fakty.lexicons import builtin

    return builtin().entries(name)


def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated built-in lexicon file (comments and blanks dropped)."""
    from fakty.lexicons import builtin

    return builtin().rows(name)
