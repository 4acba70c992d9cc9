"""Lexicons: the word lists grammars and resolvers read, owned by an Extractor.

Every word list lives in a file: the built-in ones beside the grammars (`fakty.grammars`),
and any number of user folders (`Extractor(lexicons="my_lexicons/")`). A user file named
like a built-in one (`positions.txt`) adds its lines to that lexicon; a file with a new
name is a new lexicon (for a plugin grammar). One entry per line, `#` starts a comment,
tab-separated columns in `.tsv` files (and in `.txt` files that have flags); the first
column is the entry.

Tokens are tagged with the lexicons they belong to (`tag`): an entry of one word matches
a token by its lowercase text or by any of its pymorphy3 lemmas ("министра" is in
`positions` through "министр"), an entry of several words matches a run of tokens word by
word ("круглом столе" is the entry "круглый стол"), an abbreviation written in capitals
("ОЭЗ") matches only as written, one written with its dot ("млн.") with or without the dot.
"ё" and "е" are one letter here. Rules then ask a token
`lexicon("positions")` instead of carrying a word list of their own. The third cell of a row
holds its flags (words: "аэропорт<TAB>аэропорт<TAB>named" in place_kinds.txt): the entry is
also tagged as the lexicon `name:flag` ("place_kinds:named"), so a rule can ask for it.
"""
from __future__ import annotations

import itertools
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, TypeVar, Union

T = TypeVar("T")
PathLike = Union[str, Path]
BUILTIN_PACKAGE = "fakty.grammars"
SUFFIXES = (".txt", ".tsv")
# files beside the grammars that are examples for the tests, not lexicons
EXAMPLES_SUFFIX = "_examples"
MAX_ENTRY_WORDS = 8  # longer lines are not matched against tokens (none is near that)


def _stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def fold(word: str) -> str:
    """The form entries and tokens are compared in: lowercase, ё as е."""
    return word.lower().replace("ё", "е")


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line.strip(" "))
    return out


