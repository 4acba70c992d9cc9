"""Guard rails of the grammar stage: triggers, a state budget, records out (not yargy facts)."""
from __future__ import annotations

import pickle
import time

from yargy import or_, rule
from yargy.predicates import type as token_type

from fakty import Extractor, Grammar, Organization, Triggers
from fakty.grammar import BudgetExceeded, BudgetParser, tokenizer


def word_rule():
    return rule(token_type("RU"))


def exploding_rule():
    # every split of a word sequence is a parse: the chart grows exponentially
    from yargy import forward

    x = forward()
    x.define(or_(rule(token_type("RU")), rule(x, x)))
    return x


def test_an_ambiguous_rule_is_stopped_by_the_budget():
    parser = BudgetParser(exploding_rule(), budget=5_000)
    tokens = list(tokenizer()("слово " * 25))
    started = time.monotonic()
    try:
        parser.run(tokens, "findall")
        raised = False
    except BudgetExceeded:
        raised = True
    assert raised
    assert time.monotonic() - started < 30  # bounded, not the 44 s of an unbounded chart


def test_a_sentence_over_budget_is_skipped_and_counted():
    grammar = Grammar(name="explode", rule=exploding_rule(), budget=2_000,
                      interpret=lambda match, ctx: [])
    extractor = Extractor(grammars=[grammar], ner=False)
    doc = extractor("слово " * 30 + ".")
    assert list(doc.records()) == []
    assert extractor.stage.skipped == 1
    assert [(s.stage, s.name, s.error, s.span.start) for s in doc.skipped] == \
        [("grammar", "explode", "BudgetExceeded", 0)]


def test_a_grammar_that_raises_loses_its_sentence_not_the_document(caplog):
    def fragile(ctx):
        if "сломается" in ctx.text:
            raise StopIteration("a bug in a grammar")  # what a bare next() raises
        return [Organization(spans=[ctx.span(0, 6)], name="Газпром")]

    extractor = Extractor(extra_grammars=[Grammar(name="fragile", find=fragile)], ner=False, plugins=False)
    text = "Газпром вырос на 5%. Газпром сломается. Газпром растёт с 1 мая 2024 года."
    with caplog.at_level("ERROR", logger="fakty"):
        doc = extractor(text)
        extractor(text)
    # the other sentences keep this grammar's records, every grammar keeps the rest
    assert [s.text for o in doc.organizations for s in o.spans if o.name == "Газпром"] == ["Газпром"] * 3
    assert {f.unit for f in doc.figures} == {"%"} and [d.value.iso for d in doc.dates] == ["2024-05-01"]
    assert [(s.name, s.error, s.span.text) for s in doc.skipped] == \
        [("fragile", "StopIteration", "Газпром сломается.")]
    # logged once with the grammar's name, however many documents it fails on
    failures = [r for r in caplog.records if "fragile" in r.getMessage()]
    assert len(failures) == 1 and failures[0].exc_info is not None


def test_triggers_keep_a_grammar_off_sentences_without_them():
    seen = []

    def find(ctx):
        seen.append(ctx.text)
        return []

    grammar = Grammar(name="spy", find=find, triggers=Triggers(lemmas={"технопарк"}))
    Extractor(grammars=[grammar], ner=False)("Открылся новый технопарк. Погода хорошая.\nТехнопарки растут.")
    assert seen == ["Открылся новый технопарк.", "Технопарки растут."]


def test_triggers_read_words_lemmas_and_lexicon_starts_of_a_sentence():
    from fakty.grammar import contexts

    sentence, = contexts("Директор круглого стола выступил.")
    assert Triggers(words={"Директор"}).fire(sentence)  # lowercase texts
    assert Triggers(lemmas={"выступить"}).fire(sentence)
    assert Triggers(lexicons={"event_kinds"}).fire(sentence)  # "круглого стола" starts an entry
    assert not Triggers(lemmas={"стул"}, words={"стол"}, lexicons={"places"}).fire(sentence)


