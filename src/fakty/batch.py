"""Many documents on several worker processes, for `Extractor.pipe(items, n_process=N)`.

Each worker gets a copy of the Extractor once (where processes are forked, the models are
loaded before the fork and shared; elsewhere each worker loads them on its first document);
documents travel in batches and results come back in input order. A document that raises
becomes a `DocumentError`. A worker that dies (killed, out of memory, a crash in native
code) breaks the pool: the batches that were in flight are then run again one document at a
time in a fresh pool, so only the document that kills a worker on its own gets an error
("WorkerDied") and the run goes on.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Union

from .records import Document, DocumentError

Result = Union[Document, DocumentError]
_extractor = None  # the worker's Extractor


def _start_worker(extractor, parent: int) -> None:
    global _extractor
    _extractor = extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # numpy's BLAS runs slovnet's small matrix products on every core; with one worker per
    # core that oversubscribes the machine (measured: 2 workers gave 0.95x of one process,
    # 1.65x with one BLAS thread each, and one thread is as fast for these sizes)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")

    def watch_parent():  # a worker whose parent was killed must not live on
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()


def _run(batch: list) -> list[Result]:
    return _extractor.run_many(batch)  # the batch's sentences share NER batches


def _context():
    methods = multiprocessing.get_all_start_methods()
    # fork shares the parent's loaded code and needs no pickling of the Extractor
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _Pool:
    def __init__(self, extractor, n_process: int):
        self.extractor, self.n_process = extractor, n_process
        self.executor = None

    def submit(self, batch):
        if self.executor is None:
            context = _context()
            if context.get_start_method() == "fork":
                self.extractor.load()  # once here: forked workers share the loaded models
            self.executor = ProcessPoolExecutor(self.n_process, mp_context=context,
                                                initializer=_start_worker,
                                                initargs=(self.extractor, os.getpid()))
        try:
            return self.executor.submit(_run, batch)
        except BrokenProcessPool as error:  # broke since the last look: fail like its tasks
            future: Future = Future()
            future.set_exception(error)
            return future

    def restart(self) -> None:
        self.close(finished=False)

    def close(self, finished: bool = True) -> None:
        """Let the workers exit; unless the run finished, stop them where they are."""
        if self.executor is None:
            return
        if not finished:
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                if process.is_alive():
                    process.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None


def pipe(extractor, items: Iterable, n_process: int, batch_size: int) -> Iterator[Result]:
    batches = _chunks(enumerate(items), max(1, batch_size))
    pool = _Pool(extractor, n_process)
    pending: deque = deque()
    window = 2 * n_process  # batches in flight: workers never wait, memory stays bounded
    finished = False
    try:
        while True:
            while len(pending) < window:
                batch = next(batches, None)
                if batch is None:
                    break
                pending.append((batch, pool.submit(batch)))
            if not pending:
                finished = True
                return
            batch, future = pending.popleft()
            try:
                results = future.result()
            except Exception as error:
                # the pool broke (or a batch could not be sent): redo what was in flight,
                # one document at a time, so that only a culprit gets an error
                if isinstance(error, BrokenProcessPool):
                    pool.restart()
                suspects = batch + [pair for other, _ in pending for pair in other]
                pending.clear()
                results = [_one_by_one(pool, pair) for pair in suspects]
            yield from results
    finally:
        pool.close(finished)


def _one_by_one(pool: _Pool, pair) -> Result:
    number, item = pair
    try:
        return pool.submit([pair]).result()[0]
    except BrokenProcessPool:
        pool.restart()
        return _error(number, item, "WorkerDied", "the worker process died on this document")
    except Exception as error:
        return _error(number, item, type(error).__name__, str(error))


def _error(number: int, item, error: str, message: str) -> DocumentError:
    from .pipeline import document_id

    return DocumentError(id=document_id(number, item), error=error, message=message)


def _chunks(iterator, size: int) -> Iterator[list]:
    while True:
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield chunk
