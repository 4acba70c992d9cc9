"""The Dask adapter: a LocalCluster of two worker processes gives what one process gives."""
from __future__ import annotations

import pytest

pytest.importorskip("dask.bag", reason='dask is not installed: pip install -e ".[dask]"')
pytest.importorskip("dask.dataframe", reason='dask[dataframe] is not installed: pip install -e ".[dask]"')
distributed = pytest.importorskip("distributed", reason='distributed is not installed: pip install -e ".[dask]"')

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from fakty.dask import COLUMNS, extract_bag, extract_dataframe, records_frame  # noqa: E402
from test_batch import variations  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def items():
    texts = variations(6)
    texts[3] = 42  # not a text: an error record, the rest goes on
    return [{"text": text, "id": f"doc-{i}"} for i, text in enumerate(texts)]


def test_bag_on_two_workers_gives_what_one_process_gives(client, extractor, items):
    alone = [result.model_dump(mode="json") for result in extractor.pipe(items)]
    bag = db.from_sequence(items, npartitions=3)
    distributed_docs = extract_bag(bag).compute()
    assert distributed_docs == alone
    assert distributed_docs[3]["error"] == "InputError"
    # a worker builds its Extractor once and keeps it for all its partitions
    counts = client.run(lambda: len(__import__("fakty.dask").dask._extractors))
    assert set(counts.values()) <= {0, 1} and 1 in counts.values()


def test_dataframe_column_gives_flat_records(client, extractor, items):
    items = [dict(item, text=None) if item["text"] == 42 else item for item in items]
    frame = dd.from_pandas(pd.DataFrame(items), npartitions=2)
    records = extract_dataframe(frame, text="text", id="id").compute().reset_index(drop=True)
    expected = records_frame(extractor.pipe(items))
    assert list(records.columns) == COLUMNS
    assert len(records) == len(expected) > 20
    pd.testing.assert_frame_equal(records.astype(str), expected.astype(str))
    assert set(records["type"]) >= {"Organization", "Person", "DocumentError"}
