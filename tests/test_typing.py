"""The public API as a type checker and an editor see it: real types (not Any), every public
name listed, and `import fakty` still cheap."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import fakty

from conftest import ROOT

# the modules whose own code is type-checked too (the rest of the package is read for types)
CHECKED = ["__init__.py", "records.py", "tables.py", "display.py", "plugins.py"]


def mypy(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    package = Path(fakty.__file__).resolve().parent
    env = dict(os.environ)
    if package.parent.name != "site-packages":  # an editable install: mypy cannot follow its import hook
        env["MYPYPATH"] = str(package.parent)
    command = [sys.executable, "-m", "mypy", "--follow-imports=silent", "--ignore-missing-imports",
               "--no-error-summary", "--cache-dir", str(tmp_path / "cache"), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)


def test_the_public_api_type_checks_with_real_types(tmp_path):
    package = Path(fakty.__file__).resolve().parent
    result = mypy(tmp_path, ROOT / "tests" / "typing" / "usage.py", *(package / name for name in CHECKED))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_type_check_catches_a_misspelt_field_and_argument(tmp_path):
    # were anything Any (as before py.typed and the TYPE_CHECKING imports), both would pass
    wrong = tmp_path / "wrong.py"
    wrong.write_text(textwrap.dedent("""
        import fakty
        doc = fakty.extract("Мэр Москвы Сергей Собянин.")
        print(doc.persons[0].nmae)
        fakty.Extractor(gramars=[])
    """), encoding="utf-8")
    result = mypy(tmp_path, wrong)
    assert result.returncode == 1
    assert '"Person" has no attribute "nmae"' in result.stdout
    assert 'Unexpected keyword argument "gramars" for "Extractor"' in result.stdout


def test_py_typed_is_in_the_package():
    assert (Path(fakty.__file__).parent / "py.typed").exists()


def test_dir_lists_the_lazy_names_and_all_of_them_resolve():
    assert {"Extractor", "extract", "to_frames", "register_record", "Grammar"} <= set(dir(fakty))
    for name in fakty.__all__:
        assert getattr(fakty, name) is not None, name


def test_import_stays_cheap():
    code = ("import sys, fakty; print(sorted(m for m in ('pandas', 'yargy', 'natasha', 'slovnet', "
            "'pymorphy3', 'matplotlib', 'fakty.pipeline', 'fakty.tables') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
