"""fakty: typed facts from Russian news.

    >>> import fakty
    >>> doc = fakty.extract("Мэр Москвы Сергей Собянин открыл технопарк.")
    >>> [p.name for p in doc.persons]
    ['Сергей Собянин']

Importing fakty is cheap: the records (pydantic only) load now; the Extractor, grammars,
tables and models load on first use. Type checkers see every public name with its type.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from .records import (  # noqa: F401  (records are light: pydantic only)
    Date, DateValue, Document, DocumentError, Entity, Event, Figure, Location,
    Organization, Person, Position, RecordType, Span, json_schema, record_types, register_record,
)

if TYPE_CHECKING:  # what the lazy names below are, for type checkers and editors
    from .grammar import Grammar, Triggers
    from .pipeline import Extractor, InputError, extract
    from .plugins import GrammarImportError
    from .tables import to_frames

# name -> (module, attribute), imported on first access
_LAZY = {
    "Extractor": ("pipeline", "Extractor"),
    "extract": ("pipeline", "extract"),
    "InputError": ("pipeline", "InputError"),
    "Grammar": ("grammar", "Grammar"),
    "Triggers": ("grammar", "Triggers"),
    "GrammarImportError": ("plugins", "GrammarImportError"),
    "to_frames": ("tables", "to_frames"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module 'fakty' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "extract", "Extractor", "InputError", "Grammar", "Triggers", "GrammarImportError",
    "Document", "DocumentError", "Organization", "Person", "Position", "Location", "Event",
    "Figure", "Date", "DateValue", "Span", "Entity", "RecordType", "register_record",
    "record_types", "json_schema", "to_frames", "__version__",
]