def test_grammars_return_picklable_records_with_original_offsets():
    def interpret(match, ctx):
        yield Organization(spans=[ctx.match_span(match)], name=match.tokens[0].value)

    grammar = Grammar(name="words", rule=word_rule(), interpret=interpret,
                      triggers=Triggers(words={"кластер"}))
    text = "\u00adКластер\u00a0растёт."
    doc = Extractor(grammars=[grammar], ner=False)(text)
    assert [o.spans[0].text for o in doc.organizations] == ["Кластер", "растёт"]
    assert all(text[s.start:s.stop] == s.text for o in doc.organizations for s in o.spans)
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_extra_grammars_can_come_from_a_module_name(tmp_path, monkeypatch):
    (tmp_path / "my_rules.py").write_text(
        "from fakty import Grammar, Organization\n"
        "def find(ctx):\n"
        "    i = ctx.text.find('Ромашка')\n"
        "    if i >= 0:\n"
        "        yield Organization(spans=[ctx.span(i, i + 7)], name='Ромашка', kind='компания')\n"
        "GRAMMARS = [Grammar(name='romashka', find=find, priority=100)]\n",
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    doc = Extractor(extra_grammars=["my_rules"], ner=False)("Компания Ромашка открылась.")
    assert [(o.name, o.kind) for o in doc.organizations] == [("Ромашка", "компания")]


def test_installed_packages_add_grammars_through_the_entry_point(tmp_path, monkeypatch):
    # what `pip install` of a package declaring [project.entry-points."fakty.grammars"] leaves
    (tmp_path / "banks_plugin.py").write_text(
        "from fakty import Grammar, Organization\n"
        "def find(ctx):\n"
        "    i = ctx.text.find('Сбербанк')\n"
        "    if i >= 0:\n"
        "        yield Organization(spans=[ctx.span(i, i + 8)], name='Сбербанк', kind='банк')\n"
        "GRAMMARS = [Grammar(name='plugin.banks', find=find, priority=100)]\n", encoding="utf-8")
    info = tmp_path / "banks_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: banks-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[fakty.grammars]\nbanks = banks_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    with_plugins = Extractor(ner=False)
    assert "plugin.banks" in [g.name for g in with_plugins.grammars]
    assert [o.name for o in with_plugins("Сбербанк выдал кредит.").organizations] == ["Сбербанк"]
    assert "plugin.banks" not in [g.name for g in Extractor(ner=False, plugins=False).grammars]


def test_the_lookahead_parser_finds_what_yargys_own_prediction_finds():
    # lookahead only skips productions that cannot start at the next token: same matches
    from pathlib import Path

    from fakty.grammar import builtin_grammars, contexts

    root = Path(__file__).resolve().parent.parent
    sentences = [c for path in sorted((root / "fixtures").glob("*.txt"))
                 for c in contexts(path.read_text(encoding="utf-8"))]
    # and the phrases of the grammars' example tables (a grammar the seed pages never trigger)
    sentences += [c for path in sorted((root / "grammars").glob("*_examples.tsv"))
                  for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
                  for c in contexts(line.split("\t")[0])]
    for grammar in [g for g in builtin_grammars() if g.rule is not None]:
        plain, fast = BudgetParser(grammar.rule, 200_000, lookahead=False), grammar.parser
        fired = [c for c in sentences if grammar.triggers.fire(c)][:25]
        assert fired, grammar.name
        for sentence in fired:
            tokens = sentence.tokens
            spans = [[(m.span.start, m.span.stop) for m in p.run(tokens, grammar.mode)] for p in (plain, fast)]
            assert spans[0] == spans[1], (grammar.name, sentence.text)


# --- anchors: a rule predicted only where a match can start ----------------------------------

def bank_rule():
    from yargy.predicates import gram, normalized

    return rule(gram("ADJF").repeatable(max=2).optional(), normalized("банк"), gram("gent").optional())


def bank_anchors(before=2):
    from yargy.predicates import normalized

    from fakty.grammar import Anchors

    return Anchors(normalized("банк"), before=before, through=token_type("RU"))


def found(parser, text):
    tokens = list(tokenizer()(text))
    return [text[m.span.start:m.span.stop] for m in parser.run(tokens, "findall")]


def test_a_rule_anchored_on_its_head_word_finds_what_the_whole_sentence_parse_finds():
    # matches at the very start and the very end of the sentence, and one in the middle
    text = "Центральный банк России снизил ставку, а крупный частный банк Москвы и банк"
    anchored = BudgetParser(bank_rule(), 5_000, anchors=bank_anchors())
    assert found(anchored, text) == found(BudgetParser(bank_rule(), 5_000), text) == [
        "Центральный банк России", "крупный частный банк Москвы", "банк"]


def test_an_anchor_names_how_far_before_it_a_match_may_start():
    # `before=0`: the rule is tried at the head word only, so the adjectives are left out
    assert found(BudgetParser(bank_rule(), 5_000, anchors=bank_anchors(before=0)), "Центральный банк России") == [
        "банк России"]
    # only tokens that pass `through` (Russian words here) are walked back over: a number is not
    from yargy.predicates import normalized

    numbered = rule(token_type("INT").optional(), normalized("банк"))
    assert found(BudgetParser(numbered, 5_000), "открыли 2 банка") == ["2 банка"]
    assert found(BudgetParser(numbered, 5_000, anchors=bank_anchors()), "открыли 2 банка") == ["банка"]


def test_a_sentence_without_the_anchor_builds_no_chart():
    parser = BudgetParser(bank_rule(), 5_000, anchors=bank_anchors())
    parser.parser.chart = None  # would raise if called
    assert found(parser, "Центральный регулятор снизил ставку") == []


def test_compiled_predicates_answer_as_yargys_and_or_not_do():
    # the parser runs and_/or_/not_ as plain loops, nested ones of a kind spliced in
    from yargy import and_, not_
    from yargy.parser import Context
    from yargy.predicates import eq, gram, is_capitalized

    from fakty.predicates import compiled

    tokens = list(tokenizer()("Центральный банк России, 5 банков и «Ромашка»"))
    predicate = or_(and_(gram("NOUN"), and_(is_capitalized(), not_(eq("России")))), or_(eq("5"), eq("«")))
    predicate = predicate.activate(Context(tokenizer()))  # as a parser's rule is
    fast = compiled(predicate)
    assert [type(p).__name__ for p in fast.predicates] == ["_All", "eq", "eq"]
    assert len(fast.predicates[0].predicates) == 3  # gram, is_capitalized, not_
    assert [fast(t) for t in tokens] == [predicate(t) for t in tokens]
    assert [t.value for t in tokens if fast(t)] == ["5", "«", "Ромашка"]


def test_lexicon_start_marks_the_first_word_of_an_entry():
    from fakty.grammar import contexts
    from fakty.predicates import lexicon, lexicon_start

    sentence, = contexts("На круглом столе выступил министр.")
    starts = [t.value for t in sentence.tokens if lexicon_start("event_kinds")(t)]
    assert starts == ["круглом"]  # "круглый стол": an entry of two words
    assert not lexicon("event_kinds")(sentence.tokens[1])  # which `lexicon` (one-word entries) misses


def test_compiled_gram_reads_the_grammemes_of_every_parse_of_a_fakty_token():
    from yargy.parser import Context
    from yargy.predicates import gram

    from fakty.grammar import contexts
    from fakty.predicates import compiled

    sentence, = contexts("Стали стали прочнее, сказал 5-й директор.")
    for grammeme in ("NOUN", "VERB", "ADJF", "plur", "Name"):
        plain = gram(grammeme).activate(Context(tokenizer()))
        assert [compiled(plain)(t) for t in sentence.tokens] == [plain(t) for t in sentence.tokens]
    assert sentence.tokens[0].grams >= {"NOUN", "VERB"}  # "стали": steel, or they became


def test_the_stage_keeps_the_tokens_of_sentences_with_an_event_for_the_events_resolver():
    from fakty.clean import clean
    from fakty.segment import segment

    extractor = Extractor(ner=False)
    cleaned = clean("В Москве открылся форум «Россия». Погода была тёплой.")
    sentences = segment(cleaned.text)
    tokens: dict = {}
    extractor.stage.run(cleaned, sentences, [], None, tokens=tokens)
    assert list(tokens) == [0]  # the forum's sentence, not the weather's
    assert [t.value for t in tokens[0]][:3] == ["В", "Москве", "открылся"]


def test_load_builds_every_parser_the_grammars_and_resolvers_use(monkeypatch):
    from conftest import SEEDS

    extractor = Extractor().load()
    built_after_load = []
    real_init = BudgetParser.__init__

    def init(self, rule, *args, **kwargs):
        built_after_load.append(getattr(rule, "name", None) or repr(rule)[:60])
        real_init(self, rule, *args, **kwargs)

    monkeypatch.setattr(BudgetParser, "__init__", init)
    for path in SEEDS:
        extractor(path.read_text(encoding="utf-8"))
    assert built_after_load == []


def test_a_grammar_whose_parser_cannot_be_built_loses_its_sentences_not_the_load(caplog):
    class Broken:  # not a yargy rule: its parser fails to build
        pass

    extractor = Extractor(grammars=[Grammar("broken", rule=Broken(), interpret=lambda match, context: [])]).load()
    doc = extractor("Мэр Москвы Сергей Собянин открыл технопарк.")
    assert "building the parser of grammar broken failed" in caplog.text
    assert [(s.name, s.error) for s in doc.skipped] == [("broken", "AttributeError")]