class Lexicons:
    """The built-in lexicons plus the files of `folders`, read once and shared by the
    grammars of one Extractor. `derive(fn)` keeps what a grammar builds from them (a dict of
    kinds, a trigger set) for as long as these lexicons live."""

    def __init__(self, folders: Union[PathLike, Sequence[PathLike], None] = ()):
        if folders is None:
            folders = ()
        if isinstance(folders, (str, Path)):
            folders = (folders,)
        self.folders = tuple(Path(f) for f in folders)
        for folder in self.folders:
            if not folder.is_dir():
                raise ValueError(f"lexicons: {folder} is not a folder")
        self._files: dict[str, list[str]] = {}  # lexicon name -> lines, built-in first
        for name, text in _builtin_files():
            self._files.setdefault(name, []).extend(_lines(text))
        for folder in self.folders:
            for path in sorted(folder.iterdir()):
                if path.suffix in SUFFIXES and path.is_file():
                    self._files.setdefault(path.stem, []).extend(_lines(path.read_text(encoding="utf-8")))
        self._derived: dict[Callable, object] = {}
        self._index: Optional[dict[str, _Bucket]] = None

    def __getstate__(self):  # for worker processes: what was derived is built again there
        state = self.__dict__.copy()
        state["_derived"], state["_index"] = {}, None
        return state

    @property
    def names(self) -> list[str]:
        return sorted(self._files)

    def entries(self, name: str) -> tuple[str, ...]:
        """The lines of a lexicon (comments and blanks dropped), built-in ones first."""
        stem = _stem(name)
        if stem not in self._files:
            raise KeyError(f"no lexicon {name!r}; known: {', '.join(self.names)}")
        return tuple(self._files[stem])

    def rows(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The lines of a lexicon split into tab-separated cells."""
        return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in self.entries(name))

    def words(self, name: str) -> frozenset[str]:
        """The first cells of a lexicon, folded (lowercase, ё as е)."""
        return self.derive(_Words(name))

    def mapping(self, name: str, column: int = 1) -> dict[str, str]:
        """First cell (folded) -> the cell of `column`, for tables like months.tsv."""
        return self.derive(_Mapping(name, column))

    def row(self, name: str, tokens: Sequence) -> Optional[tuple[str, ...]]:
        """The row of lexicon `name` whose entry the tokens are, matched as tokens are tagged
        (by text or by lemma, "млн." with or without its dot), or None: how a rule's
        interpretation reads the value of what a `lexicon(...)` predicate matched."""
        entries = self.derive(_Entries(name))
        for words in itertools.product(*(sorted(_keys(t)) for t in tokens)):
            if words in entries:
                return entries[words]
        return None

    def derive(self, build: Callable[["Lexicons"], T]) -> T:
        """`build(self)`, computed once for these lexicons."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]  # type: ignore[return-value]

    # --- tagging tokens ---------------------------------------------------------------------

    def index(self) -> dict[str, "_Bucket"]:
        """first word of an entry -> its entries (`_Bucket`); words folded, except
        abbreviations in capitals, kept as written."""
        if self._index is None:
            index: dict[str, _Bucket] = {}
            for name, lines in sorted(self._files.items()):
                if name.endswith(EXAMPLES_SUFFIX):
                    continue
                seen: dict[str, set] = {}
                for line in lines:
                    cells = line.split("\t")
                    words = entry_words(cells[0].strip())
                    if not words or len(words) > MAX_ENTRY_WORDS:
                        continue
                    variants = [words]
                    # "янв.": an abbreviation, matched as written (never by lemma: "деке" is no
                    # "дек."), its dot optional in text
                    written = len(words) > 1 and words[-1] == "."
                    if written:
                        variants.append(words[:-1])
                    flags = cells[2].split() if len(cells) > 2 else ()
                    for tagged in (name, *(f"{name}:{flag}" for flag in flags)):
                        for variant in variants:
                            if variant not in seen.setdefault(tagged, set()):
                                seen[tagged].add(variant)
                                index.setdefault(variant[0], _Bucket()).add(tagged, variant, written)
            self._index = index
        return self._index

    def tag(self, tokens: Sequence) -> None:
        """Set `token.lexicons` on every token: {lexicon: {(position, length), ...}} for each
        entry the token is part of (position 0 starts the entry)."""
        index = self.index()
        texts, keys = zip(*map(_token_keys, tokens)) if tokens else ((), ())
        for token in tokens:
            token.lexicons = {}
        for i, token in enumerate(tokens):
            found: dict[str, int] = {}  # lexicon -> longest entry starting here
            after = keys[i + 1] if i + 1 < len(tokens) else frozenset()  # (a token's texts are among its keys)
            for key in keys[i]:
                bucket = index.get(key)
                if bucket is None:
                    continue
                for name in bucket.words:  # its one word is `key`, one of this token's
                    found.setdefault(name, 1)
                for name, words, written in bucket.checked(after):
                    n = len(words)
                    if n <= found.get(name, 0) or i + n > len(tokens):
                        continue
                    by = texts if written else keys
                    if all(words[k] in by[i + k] for k in range(n)):
                        found[name] = n
            for name, n in found.items():
                for k in range(n):
                    tokens[i + k].lexicons.setdefault(name, set()).add((k, n))


class _Bucket:
    """The entries that begin with one word: the lexicons where that word alone is an entry
    (`words`), and the others by their second word (None: one word matched as written), so
    that a token of "в", which begins dozens of entries, is checked only against those its
    next token can continue."""

    __slots__ = ("words", "by_second")

    def __init__(self):
        self.words: list[str] = []
        self.by_second: dict[Optional[str], list[tuple[str, tuple[str, ...], bool]]] = {}

    def add(self, name: str, words: tuple[str, ...], written: bool) -> None:
        if len(words) == 1 and not written:
            self.words.append(name)
        else:
            second = words[1] if len(words) > 1 else None
            self.by_second.setdefault(second, []).append((name, words, written))

    def checked(self, after) -> list[tuple[str, tuple[str, ...], bool]]:
        """The entries to check word by word when the next token matches by `after`."""
        if not self.by_second:
            return []
        out = list(self.by_second.get(None, ()))
        for word in after:
            out.extend(self.by_second.get(word, ()))
        return out


class _Words:
    def __init__(self, name: str):
        self.name = name

    def __call__(self, lexicons: Lexicons) -> frozenset[str]:
        return frozenset(fold(row[0]) for row in lexicons.rows(self.name))

    def __eq__(self, other):
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self):
        return hash((type(self), tuple(sorted(self.__dict__.items()))))


