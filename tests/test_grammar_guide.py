"""docs/grammars.md runs: the grammar author's guide cannot go stale.

Its code blocks are read from the page and run the way the page says they are:
- a block whose first line is `# some/path.ext` is a file, written into one folder;
- a ```python block with `>>>` prompts is a doctest, and plain ```python is code: the
  walkthrough's Python runs as one session, in order, in that folder, and must print what
  the page shows;
- a ```console block is a shell transcript: each `$` line runs (all of them in one bash
  process, in that folder), and its output must match the lines under it, where `…` stands
  for lines or text left out;
- a block that cannot run says why on its first line (`# not run by tests/...: reason`), and
  an excerpt of a module (`# excerpt of grammars/x.py`) must still be in that module;
- every `fakty ...` command anywhere on the page must parse with the real command line.
"""
from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

GUIDE = ROOT / "docs" / "grammars.md"
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>\w*)[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.MULTILINE | re.DOTALL)
FILE = re.compile(r"# ([\w./-]+\.\w+)$")
SKIP = "# not run by tests/test_grammar_guide.py:"
EXCERPT = re.compile(r"# excerpt of ([\w./-]+\.py)")
WALKTHROUGH = ("1.", "2.", "3.", "4.", "5.")
REFERENCE = "reference"


@dataclass(frozen=True)
class Block:
    lang: str
    body: str
    line: int  # of the opening fence, 1-based
    section: str  # the "## " heading above it

    @property
    def first(self) -> str:
        return self.body.split("\n", 1)[0]

    @property
    def kind(self) -> str:
        if FILE.fullmatch(self.first) and self.lang in ("python", "text"):
            return "file"
        if self.first.startswith(SKIP):
            return "skipped"
        if EXCERPT.match(self.first) and self.lang == "python":
            return "excerpt"
        if self.lang == "python":
            return "doctest" if ">>>" in self.body else "code"
        return {"console": "console", "bash": "commands", "toml": "toml"}.get(self.lang, "unknown")


def read_blocks(text: str) -> list[Block]:
    headings = [(m.start(), m.group(1)) for m in re.finditer(r"^## (.+)$", text, re.MULTILINE)]
    out = []
    for m in FENCE.finditer(text):
        section = next((h for start, h in reversed(headings) if start < m.start()), "")
        body = textwrap.dedent(m.group("indent") + m.group("body").replace("\n" + m.group("indent"), "\n"))
        out.append(Block(m.group("lang"), body, text.count("\n", 0, m.start()) + 1, section))
    return out


BLOCKS = read_blocks(GUIDE.read_text(encoding="utf-8"))


def in_step(block: Block) -> str:
    """'1.' for a block of step 1 of the walkthrough, 'reference' for the rest."""
    return next((step for step in WALKTHROUGH if block.section.startswith(step)), REFERENCE)


def transcript(block: Block) -> list[tuple[str, list[str]]]:
    """The commands of a console block, each with the output lines shown under it."""
    out: list[tuple[str, list[str]]] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def shows(shown: list[str], actual: str) -> bool:
    """Does `actual` read as the lines shown, a line of just `…` standing for any lines and a
    `…` inside a line for any text? Runs of spaces count as one."""
    pattern = ""
    for line in shown:
        line = " ".join(line.split())
        if line == "…":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += r"[^\n]*?".join(map(re.escape, line.split("…"))) + r"\n"
    normal = "".join(" ".join(line.split()) + "\n" for line in actual.splitlines())
    return re.fullmatch(pattern, normal) is not None


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The reader's folder, with every file the guide writes."""
    path = tmp_path_factory.mktemp("guide")
    for block in BLOCKS:
        if block.kind == "file":
            target = path / FILE.fullmatch(block.first).group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def session(folder) -> dict[str, list[str]]:
    """The guide's Python run as one session in the reader's folder, the walkthrough first and
    the reference's examples after it: step -> the reports of what printed something else
    than the guide shows."""
    failures: dict[str, list[str]] = {step: [] for step in (*WALKTHROUGH, REFERENCE)}
    namespace: dict = {"__name__": "guide"}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    here = os.getcwd()
    os.chdir(folder)
    try:
        for block in BLOCKS:
            step = in_step(block)
            if block.kind not in ("doctest", "code"):
                continue
            where = f"{GUIDE.name}:{block.line}"
            if block.kind == "code":
                try:
                    exec(compile(block.body, where, "exec"), namespace)  # noqa: S102 (the guide's own code)
                except Exception as error:  # noqa: BLE001 (whatever it is, the step's test reports it)
                    failures[step].append(f"{where}: {type(error).__name__}: {error}")
                continue
            test = doctest.DocTestParser().get_doctest(block.body, namespace, where, str(GUIDE), block.line)
            report: list[str] = []
            result = runner.run(test, out=report.append, clear_globs=False)
            namespace.update(test.globs)  # a DocTest works on a copy: the session goes on with it
            if result.failed:
                failures[step].append("".join(report))
    finally:
        os.chdir(here)
    return failures


