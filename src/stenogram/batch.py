"""Batch checks: many quotations against one corpus, here or on a Dask cluster.

The local engine checks them one by one in this process. The Dask engine sends them in
ordered chunks to workers, each of which opens the corpus once, for reading only (a file
every worker can reach: a shared file system, or a copy at the same path on each
machine), and checks its chunks with the same code; the results come back in the order
of the input, identical to a local run. A quotation that cannot be checked (a value of
the wrong type, past a bound) is an outcome with an error, and the batch goes on.

    from stenogram import check_batch
    for outcome in check_batch("corpus.db", claims, engine="dask", workers=2): ...

From a Dask bag (or a dataframe, ``df.to_bag(format="dict")``) of quotation records, as
read from JSON Lines or Parquet: ``check_bag(bag, "corpus.db")`` is a bag of check
records (the check contract), or error records, in the bag's order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import InputError, MissingExtra
from .verify.claims import Claim, claim_from_record
from .verify.result import CheckResult

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus

ENGINES = ("local", "dask")
# Quotations per task sent to a worker: enough that a task outweighs its scheduling
# (a check is ~0.1 s, a task's overhead a few ms), few enough that two workers share
# a batch of a few hundred evenly.
CHUNK = 16


# Processes a batch gets by default: the cores, up to this many (the vectors are shared,
# but each process holds its own working memory), for a batch of more than two chunks
# (below that, starting them costs more than it saves).
MAX_AUTO_JOBS = 4


def auto_jobs(batch: int) -> int:
    """How many processes the local engine uses for a batch of ``batch`` quotations when
    none is asked for: forked processes on Linux only (elsewhere forking a process that has
    loaded numerical libraries is not safe)."""
    if batch <= 2 * CHUNK or not sys.platform.startswith("linux"):
        return 1
    return max(1, min(MAX_AUTO_JOBS, os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class Outcome:
    """A quotation and what its check gave: a result, or the reason it could not be checked."""

    claim: Claim
    result: CheckResult | None
    error: str | None = None


def check_batch(
    db: str | os.PathLike[str],
    claims: Sequence[Claim],
    *,
    engine: str = "local",
    semantic: bool = True,
    scheduler: str | None = None,
    workers: int = 2,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    corpus: Corpus | None = None,
) -> Iterator[Outcome]:
    """Check ``claims`` against the corpus at ``db``, in their order. ``engine`` is
    "local" (this machine: ``jobs`` processes, forked once the vectors are loaded, so they
    share them) or "dask" (the cluster at ``scheduler``, else a local cluster of
    ``workers`` processes). ``progress(n)`` is told of each n checked. ``corpus``: the
    corpus of ``db`` already open here, whose loaded vectors forked processes share."""
    if engine == "local" and jobs > 1 and len(claims) > CHUNK:  # one chunk: no process to share it with
        yield from _check_forked(db, claims, semantic, jobs, progress, corpus)
    elif engine == "local":
        yield from _check_local(db, claims, semantic, progress, corpus)
    elif engine == "dask":
        yield from _check_dask(db, claims, semantic, scheduler, workers, progress)
    else:
        raise InputError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


def _check_local(
    db: str | os.PathLike[str],
    claims: Sequence[Claim],
    semantic: bool,
    progress: Callable[[int], None] | None,
    corpus: Corpus | None = None,
) -> Iterator[Outcome]:
    """One by one in this process, with ``corpus`` when one is open, else the one at ``db``."""
    from .corpus import Corpus

    with Corpus(db) if corpus is None else nullcontext(corpus) as open_corpus:
        for claim in claims:
            yield _outcome(open_corpus, claim, semantic)
            if progress:
                progress(1)


_FORKED: list[Any] = []  # (corpus, semantic) that forked processes inherit


def _check_forked(
    db: str | os.PathLike[str],
    claims: Sequence[Claim],
    semantic: bool,
    jobs: int,
    progress: Callable[[int], None] | None,
    corpus: Corpus | None,
) -> Iterator[Outcome]:
    """``jobs`` processes forked from this one after it has loaded the sentence vectors
    and the model (they share those pages, nothing is loaded twice); each opens its own
    connection. Where processes cannot be forked safely, the checks run here."""
    import multiprocessing

    from .corpus import Corpus

    if "fork" not in multiprocessing.get_all_start_methods() or not sys.platform.startswith("linux"):
        yield from _check_local(db, claims, semantic, progress, corpus)
        return
    chunks = [list(claims[i : i + CHUNK]) for i in range(0, len(claims), CHUNK)]
    own = corpus is None
    shared = Corpus(db, read_only=True) if corpus is None else corpus
    try:
        shared.prepare_check(semantic=semantic)
        _FORKED[:] = [shared, semantic]
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_forked_start) as pool:
            for outcomes in pool.imap(_check_forked_chunk, chunks):  # in the input's order
                yield from outcomes
                if progress:
                    progress(len(outcomes))
    finally:
        _FORKED.clear()
        if own:
            shared.close()


def _forked_start() -> None:
    _one_blas_thread()
    _FORKED[0].reopen()


def _one_blas_thread() -> None:
    """One BLAS thread per process: ``jobs`` processes share the cores (two of them, each
    with BLAS's own two threads, took 11.7 s for what one process does in 7.2 s; with one
    thread each, 5.1 s)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # without it (no semantic extra) NumPy does little BLAS work here
        return
    threadpool_limits(1)


