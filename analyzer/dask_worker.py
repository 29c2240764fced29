"""The Dask worker's side of :mod:`analyzer.dask_engine` (imported only where Dask is installed).

A worker plugin gives every Dask worker thread its own one-process isolation pool, the same pool
the local engine runs files in: its process loads spaCy and the taxonomy once when the run
begins, and a file that hangs, crashes or exceeds its memory costs only that file (the process is
replaced, the Dask worker lives on).
"""

from __future__ import annotations

import multiprocessing
import queue
from typing import Any

from distributed import WorkerPlugin, get_worker

from analyzer.batch import BatchOptions, FileResult, _Pool, _schedule
from analyzer.errors import UsageError


class IsolationPlugin(WorkerPlugin):
    """Holds the worker's isolation pools for one run's options; they end with the run."""

    # Made on each worker by setup: the plugin travels there with its options only.
    pools: queue.SimpleQueue[_Pool]
    started: list[_Pool]

    def __init__(self, options: BatchOptions) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        self.pools = queue.SimpleQueue()
        self.started = []
        if multiprocessing.current_process().daemon:
            raise UsageError(
                "dask worker",
                "a daemonic worker cannot start the per-file isolation process; "
                "start workers with DASK_DISTRIBUTED__WORKER__DAEMON=False",
            )
        for _ in range(max(1, worker.state.nthreads)):
            pool = _Pool(1, self.options)
            self.started.append(pool)
            self.pools.put(pool)

    def teardown(self, worker: Any) -> None:
        for pool in self.started:
            pool.close()

    def analyze(self, location: str) -> FileResult:
        """The file's result from an isolation pool no other thread is using."""
        pool = self.pools.get()
        try:
            return next(_schedule(pool, [location], self.options.timeout))
        finally:
            self.pools.put(pool)


def analyze_on_worker(location: str, plugin_name: str) -> FileResult:
    """The task sent for each file: its location and the name of the run's plugin, never bytes."""
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, IsolationPlugin)
    return plugin.analyze(location)
