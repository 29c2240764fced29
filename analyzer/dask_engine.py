"""A folder's files analyzed on a Dask cluster, for folders beyond one machine.

The engine runs the local engine's per-file function (:func:`analyzer.batch.analyze_path`) on
Dask distributed workers, so every row is the one the local engine would give. Each Dask worker
keeps, per thread, the local engine's one-process isolation pool (started by a worker plugin when
the run begins): its process loads spaCy and the taxonomy once, and a file that hangs, crashes or
runs out of memory costs only that file, as on one machine. Only paths cross the network: each
worker reads its files from storage all workers share (a local path or an fsspec URL).

Importing this module needs no Dask; starting the engine without the ``dask`` extra raises
:class:`analyzer.errors.MissingExtraError`.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any, Self

from analyzer.batch import BatchOptions, FileResult, default_workers
from analyzer.errors import MissingExtraError, SkillgapError

DASK_EXTRA = "the dask engine needs: pip install 'skillgap[dask]'"
# Tasks handed to the scheduler per worker thread at a time: enough that no worker waits for the
# next path, few enough that a million paths are never all futures at once.
TASKS_PER_THREAD = 4
# A cluster that reports no threads yet (workers still joining) still gets this many tasks.
MIN_TASKS_IN_FLIGHT = 8


def dask_available() -> bool:
    """Whether the ``dask`` extra (dask distributed) is installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def local_cluster(workers: int) -> Any:
    """A Dask cluster on this machine as the engine starts it: ``workers`` processes of one thread.

    Its workers are not daemonic processes, because each starts an isolation process (which a
    daemonic process may not); workers started with ``dask worker`` need the same setting.
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )


class DaskEngine:
    """Runs files on a Dask cluster: a new local cluster, or the scheduler at ``scheduler``.

    A local cluster has ``workers`` processes (default: all cores) of one thread each; a remote
    scheduler's workers must be started with the ``dask`` extra installed and see the files at
    the paths given. The cluster starts on the first :meth:`results` and ends with :meth:`close`
    (a scheduler given by address is left running).
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        if not dask_available():
            raise MissingExtraError("dask", DASK_EXTRA)
        self.workers = workers
        self.scheduler = scheduler
        self._client: Any = None
        self._cluster: Any = None

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        from distributed import Client

        if self.scheduler is None:
            self._cluster = local_cluster(self.workers or default_workers())
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(self.scheduler, timeout="30s")
            except OSError as error:
                raise SkillgapError(self.scheduler, f"cannot reach the Dask scheduler ({error})") from None
        return self._client

    def results(self, paths: Sequence[str], options: BatchOptions) -> Iterator[FileResult]:
        """One result per path, as each finishes on the cluster (in any order)."""
        if not paths:
            return
        from distributed import as_completed

        from analyzer.dask_worker import IsolationPlugin, analyze_on_worker

        client = self._connect()
        plugin_name = f"skillgap-{uuid.uuid4().hex}"
        client.register_plugin(IsolationPlugin(options), name=plugin_name)
        threads = sum(client.nthreads().values())
        in_flight = max(MIN_TASKS_IN_FLIGHT, TASKS_PER_THREAD * threads)
        remaining = iter(paths)
        path_of: dict[Any, str] = {}

        def submit_next() -> Any:
            path = next(remaining, None)
            if path is None:
                return None
            future = client.submit(analyze_on_worker, path, plugin_name, pure=False)
            path_of[future] = path
            return future

        first = [future for future in (submit_next() for _ in range(in_flight)) if future is not None]
        finished = as_completed(first)
        try:
            for future in finished:
                path = path_of.pop(future)
                yield _outcome(future, path)
                following = submit_next()
                if following is not None:
                    finished.add(following)
        finally:
            client.cancel(list(path_of))
            # The plugin's teardown ends the workers' isolation processes; a worker already lost
            # has none left, and must not keep the run from ending.
            with contextlib.suppress(Exception):
                client.unregister_worker_plugin(plugin_name)

    def close(self) -> None:
        """End the local cluster (a remote scheduler and its workers keep running)."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _outcome(future: Any, path: str) -> FileResult:
    """A finished task's result; a task whose Dask worker was lost fails only its file."""
    try:
        result: FileResult = future.result()
    except SkillgapError:
        # Not a file's problem (the taxonomy would not load on a worker): the run cannot go on.
        raise
    except Exception as error:  # noqa: BLE001 - a lost worker costs only this file
        return FileResult(
            path, "failed", None, f"the Dask worker analyzing it was lost ({type(error).__name__})"
        )
    return result
