"""Where grammars come from, and which of them run.

- built-in: the modules of `fakty.grammars`;
- plugin entry points: installed packages that declare `[project.entry-points."fakty.grammars"]`
  (turned off with `Extractor(plugins=False)` or `--no-plugins`);
- modules given by the caller: `Extractor(extra_grammars=["my_rules"])` or
  `fakty extract --grammars my_rules`, by module name (looked for in the current folder
  too, as `python -m` does) or by the path of a `.py` file.

A module that cannot be imported raises `GrammarImportError` with the module's own error,
when the Extractor loads its grammars (once, before the first document). `disable=` names
grammars by their full name (`organizations.ner`) or by the part before a dot
(`organizations`: every organizations.* grammar); a name that matches no grammar is a
`ValueError` that lists the known ones.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from .grammar import Grammar
    from .pipeline import Extractor


class GrammarImportError(ImportError):
    """A grammar module or plugin entry point failed to import; the message has its error."""


def import_module(spec: str) -> ModuleType:
    """The module `spec` names: a module name, or the path of a .py file."""
    try:
        if spec.endswith(".py") or "/" in spec or os.sep in spec:
            return _from_file(Path(spec))
        try:
            return importlib.import_module(spec)
        except ModuleNotFoundError as error:
            top = spec.split(".")[0]
            here = Path.cwd()
            if error.name != top or not ((here / f"{top}.py").exists() or (here / top).is_dir()):
                raise
            sys.path.append(str(here))  # a module in the current folder, as `python -m` finds it
            return importlib.import_module(spec)
    except GrammarImportError:
        raise
    except Exception as error:  # the module's own error, whatever it is, said once
        raise GrammarImportError(f"grammar module {spec!r} failed to import: "
                                 f"{type(error).__name__}: {error}") from error


def _from_file(path: Path) -> ModuleType:
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    name = path.stem
    loaded = sys.modules.get(name)
    if loaded is not None:
        if Path(getattr(loaded, "__file__", "") or "").resolve() == path.resolve():
            return loaded
        raise ImportError(f"a module named {name!r} is already imported from elsewhere; rename {path.name}")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # by name, so that its records pickle to and from workers
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def load_entry_point(entry_point) -> object:
    try:
        return entry_point.load()
    except Exception as error:
        raise GrammarImportError(f"plugin entry point {entry_point.name} = {entry_point.value} failed "
                                 f"to import: {type(error).__name__}: {error}") from error


def select(grammars: Sequence["Grammar"], disable: Iterable[str]) -> list["Grammar"]:
    """The grammars left when those named in `disable` (full names, or the part before a
    dot) are taken out; a ValueError for a name that matches none."""
    names = [g.name for g in grammars]

    def named(name: str) -> set[str]:
        return {n for n in names if n == name or n.startswith(name + ".")}

    disable = list(disable)
    unknown = [name for name in disable if not named(name)]
    if unknown:
        raise ValueError(f"disable: no grammar named {', '.join(map(repr, unknown))}; the grammars are "
                         f"{', '.join(names)} (give a full name or the part before the dot)")
    off = set().union(*map(named, disable)) if disable else set()
    return [g for g in grammars if g.name not in off]


def sources(extractor: "Extractor") -> list[tuple["Grammar", str]]:
    """Each grammar the Extractor runs, with where it came from."""
    from importlib.metadata import entry_points

    from .grammar import ENTRY_POINT_GROUP, as_grammars

    origin: dict[str, str] = {}
    for extra in extractor._extra:
        if isinstance(extra, str):
            where = f"module {extra} ({import_module(extra).__file__})"
        else:
            where = f"given to Extractor ({getattr(extra, '__name__', type(extra).__name__)})"
        for g in as_grammars(extra):
            origin[g.name] = where
    if extractor._plugins:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            package = f", package {ep.dist.name} {ep.dist.version}" if ep.dist else ""
            for g in as_grammars(load_entry_point(ep)):
                origin.setdefault(g.name, f"plugin entry point {ep.name} = {ep.value}{package}")
    out = []
    for g in extractor.grammars:
        module = getattr(g.find or g.interpret, "__module__", "") or ""
        default = f"built-in ({module})" if module.startswith("fakty.") else f"given to Extractor ({module})"
        out.append((g, origin.get(g.name, default)))
    return out
