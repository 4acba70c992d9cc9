"""Reading texts from files for the command line: encodings, folders, stdin, .txt, .html
(text taken out of the markup with the standard library's HTML parser) and JSONL (one JSON
object a line, the text in `text_field`)."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator, Optional

TEXT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")


class InputFileError(Exception):
    """A file that cannot be read as text; the message is one line for the user."""


@dataclass(frozen=True)
class TextItem:
    id: str
    text: str
    encoding: str
    error: Optional[str] = None  # why this file could not be read; text is "" then
    published: Optional[str] = None  # a JSONL record's `published` field


# the most frequent Russian letters: a cp1251 text decoded as KOI8-R (or back) loses them
_COMMON = set("оеаинтсрвлкмдпуяыьгзбчйжшюцщэфъхё")


def _russian_score(text: str) -> float:
    letters = [c for c in text if "а" <= c.lower() <= "я" or c.lower() == "ё"]
    if not letters:
        return 0.0
    lower = sum(1 for c in letters if c.islower() and c in _COMMON)
    return lower / len(letters)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Text and encoding of bytes in UTF-8 (with or without BOM), UTF-16 (with a BOM, or
    without one where every zero byte is on one side), cp1251 or KOI8-R."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows editors save as "Unicode"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFileError(f"{name}: a UTF-16 byte order mark, but not UTF-16 text") from None
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputFileError(f"{name}: binary file, not text")
        return text
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


def _utf16_without_bom(data: bytes) -> Optional[tuple[str, str]]:
    """UTF-16 text has its zero bytes on one side of each pair (the high byte of ASCII
    letters, spaces and digits); binary data has them on both. The text must decode and
    have no control characters but line breaks and tabs."""
    head = data[:4096]
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    if len(data) % 2 or (odd and even):
        return None
    encoding = "utf-16-le" if odd else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if any(c < " " and c not in "\n\r\t" for c in text):
        return None
    return text, encoding


def find_files(paths: list[str], exclude: Iterable[Path] = ()) -> Iterator[Path]:
    """Files of the given paths; folders are searched recursively for text files, leaving
    out `exclude` (the run's own output)."""
    exclude = {p.resolve() for p in exclude}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputFileError(f"{raw}: no such file or directory")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                           and p.resolve() not in exclude)
            if not files:
                raise InputFileError(f"{raw}: no text files ({', '.join(TEXT_SUFFIXES)}) in this folder")
            yield from files
        else:
            yield path


def read_items(paths: list[str], text_field: str = "text", id_field: str = "id",
               exclude: Iterable[Path] = ()) -> Iterator[TextItem]:
    """Texts of the given files, folders (recursively) and '-' (stdin), in order; a JSONL
    file gives one item a line. A file or line that cannot be read comes as an item with
    `error` set, so the others still run."""
    for raw in paths:
        if raw == "-":
            yield _item("-", sys.stdin.buffer.read)
            continue
        for path in find_files([raw], exclude):
            suffix = path.suffix.lower()
            if suffix == ".jsonl":
                yield from _jsonl_items(path, text_field, id_field)
            else:
                item = _item(str(path), path.read_bytes)
                if suffix in HTML_SUFFIXES and not item.error:
                    item = TextItem(item.id, html_text(item.text), item.encoding)
                yield item


def _item(name: str, read) -> TextItem:
    try:
        text, encoding = decode(read(), name)
    except OSError as error:
        return TextItem(name, "", "", error=f"{name}: {error.strerror or error}")
    except (InputFileError, UnicodeDecodeError) as error:
        return TextItem(name, "", "", error=str(error))
    return TextItem(name, text, encoding)


def _jsonl_items(path: Path, text_field: str, id_field: str) -> Iterator[TextItem]:
    whole = _item(str(path), path.read_bytes)
    if whole.error:
        yield whole
        return
    for number, line in enumerate(whole.text.splitlines(), 1):
        if not line.strip():
            continue
        name = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as error:
            yield TextItem(name, "", whole.encoding, error=f"{name}: not JSON ({error})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
            yield TextItem(name, "", whole.encoding, error=f"{name}: no text field {text_field!r}")
            continue
        doc_id = record.get(id_field)
        published = record.get("published")
        yield TextItem(name if doc_id is None else str(doc_id), record[text_field], whole.encoding,
                       published=published if isinstance(published, str) else None)


# markup whose text is not the page's text, and elements that end a line
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "header", "footer", "nav", "aside", "main", "blockquote",
          "figure", "figcaption", "dd", "dt", "dl", "form", "hr", "pre", "address", "title",
          "caption", "td", "th", "button", "option", "select", "label"}


class _HtmlText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_text(markup: str) -> str:
    """The text of an HTML page: one line per block element, scripts and styles left out."""
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
