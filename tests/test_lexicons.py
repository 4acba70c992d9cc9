"""Lexicons are data owned by an Extractor: built-in files plus user folders, tagged onto the
one token model that rules read."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from yargy import rule

from fakty import Extractor, Grammar, Organization, Triggers
from fakty.grammar import contexts, lazy_parser
from fakty.lexicons import Lexicons, builtin
from fakty.predicates import glued, lexicon, lexicon_phrase, ner

ROOT = Path(__file__).resolve().parent.parent


def tags(context, name):
    return [(t.value, sorted(t.lexicons.get(name, ()))) for t in context.tokens if name in t.lexicons]


def test_a_user_file_adds_its_entries_to_the_builtin_lexicon_of_its_name(tmp_path):
    (tmp_path / "positions.txt").write_text("# wine\nсомелье\n", encoding="utf-8")
    (tmp_path / "wines.tsv").write_text("шабли\tбелое\n", encoding="utf-8")
    mine = Lexicons(tmp_path)
    assert {"сомелье", "директор"} <= mine.words("positions")
    assert "сомелье" not in builtin().words("positions")
    assert mine.mapping("wines") == {"шабли": "белое"}  # a new lexicon, for a plugin grammar
    with pytest.raises(KeyError, match="no lexicon 'vines'"):
        mine.rows("vines")
    with pytest.raises(ValueError, match="not a folder"):
        Lexicons(tmp_path / "absent")


def test_tokens_are_tagged_with_whole_entries_by_lemma_and_abbreviations_as_written():
    context, = contexts("На круглом столе в ОЭЗ выступил директор, а не оэз.")
    assert tags(context, "event_kinds") == [("круглом", [(0, 2)]), ("столе", [(1, 2)])]
    assert [t.value for t in context.tokens if t.in_lexicon("org_kinds")] == ["ОЭЗ"]
    assert [t.value for t in context.tokens if t.in_lexicon("positions")] == ["директор"]


def test_a_hyphenated_entry_is_split_like_the_text():
    context, = contexts("Вице-президента компании избрали.")
    # "вице-президент" is three tokens, and "президент" an entry of its own
    assert tags(context, "positions") == [("Вице", [(0, 3)]), ("-", [(1, 3)]), ("президента", [(0, 1), (2, 3)])]


def test_entries_sharing_a_first_word_are_told_apart_by_the_words_after_it(tmp_path):
    # "в" begins dozens of entries: each token is tagged with the longest entry of a lexicon
    # that the text continues; an abbreviation is matched as written, its dot optional
    (tmp_path / "cues.txt").write_text("в\nв ходе\nв рамках\nв рамках проекта\nдек.\n", encoding="utf-8")
    context, = contexts("В рамках проекта и в ходе встречи в дек. и в деке.", Lexicons(tmp_path))
    assert tags(context, "cues") == [
        ("В", [(0, 3)]), ("рамках", [(1, 3)]), ("проекта", [(2, 3)]),
        ("в", [(0, 2)]), ("ходе", [(1, 2)]),
        ("в", [(0, 1)]), ("дек", [(0, 2)]), (".", [(1, 2)]),
        ("в", [(0, 1)])]


def test_rules_read_the_lexicons_of_the_extractor(tmp_path):
    (tmp_path / "org_kinds.txt").write_text("ресторан\tресторан\n", encoding="utf-8")
    place = rule(lexicon("org_kinds"), rule(glued().optional(), ner().optional()).optional())

    def interpret(match, ctx):
        yield Organization(spans=[ctx.match_span(match)], name=ctx.text[match.span.start:match.span.stop])

    grammar = Grammar(name="kinds", rule=place, interpret=interpret, triggers=Triggers(lexicons={"org_kinds"}))
    text = "Ресторан открылся."
    assert Extractor(grammars=[grammar], ner=False)(text).organizations == []
    found = Extractor(grammars=[grammar], ner=False, lexicons=tmp_path)(text).organizations
    assert [o.name for o in found] == ["Ресторан"]


def test_lexicon_phrase_matches_a_whole_entry_of_one_word_or_more():
    parser = lazy_parser(lexicon_phrase("event_kinds"))()
    for text, found in [("Прошёл круглый стол.", ["круглый стол"]), ("Прошёл форум.", ["форум"]),
                        ("Стол был круглый.", [])]:
        context, = contexts(text)
        matches = parser.run(context.tokens, "findall")
        assert [text[m.span.start:m.span.stop] for m in matches] == found


# Word lists live in lexicon files. A collection literal of two or more Russian words, or a
# regular expression alternating Russian words, in the library's Python is a word list.
# Modules still to be moved to lexicons, each removed from this list as it is done:
NOT_YET_MOVED: set[str] = set()
CYRILLIC = re.compile(r"[а-яё]", re.I)
ALTERNATION = re.compile(r"[а-яё]{2,}\s*\|\s*[а-яё(]|\|\s*[а-яё]{2,}", re.I)


def word_lists(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
                     and CYRILLIC.search(i.value)]
            if len(words) >= 2:
                found.append(f"{path.name}:{node.lineno}: {words[:3]}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and ALTERNATION.search(node.value):
            found.append(f"{path.name}:{node.lineno}: {node.value[:40]!r}")
    return found


def test_no_russian_word_list_is_written_in_python():
    modules = sorted(ROOT.glob("src/fakty/**/*.py")) + sorted(ROOT.glob("grammars/*.py"))
    found = [hit for path in modules if str(path.relative_to(ROOT)) not in NOT_YET_MOVED
             for hit in word_lists(path)]
    assert found == []


def test_the_word_list_check_finds_the_lists_it_is_meant_to(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('"""Docstrings may name «директор|министр»."""\n'
                      'HEADS = {"директор", "министр"}\nPATTERN = r"(?:директор|министр)"\n'
                      'ONE = ("директор",)\n', encoding="utf-8")
    assert [hit.split(":")[1] for hit in word_lists(module)] == ["2", "3"]


def test_the_command_line_takes_lexicon_folders(tmp_path, capsys):
    from fakty.cli import main

    (tmp_path / "my").mkdir()
    (tmp_path / "my" / "org_kinds.txt").write_text("ресторан\n", encoding="utf-8")
    (tmp_path / "my" / "positions.txt").write_text("сомелье\n", encoding="utf-8")
    text = tmp_path / "news.txt"
    text.write_text("Директор ресторана «Пушкин» Иван Петров и сомелье Анна Смирнова открыли зал.",
                    encoding="utf-8")
    assert main(["extract", str(text), "--lexicons", str(tmp_path / "my"), "-q"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(o["name"], o["kind"]) for o in doc["organizations"]] == [("«Пушкин»", "ресторан")]
    assert [(p["name"], [pos["title"] for pos in p["positions"]]) for p in doc["persons"]] == [
        ("Иван Петров", ["директор"]), ("Анна Смирнова", ["сомелье"])]

    assert main(["extract", str(text), "--lexicons", str(tmp_path / "absent"), "-q"]) != 0
    assert "absent is not a folder" in capsys.readouterr().err
