"""Grammar plugins: from the current folder, a .py path or an installed package's entry point;
load errors said once, at start; `disable=` checked; `fakty grammars` says where each comes from."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fakty import Extractor, GrammarImportError

from conftest import FIXTURES

# the console script, as a user runs it: its folder, not the current one, is on sys.path
FAKTY = Path(sys.executable).parent / "fakty"

MY_RULES = textwrap.dedent('''
    from fakty import Grammar, Organization, Triggers

    def find(ctx):
        at = ctx.text.find("Ромашка")
        if at >= 0:
            yield Organization(spans=[ctx.span(at, at + 7)], name="Ромашка", kind="цветок")

    GRAMMARS = [Grammar(name="my.flowers", find=find, triggers=Triggers(words={"ромашка"}), priority=40)]
''')
TEXT = "Компания Ромашка открыла завод в Москве."


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "my_rules.py").write_text(MY_RULES, encoding="utf-8")
    (tmp_path / "broken_rules.py").write_text("import no_such_module_here\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Вторая новость о Ромашке.", encoding="utf-8")
    return tmp_path


def run(folder: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    if not FAKTY.exists():
        pytest.skip(f"no console script at {FAKTY}")
    return subprocess.run([str(FAKTY), *args], cwd=folder, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def flowers(stdout: str) -> list[str]:
    return [o["name"] for line in stdout.splitlines() for o in json.loads(line)["organizations"]
            if o["kind"] == "цветок"]


def test_a_module_in_the_current_folder_and_a_py_path_both_load(folder):
    by_name = run(folder, "extract", "a.txt", "--grammars", "my_rules", "-q")
    assert by_name.returncode == 0, by_name.stderr
    assert flowers(by_name.stdout) == ["Ромашка"]
    (folder / "sub").mkdir()
    by_path = run(folder / "sub", "extract", "../a.txt", "--grammars", "../my_rules.py", "-q")
    assert by_path.returncode == 0, by_path.stderr
    assert flowers(by_path.stdout) == ["Ромашка"]


def test_a_plugin_that_fails_to_import_stops_the_run_once_with_its_error(folder):
    result = run(folder, "extract", "a.txt", "b.txt", "--grammars", "broken_rules")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("No module named 'no_such_module_here'") == 1
    assert "grammar module 'broken_rules' failed to import" in result.stderr
    assert "Traceback" not in result.stderr


def test_pipe_raises_a_load_error_once_instead_of_an_error_per_document(folder, monkeypatch):
    monkeypatch.chdir(folder)
    results = Extractor(extra_grammars=["broken_rules.py"], ner=False).pipe(["один", "два"])
    with pytest.raises(GrammarImportError, match="no_such_module_here"):
        next(results)


def test_disable_takes_a_name_or_the_part_before_the_dot_and_refuses_unknown_names():
    names = [g.name for g in Extractor(disable=["organizations", "dates"], plugins=False).grammars]
    assert names and not any(n.startswith("organizations") or n == "dates" for n in names)
    assert "locations.known" not in [g.name for g in Extractor(disable=["locations.known"]).grammars]
    with pytest.raises(ValueError, match=r"no grammar named 'figures.money'.*the grammars are dates, figures"):
        Extractor(disable=["figures.money"]).grammars


def test_explain_and_eval_take_grammars_and_no_plugins(folder):
    explained = run(folder, "explain", "a.txt", "--grammars", "my_rules", "--no-plugins", "--grammar", "my.")
    assert explained.returncode == 0, explained.stderr
    assert "my.flowers: Organization(name='Ромашка', kind='цветок')" in explained.stdout
    gold = FIXTURES / "000_f32622456d1a8adb.json"
    scored = run(folder, "eval", str(gold), "--grammars", "my_rules", "--no-plugins", "--json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["fixtures"]["documents"] == 1
    broken = run(folder, "eval", str(gold), "--grammars", "broken_rules")
    assert broken.returncode == 1 and "no_such_module_here" in broken.stderr


def test_the_grammars_command_lists_every_grammar_with_its_source(folder):
    # an installed package, as far as importlib.metadata can tell: a dist-info with an entry point
    dist = folder / "site" / "flower_plugin-1.2.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: flower-plugin\nVersion: 1.2\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[fakty.grammars]\nflowers = my_rules\n", encoding="utf-8")
    env = {"PYTHONPATH": f"{folder / 'site'}{os.pathsep}{folder}"}
    listed = run(folder, "grammars", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()[1:]}
    assert "built-in (fakty.grammars.persons)" in rows["persons"]
    assert "plugin entry point flowers = my_rules, package flower-plugin 1.2" in rows["my.flowers"]
    assert "my.flowers" not in run(folder, "grammars", "--no-plugins", env=env).stdout
    by_module = run(folder, "grammars", "--no-plugins", "--grammars", "my_rules").stdout
    assert f"module my_rules ({folder / 'my_rules.py'})" in by_module
    (dist / "entry_points.txt").write_text("[fakty.grammars]\nbroken = broken_rules\n", encoding="utf-8")
    broken = run(folder, "extract", "a.txt", env=env)
    assert broken.returncode == 1 and broken.stdout == ""
    assert broken.stderr.count("plugin entry point broken = broken_rules failed to import") == 1
