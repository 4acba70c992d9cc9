"""What the grammar and the resolve stages both know about words, from the lexicons.

The stages run in one direction: grammars find mentions, resolvers group and link them.
Neither imports the other; what both need to know about a word (the kind an organization's
head word names, whether a word refers back to an organization named before, a person's
name in the nominative, the kind of an event word …) lives here, computed from the
Extractor's `fakty.lexicons.Lexicons` (pass `ctx.lexicons` or `context.lexicons`) and
`fakty.morph`. Keep it to such helpers: rules stay in `grammars/`, decisions about a
document in `fakty.resolve`.
"""
from __future__ import annotations

# --- organizations -----------------------------------------------------------------------


# --- persons -----------------------------------------------------------------------------


# --- events ------------------------------------------------------------------------------


# --- dates, figures and places -----------------------------------------------------------
