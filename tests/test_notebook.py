"""docs/notebook.py runs top to bottom in a Jupyter kernel and shows what it says it shows."""
from __future__ import annotations

import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "docs" / "notebook.py"


@pytest.fixture(scope="module")
def executed():
    for module in ("jupytext", "nbclient", "ipykernel", "matplotlib", "pandas"):
        pytest.importorskip(module, reason="the notebook needs the test extra: pip install -e '.[test]'")
    import jupytext
    from nbclient import NotebookClient

    notebook = jupytext.read(NOTEBOOK)
    # the kernel runs this interpreter (jupyter_client maps the spec's "python" to it)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def outputs(cell, mime: str) -> list[str]:
    found = []
    for output in cell.outputs:
        if output.get("output_type") == "stream" and mime == "text/plain":
            found.append(output.text)
        data = output.get("data", {})
        if mime in data:
            found.append(data[mime])
    return found


def cell_with(cells, source: str):
    return next(cell for cell in cells if source in cell.source)


def test_no_cell_raises(executed):
    errors = [o for cell in executed for o in cell.outputs if o.get("output_type") == "error"]
    assert not errors, errors


def test_the_page_is_extracted_and_shown_as_html(executed):
    assert "Document(id=None, title=" in outputs(cell_with(executed, "doc = extractor(text)"), "text/plain")[0]
    (view,) = [cell for cell in executed if cell.source.strip() == "doc"]
    (html,) = outputs(view, "text/html")
    assert 'class="t-persons"' in html and "Степан Коваленко" in html and "legend" in html


def test_tables_show_positions_with_organization_names(executed):
    (table,) = outputs(cell_with(executed, 'tables["positions"]'), "text/html")
    assert "заместитель руководителя" in table and "Департамент инвестиционной" in table


def test_the_folder_runs_with_a_progress_bar_and_gives_a_plot(executed):
    run = cell_with(executed, "tqdm(extractor.pipe(items)")
    assert "(10, 0)" in outputs(run, "text/plain")[-1]  # ten documents, no errors
    bar = [o for o in run.outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
           or o.get("name") == "stderr"]
    assert bar, run.outputs  # a widget, or a text bar where widgets are missing
    (png,) = outputs(cell_with(executed, "plt.subplots"), "image/png")
    assert len(png) > 5000


def test_the_corpus_person_organization_table_and_the_round_trip(executed):
    (people,) = outputs(cell_with(executed, "people = positions"), "text/html")
    assert "<td>" in people and "person" in people
    assert outputs(cell_with(executed, "again = fakty.Document"), "text/plain")[-1].startswith("(True, ")
