"""Inputs that once crashed or stalled the library, each as the smallest text that did, and
the per-document time limit."""
from __future__ import annotations

import types

import pytest

from fakty import Document, DocumentError, Extractor, Grammar, InputError, Location


@pytest.mark.parametrize("text, positions", [
    # 'врио' is a title word and an acting marker: as the head of a title it was dropped as
    # a marker, and the old persons._position found no head (StopIteration). Before a title
    # it makes the title acting, after a modifier too; alone it heads no title (the person
    # is kept, with no position)
    ("Совещание провел врио губернатора Иван Петров.", [("губернатор", True)]),
    ("Вчера врио министра Иван Петров открыл завод.", [("министр", True)]),
    ("Совещание провел бывший врио Иван Петров.", []),
    ("Иван Петров, бывший врио губернатора, открыл завод.", [("бывший губернатор", True)]),
    ("Бывший исполняющий обязанности министра Иван Петров уехал.", [("бывший министр", True)]),
    ("Иван Петров, первый врио, открыл завод.", []),
])
def test_an_acting_word_heading_a_title(extractor, text, positions):
    doc = extractor(text)
    assert not doc.skipped
    assert [(p.name, [(pos.title, pos.acting) for pos in p.positions]) for p in doc.persons] == [("Иван Петров", positions)]


def test_a_lone_surrogate_is_refused_with_a_clear_message(extractor):
    # no UTF-8 for it: the Document could not be written as JSON
    with pytest.raises(InputError, match="lone surrogate '\\\\ud800' at offset 17"):
        extractor("Мэр Москвы Сергей\ud800Собянин")
    [result] = extractor.pipe([{"text": "Сергей\udc00Собянин", "id": "a"}])
    assert isinstance(result, DocumentError) and result.error == "InputError"


def test_a_letter_without_a_unicode_name(extractor):
    # pymorphy3 asks unicodedata.name() of each letter: Tangut has none in Python 3.11
    doc = extractor("Мэр Москвы Сергей Собянин \U00017000\U00017001 открыл завод.")
    assert [p.name for p in doc.persons] == ["Сергей Собянин"]


def test_numbers_without_separators_or_words_anchor_no_date_window():
    from fakty.grammar import contexts
    from fakty.grammars.dates import windows

    def sizes(text):
        [context] = contexts(text)
        return [len(w) for w in windows(context.tokens)]

    assert sizes("1 1 1 1 1 1 1 1 1 1") == []
    assert sizes("1, 2, 3, 4") == []
    # four tokens before the first anchor, three after the last
    assert sizes("1 1 1 1 1 07.10.2025 1 1 1 1 1") == [4 + 5 + 3]
    # a list of numbers before a year word is in its window, twelve tokens of it at most
    assert sizes("в 1995, 1998 и 2002 годах") == [7]
    assert sizes("1 " * 60 + "годах") == [4 + 12 + 1]


def test_a_token_too_long_for_a_word_is_cut_into_words_and_signs():
    from fakty.segment import MAX_TOKENS, segment

    text = "1." * 50_000 + " Иван"
    sentences = segment(text)
    assert all(len(s.tokens) <= MAX_TOKENS for s in sentences)
    assert sum(len(s.tokens) for s in sentences) == 100_001
    assert all(text[t.start:t.stop] == t.text for s in sentences for t in s.tokens)
    tokens = [t.text for t in segment("Смотрите 1.1.1.1 и 2.2.2.2.2.2.2.2.2.2.2.2.2.2.2.2 сегодня.")[0].tokens]
    assert tokens[:4] == ["Смотрите", "1.1.1.1", "и", "2"] and len(tokens) == 36  # 30 characters or less: whole


def slow_places(clock):
    """A grammar that takes one (fake) second per sentence and finds the sentence's first word."""
    def find(ctx):
        clock.now += 1
        word = ctx.text.rstrip(".")
        yield Location(name=word, spans=[ctx.span(0, len(word))])
    return Grammar("slow", find=find)


@pytest.fixture
def clock(monkeypatch):
    import fakty.grammar

    clock = types.SimpleNamespace(now=0.0)
    clock.monotonic = lambda: clock.now
    monkeypatch.setattr(fakty.grammar, "time", clock)
    return clock


TEXT = "Москва.\nКазань.\nТверь.\nОмск.\nТомск."


def test_a_time_limit_keeps_what_was_found_and_says_so(clock):
    extractor = Extractor(grammars=[slow_places(clock)], ner=False, timeout=2.5)
    doc = extractor(TEXT)
    assert doc.timed_out
    assert [p.name for p in doc.locations] == ["Москва", "Казань", "Тверь"]
    assert Document.model_validate_json(doc.to_json()).timed_out


def test_a_time_limit_per_call(clock):
    extractor = Extractor(grammars=[slow_places(clock)], ner=False)
    assert not extractor(TEXT).timed_out
    assert len(extractor(TEXT).locations) == 5
    assert len(extractor(TEXT, timeout=1.5).locations) == 2
    assert extractor(TEXT, timeout=0).locations == []


@pytest.mark.parametrize("timeout", [-1, "10", True, float("nan")])
def test_a_bad_time_limit_is_refused(timeout):
    with pytest.raises(InputError, match="timeout must be"):
        Extractor(timeout=timeout)
    with pytest.raises(InputError, match="timeout must be"):
        Extractor(ner=False)("Текст.", timeout=timeout)


def test_the_offset_map_of_a_cleaned_text_holds_only_what_was_dropped():
    from fakty.clean import clean

    text = "Мэр\u00ad Москвы\u200b открыл завод. " * 100_000  # 3 MB
    cleaned = clean(text)
    assert len(cleaned.dropped) == 200_000  # not a number for each of 3,000,000 characters
    assert cleaned.text == "Мэр Москвы открыл завод. " * 100_000
    assert cleaned.span(25, 29).text == "Мэр\u00ad " and cleaned.from_original(text.index("завод", 30)) == 43