def _check_forked_chunk(claims: list[Claim]) -> list[Outcome]:
    corpus, semantic = _FORKED
    return [_outcome(corpus, claim, semantic) for claim in claims]


def _outcome(corpus: Corpus, claim: Claim, semantic: bool) -> Outcome:
    try:
        return Outcome(claim, corpus.check_claim(claim, semantic=semantic))
    except InputError as exc:
        return Outcome(claim, None, str(exc))


def _dask() -> Any:
    try:
        import dask.distributed
    except ImportError:
        raise MissingExtra("the Dask engine needs the dask extra: pip install 'stenogram[dask]'") from None
    return dask.distributed


def _check_dask(
    db: str | os.PathLike[str],
    claims: Sequence[Claim],
    semantic: bool,
    scheduler: str | None,
    workers: int,
    progress: Callable[[int], None] | None,
) -> Iterator[Outcome]:
    distributed = _dask()
    path = os.path.abspath(db)
    chunks = [list(claims[i : i + CHUNK]) for i in range(0, len(claims), CHUNK)]
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    client = distributed.Client(scheduler or cluster)
    try:
        futures = client.map(_check_chunk, chunks, db=path, semantic=semantic, pure=False)
        for future in futures:  # in the input's order, each as soon as it and those before it are done
            outcomes: list[Outcome] = future.result()
            yield from outcomes
            if progress:
                progress(len(outcomes))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


_WORKER_CORPORA: dict[tuple[str, bool], Any] = {}


def _worker_corpus(db: str, semantic: bool) -> Corpus:
    """The corpus of this worker process, opened once for reading (and its vectors loaded
    once), for every chunk it is given."""
    from .corpus import Corpus

    key = (db, semantic)
    if key not in _WORKER_CORPORA:
        corpus = Corpus(db, read_only=True)
        corpus.prepare_check(semantic=semantic)
        _WORKER_CORPORA[key] = corpus
    found: Corpus = _WORKER_CORPORA[key]
    return found


def _check_chunk(claims: list[Claim], *, db: str, semantic: bool) -> list[Outcome]:
    """A worker's task: check a chunk of quotations in order."""
    corpus = _worker_corpus(db, semantic)
    return [_outcome(corpus, claim, semantic) for claim in claims]


def check_bag(bag: Any, db: str | os.PathLike[str], *, semantic: bool = True) -> Any:
    """A Dask bag of quotation records (``id``, ``quote``, ``claimed_speaker``,
    ``article_date``, ``context``, as in a ``--quotes`` file) -> a bag of check records
    (the check contract) or error records (``{"kind": "error", "id", "reason"}``), in
    the bag's order. Compute it on any Dask scheduler."""
    _dask()
    return bag.map_partitions(_check_records, db=os.path.abspath(db), semantic=semantic)


def _check_records(records: Iterable[dict[str, Any]], *, db: str, semantic: bool) -> list[dict[str, Any]]:
    corpus = _worker_corpus(db, semantic)
    out: list[dict[str, Any]] = []
    for n, record in enumerate(records):
        try:
            claim = claim_from_record(dict(record), str(n))
        except InputError as exc:
            ident = record.get("id") if isinstance(record, dict) else None
            out.append({"kind": "error", "id": ident, "reason": str(exc)})
            continue
        outcome = _outcome(corpus, claim, semantic)
        if outcome.result is None:
            out.append({"kind": "error", "id": claim.id, "reason": outcome.error})
        else:
            out.append(outcome.result.to_dict())
    return out
