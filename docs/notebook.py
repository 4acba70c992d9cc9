# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # fakty in a notebook
#
# Extract a news page, look at its facts highlighted in the text, turn them into tables,
# run a folder of texts with a progress bar, and plot what the corpus is about.
#
# Install with the notebook extra (pandas, matplotlib, widgets):
# `pip install "fakty[notebook]"`. Open this file with Jupyter through jupytext
# (`jupytext --to notebook docs/notebook.py`), or run it as it is:
# `tests/test_notebook.py` executes it top to bottom. The texts are the ones in the
# repository's `fixtures/` folder.

# %%
from pathlib import Path

import fakty

ROOT = next(p for p in (Path.cwd(), *Path.cwd().parents) if (p / "fixtures").is_dir())
extractor = fakty.Extractor()  # the models load on the first text, once

# %% [markdown]
# ## One page
# A seed page as it was scraped, site furniture included. `published` comes from the page
# head when the caller gives none; the furniture is found and left out.

# %%
text = (ROOT / "fixtures" / "001_a2611bcb571f4053.txt").read_text(encoding="utf-8")
doc = extractor(text)
print(repr(doc))
doc.title, doc.published

# %% [markdown]
# The HTML view: every record's spans highlighted, an organization named inside another
# shown inside it, titles of people underlined. Hover a mark for its fields (a person's
# positions, an event's date and organizers); the records it is linked to get an outline.

# %%
doc

# %% [markdown]
# ## Tables
# One typed pandas DataFrame per record type: numbers are numbers, dates are datetimes,
# references come with the name of what they refer to.

# %%
tables = doc.tables()
list(tables)

# %%
tables["persons"][["id", "name", "titles", "mentions"]]

# %%
tables["positions"][["person", "title", "organization", "location"]]

# %%
tables["figures"][["kind", "value", "unit", "qualifier", "subject", "period", "text"]]

# %%
tables["events"][["kind", "name", "ordinal", "date", "location", "organizers"]]

# %% [markdown]
# ## A folder of texts
# `Extractor.pipe` takes texts or dicts (`text`, `id`, `published`) and yields one Document
# per input, in order (a text that fails gives a `DocumentError`, and the run goes on).
# `tqdm` shows the progress; `n_process=4` would use four worker processes.

# %%
from tqdm.auto import tqdm

folder = ROOT / "fixtures" / "heldout2"
files = sorted(folder.glob("*.txt"))
items = ({"text": path.read_text(encoding="utf-8"), "id": path.stem} for path in files)
docs = [d for d in tqdm(extractor.pipe(items), total=len(files), unit="doc")]
len(docs), sum(isinstance(d, fakty.DocumentError) for d in docs)

# %%
frames = fakty.to_frames(docs)
frames["documents"]

# %% [markdown]
# ## Who is talked about
# Organizations by the number of times they are mentioned across the folder.

# %%
import matplotlib.pyplot as plt

organizations = frames["organizations"]
top = organizations.groupby("name")["mentions"].sum().sort_values().tail(12)
fig, ax = plt.subplots(figsize=(7, 4))
top.plot.barh(ax=ax, color="#6c8ebf")
ax.set_xlabel("mentions")
ax.set_ylabel("")
ax.set_title(f"Organizations in {folder.name}/ by mentions")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## People and the organizations they work for
# One row per title a person holds, with the organization or place of the office.

# %%
positions = frames["positions"]
people = positions[positions.organization.notna() | positions.location.notna()]
people[["document_id", "person", "title", "organization", "location"]].sort_values("person")

# %% [markdown]
# ## Figures
# Every number with its unit and kind; money sums per currency, across the folder.

# %%
figures = frames["figures"]
figures.groupby(["kind", "unit"]).value.agg(["count", "sum"])

# %% [markdown]
# ## Saving
# JSON Lines, one Document a line, byte-identical for the same text; `fakty.Document`
# reads a line back (`Document.model_validate_json(line)`).

# %%
lines = [d.to_json() for d in docs]
again = fakty.Document.model_validate_json(lines[0])
again == docs[0], len("\n".join(lines))