@pytest.fixture(scope="module")
def shell(folder) -> list[tuple[Block, str, list[str], int, str, str]]:
    """Every `$` command of the guide's console blocks, run in order by one bash process in
    the reader's folder: (block, command, shown output, exit code, stdout, stderr)."""
    runs = [(block, command, shown) for block in BLOCKS if block.kind == "console"
            for command, shown in transcript(block)]
    script = ["cd " + shlex.quote(str(folder))]
    for i, (_, command, _) in enumerate(runs):
        script.append(f"{{ {command} ; }} > out_{i}.txt 2> err_{i}.txt; echo $? > rc_{i}.txt")
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "fakty").exists(), f"the fakty command is not beside {sys.executable}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    subprocess.run(["bash", "-c", "\n".join(script)], env=env, timeout=600, check=True)

    def read(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8")

    return [(block, command, shown, int(read(f"rc_{i}.txt")), read(f"out_{i}.txt"), read(f"err_{i}.txt"))
            for i, (block, command, shown) in enumerate(runs)]


def check_step(session, step: str) -> None:
    assert session[step] == [], "\n".join(session[step])


def check_shell(shell, step: str) -> None:
    runs = [run for run in shell if in_step(run[0]) == step]
    assert runs, f"step {step} has no commands"
    for block, command, shown, code, stdout, stderr in runs:
        assert code == 0, f"{GUIDE.name}:{block.line}: $ {command}\n{stderr}"
        assert shows(shown, stdout), (f"{GUIDE.name}:{block.line}: $ {command}\nshown:\n"
                                      + "\n".join(shown) + f"\ngot:\n{stdout}")


def test_a_user_lexicon_folder_extends_the_builtin_grammars(session):
    check_step(session, "1.")


def test_the_token_model_and_predicates_print_what_the_guide_shows(session):
    check_step(session, "2.")


def test_a_rule_composed_of_builtin_rules_runs_in_an_extractor(session):
    check_step(session, "3.")


def test_the_reference_examples_print_what_they_show(session):
    check_step(session, REFERENCE)


def test_a_plugin_module_with_its_own_record_type_works_from_the_command_line(shell):
    check_shell(shell, "4.")


def test_the_examples_table_of_the_plugin_passes_its_own_tests(shell):
    check_shell(shell, "5.")


def test_every_block_is_run_or_checked_or_says_why_not():
    kinds = {block.kind for block in BLOCKS}
    unknown = [f"line {b.line}: {b.lang or 'no language'}" for b in BLOCKS if b.kind == "unknown"]
    assert unknown == []
    assert {"file", "doctest", "code", "console"} <= kinds  # the reader is sure to parse the page
    for block in BLOCKS:
        if block.kind == "skipped":
            assert block.first[len(SKIP):].strip(), f"line {block.line}: say why it is not run"
    steps = {in_step(b) for b in BLOCKS if b.kind in ("doctest", "console")}
    assert set(WALKTHROUGH) <= steps, "every step of the walkthrough shows output that the test checks"


def test_every_fakty_command_on_the_page_parses():
    from fakty.cli import _parser

    commands = [line for block in BLOCKS if block.kind == "commands"
                for line in block.body.splitlines() if line.startswith("fakty ")]
    commands += [line[2:] for block in BLOCKS if block.lang == "console"
                 for line in block.body.splitlines() if line.startswith("$ fakty ")]
    assert len(commands) >= 8
    for command in commands:
        argv = shlex.split(command.split("  #")[0], comments=True)
        try:
            _parser().parse_args(argv[1:])
        except SystemExit:
            pytest.fail(f"not a valid command: {command}")


def test_excerpts_are_still_in_their_modules():
    excerpts = [b for b in BLOCKS if b.kind == "excerpt"]
    assert excerpts
    for block in excerpts:
        source = {line.strip() for line in (ROOT / EXCERPT.match(block.first).group(1))
                  .read_text(encoding="utf-8").splitlines()}
        for line in block.body.splitlines()[1:]:
            code = line.split("  #")[0].strip()
            if code:
                assert any(s.startswith(code) for s in source), f"no longer in the module: {code}"


def test_the_entry_point_table_names_the_group_fakty_reads():
    from fakty.grammar import ENTRY_POINT_GROUP

    (block,) = [b for b in BLOCKS if b.kind == "toml"]
    # (tomllib is Python 3.11+; the table is two lines)
    table, entry = block.body.strip().splitlines()
    assert table == f'[project.entry-points."{ENTRY_POINT_GROUP}"]'
    assert re.fullmatch(r'\w+ = "[\w.]+"', entry)


def reference(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"### {title}")
    stop = text.find("\n### ", start + 1)
    return text[start:stop if stop > 0 else len(text)]


def test_the_lexicon_files_the_reference_names_exist():
    named = set(re.findall(r"`(\w+\.(?:txt|tsv))`", reference("Built-in grammars and their lexicons")))
    assert len(named) > 40
    assert sorted(n for n in named if not (ROOT / "grammars" / n).is_file()) == []


def first_column(section: str) -> list[str]:
    """The rule names in the first column of a section's table."""
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([A-Z][A-Z_]*)", row.split("|")[1])]


def test_the_rules_the_reference_names_exist():
    from fakty.grammars import organizations, persons

    org_rules = first_column(reference("Organizations as rules"))
    assert "QUOTED_NAME" in org_rules
    built = organizations.Rules(organizations.builtin())
    assert [n for n in org_rules if not hasattr(built, n)] == []
    person_rules = first_column(reference("Persons and titles as rules"))
    assert "TITLE" in person_rules
    assert [n for n in person_rules if not hasattr(persons, n)] == []
    (row,) = [line for line in reference("Persons and titles as rules").splitlines()
              if line.startswith("| `PERSON_WITH_TITLE`")]
    assert re.findall(r"`([A-Z_]+)`", row.split("|")[2]) == [p.name for p in persons.PATTERNS]
