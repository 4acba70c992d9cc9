"""fakty: typed facts from Russian news.

    >>> import fakty
    >>> doc = fakty.extract("Мэр Москвы Сергей Собянин открыл технопарк.")
    >>> [p.name for p in doc.persons]
    ['Сергей Собянин']

Importing fakty is cheap: models and grammars load on the first extraction.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .records import (  # noqa: F401  (records are light: pydantic only)
    Date, DateValue, Document, DocumentError, Entity, Event, Figure, Location,
    Organization, Person, Position, Span, json_schema,
)

_LAZY = {
    "Extractor": ("pipeline", "Extractor"),
    "extract": ("pipeline", "extract"),
    "InputError": ("pipeline", "InputError"),
    "Grammar": ("grammar", "Grammar"),
    "Triggers": ("grammar", "Triggers"),
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module 'fakty' has no attribute {name!r}")


__all__ = [
    "extract", "Extractor", "InputError", "Grammar", "Triggers", "Document", "DocumentError",
    "Organization", "Person", "Position", "Location", "Event", "Figure", "Date",
    "DateValue", "Span", "Entity", "json_schema", "__version__",
]
