"""The Extractor: text -> clean -> segment -> tag -> grammars -> resolve -> normalize -> Document."""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import os
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Optional, ParamSpec, Sequence, TypeVar, Union

from . import tag as tag_stage
from .clean import Cleaned, clean
from .grammar import (Deadline, Grammar, GrammarStage, as_grammars, build_parsers, builtin_grammars,
                      collector_paused, plugin_grammars)
from .lexicons import Lexicons, lexicons_of
from .normalize import normalize
from .page import Page, analyse
from .plugins import select
from .records import Document, DocumentError, Skipped
from .resolve import ResolveContext, load as load_resolvers, resolve
from .segment import Sentence, segment
from .tag import NerSpan

MAX_CHARS = 2_000_000
# texts whose sentences share NER batches hold at most this much text together: sharing
# pays for short texts, and what is held waiting for the NER stays small
SHARED_NER_CHARS = 100_000
NER_CHUNK = 64  # sentences tagged between two looks at the deadline


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _gc_paused(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """`method` run with the cyclic garbage collector paused (`fakty.grammar.collector_paused`)."""
    @functools.wraps(method)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with collector_paused():
            return method(*args, **kwargs)
    return paused


class InputError(ValueError):
    """The input cannot be processed (not text, or too large); the message says why."""


Item = Union[str, dict]


@dataclass(frozen=True)
class Prepared:
    """A text after the stages that come before the grammars."""

    cleaned: Cleaned
    page: Page
    sentences: list[Sentence]
    ner: list[NerSpan]
    published: Optional[dt.date]


class Extractor:
    """Extracts facts from Russian news text. Models load on first use, once per process.

    grammars: use exactly these grammars instead of the built-in and plugin ones;
    extra_grammars: add these (Grammar objects, lists of them, module names or .py paths of
    modules with a GRAMMARS list) to the built-in ones; disable: names of grammars to leave
    out, or the part before a dot ("organizations"), checked when the grammars load;
    plugins: also load grammars of installed packages (entry point group `fakty.grammars`);
    ner: use slovnet NER spans (turn off for grammar-only runs);
    keep_boilerplate: also extract from page furniture (link lists, banners, credits), which
    is left out by default; `Document.boilerplate` lists those regions either way;
    lexicons: a folder (or several) of lexicon files: a file named like a built-in lexicon
    (`positions.txt`) adds its entries to it, other files are new lexicons for plugin grammars
    (see `fakty.lexicons`); every grammar is built from these.
    timeout: seconds a document may take (None: no limit); when they run out the Document
    has what was found so far and `timed_out` set. The time is looked at between sentences
    and between grammars (a sentence for one grammar is bounded by its state budget), so a
    document may take a little longer; resolving what was found comes after it. In pipe()
    a document's time starts with its grammars (its NER is shared with other documents).
    """

    def __init__(self, grammars: Optional[Sequence[Grammar]] = None, extra_grammars: Sequence = (),
                 disable: Sequence[str] = (), plugins: bool = True, ner: bool = True,
                 max_chars: int = MAX_CHARS, keep_boilerplate: bool = False,
                 lexicons: Union[str, os.PathLike, Sequence, Lexicons, None] = None,
                 timeout: Optional[float] = None):
        self.lexicons = lexicons_of(lexicons)
        self._grammars = list(grammars) if grammars is not None else None
        self._extra = list(extra_grammars)
        self._disable = list(disable)
        self._plugins = plugins and grammars is None
        self.ner = ner
        self.max_chars = max_chars
        self.keep_boilerplate = keep_boilerplate
        self.timeout = _check_timeout(timeout)
        self._stage: Optional[GrammarStage] = None

    @property
    def grammars(self) -> list[Grammar]:
        return self.stage.grammars

    @property
    def stage(self) -> GrammarStage:
        if self._stage is None:
            lexicons = self.lexicons
            grammars = self._grammars if self._grammars is not None else builtin_grammars(lexicons)
            if self._plugins:
                grammars = grammars + plugin_grammars(lexicons)
            for extra in self._extra:
                grammars = grammars + as_grammars(extra, lexicons)
            self._stage = GrammarStage(select(grammars, self._disable), lexicons)
        return self._stage

    def load(self) -> "Extractor":
        """Load the grammars and resolvers (every parser they use built) and the NER model
        now instead of on the first texts."""
        load_resolvers()
        build_parsers(self.stage.grammars)
        if self.ner:
            tag_stage.ner_model()
        return self

    @_gc_paused
    def __call__(self, text: str, published: Union[dt.date, str, None] = None,
                 id: Optional[str] = None, timeout: Optional[float] = None) -> Document:
        """Facts of one text; `timeout` (seconds) overrides the Extractor's for this call."""
        deadline = Deadline(self.timeout if timeout is None else _check_timeout(timeout))
        begun = self._begin(text, published, id, deadline=deadline)
        return begun if isinstance(begun, Document) else self.finish(*begun, id, deadline)

    def _begin(self, text, published, id: Optional[str], tag: bool = True,
               deadline: Optional[Deadline] = None):
        """A Document for an empty text, else (text, Prepared); InputError for a bad input."""
        text = _check_text(text, self.max_chars)
        published = _as_date(published)
        if not text.strip():
            return Document(id=id, text=text, published=published)
        return text, self.prepare(text, published, tag=tag, deadline=deadline)

    @_gc_paused
    def finish(self, text: str, prepared: "Prepared", id: Optional[str] = None,
               deadline: Optional[Deadline] = None) -> Document:
        """The stages after `prepare`: grammars (until the deadline), resolve, normalize."""
        skipped: list[Skipped] = []
        deadline = deadline or Deadline(None)
        tokens: dict = {}
        mentions = self.stage.run(prepared.cleaned, prepared.sentences, prepared.ner, prepared.published,
                                  skipped, deadline, tokens)
        context = ResolveContext(prepared.cleaned, prepared.sentences, prepared.published, self.lexicons,
                                 tokens=tokens)
        entities = resolve(mentions, context, skipped)
        cleaned, page = prepared.cleaned, prepared.page
        return Document(id=id, text=text, published=prepared.published,
                        title=cleaned.span(*page.title).text if page.title else None,
                        boilerplate=[cleaned.span(start, stop) for start, stop in page.boilerplate],
                        skipped=skipped, timed_out=deadline.passed, **normalize(entities))

    @_gc_paused
    def prepare(self, text: str, published: Optional[dt.date] = None, tag: bool = True,
                deadline: Optional[Deadline] = None) -> "Prepared":
        """The stages before the grammars: clean, page analysis, segment (article sentences
        only, unless keep_boilerplate), NER (stopped at the deadline; tag=False leaves it to
        the caller, who may tag the sentences of several texts at once with
        `fakty.tag.tag_documents`)."""
        cleaned = clean(text)
        page = analyse(cleaned.text, self.lexicons)
        sentences = segment(cleaned.text)
        if not self.keep_boilerplate and page.boilerplate:
            sentences = [s for s in sentences if not page.in_boilerplate(s.start)]
        ner: list[NerSpan] = []
        for start in range(0, len(sentences) if self.ner and tag else 0, NER_CHUNK):
            if deadline is not None and deadline.check():
                break
            ner += tag_stage.tag(sentences[start:start + NER_CHUNK])
        # the caller's date wins over the page's
        return Prepared(cleaned, page, sentences, ner, published or page.published)

    def pipe(self, items: Iterable[Item], n_process: int = 1,
             batch_size: int = 16) -> Iterator[Union[Document, DocumentError]]:
        """One result per input, in order: a Document, or a DocumentError for an input that
        failed (the run goes on). An item is a text, or a dict with `text` and optionally
        `id` and `published`. n_process > 1 runs that many worker processes (-1: one per
        CPU), each loading the models once; documents go to them `batch_size` at a time.
        The sentences of `batch_size` documents share the NER model's batches. Each document
        has the Extractor's `timeout`."""
        self.stage  # a grammar module that fails to import stops the run here, once
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process > 1:
            from .batch import pipe

            yield from pipe(self, items, n_process, batch_size)
            return
        numbered = enumerate(items)
        while True:
            chunk = list(itertools.islice(numbered, max(1, batch_size)))
            if not chunk:
                return
            yield from self.run_many(chunk)

    def run_one(self, number: int, item: Item) -> Union[Document, DocumentError]:
        """The result of one pipe() item; never raises for a bad document."""
        return self.run_many([(number, item)])[0]

    def run_many(self, numbered: Sequence[tuple[int, Item]]) -> list[Union[Document, DocumentError]]:
        """The results of several pipe() items, given as (number, item), the sentences of
        short ones tagged by NER together; never raises for a bad document."""
        return [result for group in _groups(numbered, SHARED_NER_CHARS) for result in self._run_group(group)]

    def _run_group(self, numbered: Sequence[tuple[int, Item]]) -> list[Union[Document, DocumentError]]:
        ids = [document_id(number, item) for number, item in numbered]
        begun = []
        for doc_id, (_, item) in zip(ids, numbered):
            text, meta = _unpack(item)
            begun.append(_safely(doc_id, self._begin, text, meta.get("published"), doc_id, False))
        todo = [i for i, b in enumerate(begun) if isinstance(b, tuple)]
        if self.ner and todo:
            try:
                ner = tag_stage.tag_documents([begun[i][1].sentences for i in todo])
            except Exception:  # one document breaks the shared batches: each on its own
                ner = [_safely(ids[i], tag_stage.tag, begun[i][1].sentences) for i in todo]
            for i, spans in zip(todo, ner):
                text, prepared = begun[i]
                begun[i] = spans if isinstance(spans, DocumentError) else (text, replace(prepared, ner=spans))
        # each document's clock starts with its own grammars
        return [_safely(doc_id, self.finish, *b, doc_id, Deadline(self.timeout)) if isinstance(b, tuple) else b
                for doc_id, b in zip(ids, begun)]

    def __getstate__(self):  # for worker processes: the models load again there
        state = self.__dict__.copy()
        state["_stage"] = None
        return state


def document_id(number: int, item: Item) -> Optional[str]:
    """The id of a pipe() item: its own `id` (None stays None), else its number."""
    doc_id = item.get("id", number) if isinstance(item, dict) else number
    return None if doc_id is None else str(doc_id)


def _groups(numbered: Sequence[tuple[int, Item]], chars: int) -> Iterator[list]:
    """Consecutive items of at most `chars` characters together (a longer one alone)."""
    group, size = [], 0
    for pair in numbered:
        text = _unpack(pair[1])[0]
        length = len(text) if isinstance(text, str) else 0
        if group and size + length > chars:
            yield group
            group, size = [], 0
        group.append(pair)
        size += length
    if group:
        yield group


def _safely(doc_id: Optional[str], step, *args):
    """step(*args), or the DocumentError of the exception it raised."""
    try:
        return step(*args)
    except Exception as error:  # one bad document never stops a batch
        return DocumentError(id=doc_id, error=type(error).__name__, message=str(error))


def _unpack(item: Item) -> tuple[object, dict]:
    if isinstance(item, dict):
        return item.get("text"), item
    return item, {}


def _check_text(text, max_chars: int) -> str:
    if isinstance(text, (bytes, bytearray)):
        raise InputError("expected str, got bytes: decode the text first "
                         "(the `fakty` command line detects UTF-8, cp1251 and KOI8-R)")
    if not isinstance(text, str):
        raise InputError(f"expected str, got {type(text).__name__}")
    if len(text) > max_chars:
        raise InputError(f"text of {len(text):,} characters is over the limit of {max_chars:,} "
                         "(split it, or raise Extractor(max_chars=...))")
    surrogate = _SURROGATE.search(text)
    if surrogate:  # no UTF-8 for it: the Document could not be written as JSON
        raise InputError(f"text has a lone surrogate {surrogate.group()!r} at offset {surrogate.start()}, "
                         "which is not Unicode text (decode with errors='replace')")
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_timeout(value) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise InputError(f"timeout must be a number of seconds (0 or more) or None, got {value!r}")
    return float(value)


def _as_date(value) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(f"published must be an ISO date (YYYY-MM-DD), got {value!r}") from None
    raise InputError(f"published must be a date or an ISO string, got {type(value).__name__}")


_default: Optional[Extractor] = None


def extract(text: str, published: Union[dt.date, str, None] = None,
            timeout: Optional[float] = None) -> Document:
    """Facts of one text with the default Extractor (built on first call); `timeout` in
    seconds, see `Extractor`."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default(text, published=published, timeout=timeout)
