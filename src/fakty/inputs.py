"""Reading texts from files for the command line: encodings, folders, stdin."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = (".txt",)


class InputFileError(Exception):
    """A file that cannot be read as text; the message is one line for the user."""


@dataclass(frozen=True)
class TextItem:
    id: str
    text: str
    encoding: str
    error: str | None = None  # why this file could not be read; text is "" then


# the most frequent Russian letters: a cp1251 text decoded as KOI8-R (or back) loses them
_COMMON = set("оеаинтсрвлкмдпуяыьгзбчйжшюцщэфъхё")


def _russian_score(text: str) -> float:
    letters = [c for c in text if "а" <= c.lower() <= "я" or c.lower() == "ё"]
    if not letters:
        return 0.0
    lower = sum(1 for c in letters if c.islower() and c in _COMMON)
    return lower / len(letters)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Text and encoding of bytes in UTF-8 (with or without BOM), cp1251 or KOI8-R."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if b"\x00" in data[:4096]:
        raise InputFileError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("cp1251", "koi8-r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_russian_score(text[:20000]), encoding, text))
    if candidates:
        score, encoding, text = max(candidates)
        if score > 0.5:
            return text, encoding
    raise InputFileError(f"{name}: cannot decode as UTF-8, cp1251 or KOI8-R text")


def find_files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputFileError(f"{raw}: no such file or directory")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                raise InputFileError(f"{raw}: no text files ({', '.join(TEXT_SUFFIXES)}) in this folder")
            yield from files
        else:
            yield path


def read_items(paths: list[str]) -> Iterator[TextItem]:
    """Texts of the given files, folders (recursively) and '-' (stdin), in order. A file
    that cannot be read comes as an item with `error` set, so the others still run."""
    for raw in paths:
        if raw == "-":
            yield _item("-", sys.stdin.buffer.read)
            continue
        for path in find_files([raw]):
            yield _item(str(path), path.read_bytes)


def _item(name: str, read) -> TextItem:
    try:
        text, encoding = decode(read(), name)
    except OSError as error:
        return TextItem(name, "", "", error=f"{name}: {error.strerror or error}")
    except (InputFileError, UnicodeDecodeError) as error:
        return TextItem(name, "", "", error=str(error))
    return TextItem(name, text, encoding)
