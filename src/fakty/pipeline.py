"""The Extractor: text -> clean -> segment -> tag -> grammars -> resolve -> normalize -> Document."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence, Union

from . import tag as tag_stage
from .clean import Cleaned, clean
from .grammar import Grammar, GrammarStage, as_grammars, builtin_grammars, plugin_grammars
from .lexicons import Lexicons, lexicons_of
from .normalize import normalize
from .page import Page, analyse
from .plugins import select
from .records import Document, DocumentError, Skipped
from .resolve import ResolveContext, resolve
from .segment import Sentence, segment
from .tag import NerSpan

MAX_CHARS = 2_000_000


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
    """

    def __init__(self, grammars: Optional[Sequence[Grammar]] = None, extra_grammars: Sequence = (),
                 disable: Sequence[str] = (), plugins: bool = True, ner: bool = True,
                 max_chars: int = MAX_CHARS, keep_boilerplate: bool = False,
                 lexicons: Union[str, os.PathLike, Sequence, Lexicons, None] = None):
        self.lexicons = lexicons_of(lexicons)
        self._grammars = list(grammars) if grammars is not None else None
        self._extra = list(extra_grammars)
        self._disable = list(disable)
        self._plugins = plugins and grammars is None
        self.ner = ner
        self.max_chars = max_chars
        self.keep_boilerplate = keep_boilerplate
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
        """Load the grammars and the NER model now instead of on the first text."""
        self.stage
        if self.ner:
            tag_stage.ner_model()
        return self

    def __call__(self, text: str, published: Union[dt.date, str, None] = None,
                 id: Optional[str] = None) -> Document:
        text = _check_text(text, self.max_chars)
        published = _as_date(published)
        if not text.strip():
            return Document(id=id, text=text, published=published)
        return self.finish(text, self.prepare(text, published), id)

    def finish(self, text: str, prepared: "Prepared", id: Optional[str] = None) -> Document:
        """The stages after `prepare`: grammars, resolve, normalize."""
        skipped: list[Skipped] = []
        mentions = self.stage.run(prepared.cleaned, prepared.sentences, prepared.ner, prepared.published,
                                  skipped)
        context = ResolveContext(prepared.cleaned, prepared.sentences, prepared.published, self.lexicons)
        entities = resolve(mentions, context, skipped)
        cleaned, page = prepared.cleaned, prepared.page
        return Document(id=id, text=text, published=prepared.published,
                        title=cleaned.span(*page.title).text if page.title else None,
                        boilerplate=[cleaned.span(start, stop) for start, stop in page.boilerplate],
                        skipped=skipped, **normalize(entities))

    def prepare(self, text: str, published: Optional[dt.date] = None) -> "Prepared":
        """The stages before the grammars: clean, page analysis, segment (article sentences
        only, unless keep_boilerplate), NER."""
        cleaned = clean(text)
        page = analyse(cleaned.text, self.lexicons)
        sentences = segment(cleaned.text)
        if not self.keep_boilerplate and page.boilerplate:
            sentences = [s for s in sentences if not page.in_boilerplate(s.start)]
        ner = tag_stage.tag(sentences) if self.ner else []
        # the caller's date wins over the page's
        return Prepared(cleaned, page, sentences, ner, published or page.published)

    def pipe(self, items: Iterable[Item], n_process: int = 1,
             batch_size: int = 16) -> Iterator[Union[Document, DocumentError]]:
        """One result per input, in order: a Document, or a DocumentError for an input that
        failed (the run goes on). An item is a text, or a dict with `text` and optionally
        `id` and `published`. n_process > 1 runs that many worker processes (-1: one per
        CPU), each loading the models once; documents go to them `batch_size` at a time."""
        self.stage  # a grammar module that fails to import stops the run here, once
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process > 1:
            from .batch import pipe

            yield from pipe(self, items, n_process, batch_size)
            return
        for number, item in enumerate(items):
            yield self.run_one(number, item)

    def run_one(self, number: int, item: Item) -> Union[Document, DocumentError]:
        """The result of one pipe() item; never raises for a bad document."""
        text, meta = _unpack(item)
        doc_id = document_id(number, item)
        try:
            return self(text, published=meta.get("published"), id=doc_id)
        except Exception as error:  # one bad document never stops a batch
            return DocumentError(id=doc_id, error=type(error).__name__, message=str(error))

    def __getstate__(self):  # for worker processes: the models load again there
        state = self.__dict__.copy()
        state["_stage"] = None
        return state


def document_id(number: int, item: Item) -> Optional[str]:
    """The id of a pipe() item: its own `id` (None stays None), else its number."""
    doc_id = item.get("id", number) if isinstance(item, dict) else number
    return None if doc_id is None else str(doc_id)


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
    return text


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


def extract(text: str, published: Union[dt.date, str, None] = None) -> Document:
    """Facts of one text with the default Extractor (built on first call)."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default(text, published=published)
