"""Choosing where a folder's files run: this machine's worker processes, or a Dask cluster."""

from __future__ import annotations

from analyzer.batch import Engine, LocalEngine
from analyzer.errors import UsageError

ENGINES = ("local", "dask")


def make_engine(name: str = "local", *, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called ``name``: ``local`` (``workers`` processes here) or ``dask`` (a local
    cluster of ``workers`` processes, or the Dask scheduler at ``scheduler``)."""
    if name == "local":
        if scheduler is not None:
            raise UsageError("scheduler", "a scheduler address is for the dask engine")
        return LocalEngine(workers)
    if name == "dask":
        from analyzer.dask_engine import DaskEngine

        return DaskEngine(workers, scheduler)
    raise UsageError(name, f"unknown engine; choose one of: {', '.join(ENGINES)}")