class _Mapping(_Words):
    def __init__(self, name: str, column: int):
        super().__init__(name)
        self.column = column

    def __call__(self, lexicons: Lexicons) -> dict[str, str]:  # type: ignore[override]
        return {fold(row[0]): row[self.column] for row in lexicons.rows(self.name) if len(row) > self.column}


class _Entries(_Words):
    def __call__(self, lexicons: Lexicons) -> dict[tuple[str, ...], tuple[str, ...]]:  # type: ignore[override]
        out: dict[tuple[str, ...], tuple[str, ...]] = {}
        for row in lexicons.rows(self.name):
            words = entry_words(row[0])
            out.setdefault(words, row)
            if len(words) > 1 and words[-1] == ".":
                out.setdefault(words[:-1], row)
        return out


def is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def entry_words(entry: str) -> tuple[str, ...]:
    """The words of an entry as tokens are compared with them: split the way the grammars'
    tokenizer splits text ("вице-президент" is three tokens), folded, abbreviations as written."""
    from .tokens import split

    return tuple(w if is_abbreviation(w) else fold(w) for w in split(entry))


def _keys(token, lemmas: bool = True) -> frozenset[str]:
    """What a token matches an entry word by: its text (as written for capitals, folded),
    and its lemmas."""
    value = token.value
    keys = {fold(value)}
    if is_abbreviation(value):
        keys.add(value)
    for form in (getattr(token, "forms", None) or ()) if lemmas else ():
        keys.add(fold(form.normalized))
    return frozenset(keys)


_KEYS: dict[str, tuple] = {}  # token text -> (its forms, its keys): see _token_keys
KEYS_KEPT = 20_000  # token texts whose keys are kept, about 850 bytes each (then the store starts again)


def _token_keys(token) -> tuple[frozenset[str], frozenset[str]]:
    """(_keys(token, lemmas=False), _keys(token)), kept per token text: the same words come
    back sentence after sentence. A kept answer holds for a token with the same forms object
    (pymorphy3's parses are shared per word: `fakty.morph`)."""
    forms = getattr(token, "forms", None)
    kept = _KEYS.get(token.value)
    if kept is None or kept[0] is not forms:
        if len(_KEYS) >= KEYS_KEPT:
            _KEYS.clear()
        kept = _KEYS[token.value] = (forms, (_keys(token, lemmas=False), _keys(token)))
    return kept[1]


@lru_cache(maxsize=None)
def _builtin_files() -> tuple[tuple[str, str], ...]:
    folder = resources.files(BUILTIN_PACKAGE)
    out = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(SUFFIXES) and item.is_file():
            out.append((_stem(item.name), item.read_text(encoding="utf-8")))
    return tuple(out)


_default: Optional[Lexicons] = None


def builtin() -> Lexicons:
    """The built-in lexicons alone (shared; what `Extractor()` uses without `lexicons=`)."""
    global _default
    if _default is None:
        _default = Lexicons()
    return _default


def lexicons_of(folders: Union[PathLike, Sequence[PathLike], None, Lexicons]) -> Lexicons:
    if isinstance(folders, Lexicons):
        return folders
    if not folders:
        return builtin()
    return Lexicons(folders)


def first_cells(rows: Iterable[Sequence[str]]) -> list[str]:
    return [row[0] for row in rows]
