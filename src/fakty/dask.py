"""Extraction over Dask collections (optional: `pip install "fakty[dask]"`).

    import dask.bag as db
    from fakty.dask import extract_bag, extract_dataframe

    docs = extract_bag(db.from_sequence(texts, npartitions=8))         # Document dicts
    rows = extract_bag(bag, output="records")                          # flat record dicts
    frame = extract_dataframe(ddf, text="body", id="url")              # flat records

The same code runs on a laptop or a cluster: whatever `dask.distributed.Client` is active
does the work. Each worker process builds its Extractor once (cached by its options) and
keeps it for every partition it gets; use worker processes with one thread each (calls into
one Extractor are serialised). Options are Extractor keywords that can travel to other
machines: `keep_boilerplate`, `ner`, `disable`, `extra_grammars` as module names, …
"""
from __future__ import annotations

import threading
from functools import partial
from typing import Any, Optional

from .records import RECORD_TYPES, DocumentError, flatten

_extractors: dict = {}
_lock = threading.Lock()

BASE_COLUMNS = ["document_id", "type", "id", "start", "stop", "text"]
ERROR_COLUMNS = ["error", "message"]


def _record_columns() -> list[str]:
    columns = list(BASE_COLUMNS)
    for cls in RECORD_TYPES.values():
        for name in cls.model_fields:
            if name not in ("spans", "id") and name not in columns:
                columns.append(name)
    return columns + ERROR_COLUMNS


COLUMNS = _record_columns()


def _key(options: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in options.items()))


def cached_extractor(options: dict):
    """This process's Extractor for these options (and a lock for it), built on first use."""
    key = _key(options)
    with _lock:
        entry = _extractors.get(key)
        if entry is None:
            from .pipeline import Extractor

            entry = _extractors[key] = (Extractor(**options), threading.Lock())
    return entry


def _run(options: dict, items) -> list:
    extractor, lock = cached_extractor(options)
    items = [item if isinstance(item, dict) else {"text": item, "id": None} for item in items]
    with lock:  # short documents of the partition share the NER model's batches
        return extractor.run_many([(0, item) for item in items])


def _as_dicts(items, options: dict, output: str) -> list[dict]:
    results = _run(options, items)
    if output == "documents":
        return [result.model_dump(mode="json") for result in results]
    return _record_rows(results)


def _record_rows(results) -> list[dict]:
    """Flat records of each Document, one row for each DocumentError."""
    rows = []
    for result in results:
        if isinstance(result, DocumentError):
            rows.append(_error_row(result))
        else:
            rows.extend(flatten(result))
    return rows


def _error_row(error: DocumentError) -> dict:
    return {"document_id": error.id, "type": "DocumentError", "error": error.error,
            "message": error.message}


def extract_bag(bag, output: str = "documents", **options):
    """A bag of results for a bag of texts (or of dicts with `text`, `id`, `published`).

    output="documents": one dict per input (`Document.to_dict()`, or a `DocumentError`'s
    dict with `error` and `message`); output="records": flat record dicts
    (`fakty.records.flatten`), plus a row of type "DocumentError" for each failed input."""
    if output not in ("documents", "records"):
        raise ValueError(f"output must be 'documents' or 'records', got {output!r}")
    # options go in a partial: dask would take a tuple or dict argument apart as a task
    return bag.map_partitions(partial(_as_dicts, options=dict(options), output=output))


def _frame(partition, text: Optional[str], id: Optional[str], published: Optional[str], options: dict):
    import pandas as pd

    if isinstance(partition, pd.Series):
        texts, ids, dates = partition.tolist(), partition.index.tolist(), None
    else:
        texts = partition[text].tolist()
        ids = partition[id].tolist() if id else partition.index.tolist()
        dates = partition[published].tolist() if published else None
    texts = [None if _missing(body) else body for body in texts]
    items = []
    for i, (body, doc_id) in enumerate(zip(texts, ids)):
        item: dict[str, Any] = {"text": body, "id": None if doc_id is None else str(doc_id)}
        if dates is not None and not _missing(dates[i]):
            item["published"] = dates[i]  # an ISO string, a date or a timestamp
        items.append(item)
    rows = _as_dicts(items, options, "records")
    return pd.DataFrame(rows, columns=COLUMNS, dtype=object)


def _missing(value) -> bool:
    import pandas as pd

    return value is None or not isinstance(value, (str, bytes, list, dict)) and bool(pd.isna(value))


def extract_dataframe(frame, text: str = "text", id: Optional[str] = None,
                      published: Optional[str] = None, **options):
    """A dask DataFrame of flat records (columns `COLUMNS`) for a dask DataFrame's `text`
    column, or for a dask Series of texts. Documents are named by the `id` column, else by
    the index; failed documents give a row of type "DocumentError"."""
    import pandas as pd

    meta = pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS})
    if not hasattr(frame, "columns"):  # a Series: texts, named by the index
        text = id = published = None
    return frame.map_partitions(partial(_frame, text=text, id=id, published=published, options=dict(options)),
                                meta=meta)


def records_frame(results) -> "Any":
    """A pandas DataFrame (columns `COLUMNS`) of flat records of Documents computed anywhere,
    for comparing with `extract_dataframe(...).compute()`."""
    import pandas as pd

    return pd.DataFrame(_record_rows(results), columns=COLUMNS, dtype=object)
