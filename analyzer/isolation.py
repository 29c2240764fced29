"""Reading one file in a child process, under a time and a memory limit.

A hostile PDF (a decompression bomb, a maze of nested objects) must end within the limits and
never take the caller down with it. The child imports only pdfminer.six and sends back the read
document, so the parent can load spaCy and the taxonomy in the meantime: the limits cost almost
no time.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from analyzer.document import Document, read_document
from analyzer.errors import ResourceLimitError, SkillgapError
from analyzer.ocr import OcrSettings

# Seconds a reading child gets to stop after it is asked to, before it is killed.
KILL_GRACE = 1.0
# The exit code of a reading child that could not send its answer.
CHILD_FAILED = 3


@dataclass(frozen=True)
class Limits:
    """Resource limits for one file; None means no limit."""

    timeout: float | None = 60.0
    max_pages: int | None = 50
    max_size: int | None = 20 * 1024**2
    max_memory: int | None = 2 * 1024**3


def limit_memory(max_memory: int | None) -> None:
    """Cap this process's address space, where the platform allows it."""
    if not max_memory:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    except (ImportError, ValueError, OSError):  # not available here; the timeout still guards
        pass


def _read_in_child(
    connection: Connection, data: bytes, name: str, password: str, limits: Limits, ocr: OcrSettings | None
) -> None:
    # Whatever happens, the child ends here and says nothing on stderr: an exception escaping a
    # multiprocessing target (a MemoryError while sending the answer, say) would print
    # "Process ForkProcess-1:" and a traceback under the parent's one-line error. The parent
    # reads a missing answer as running out of memory.
    try:
        _read_and_answer(connection, data, name, password, limits, ocr)
        code = 0
    except BaseException:  # noqa: BLE001 - see above
        code = CHILD_FAILED
    os._exit(code)


def _read_and_answer(
    connection: Connection, data: bytes, name: str, password: str, limits: Limits, ocr: OcrSettings | None
) -> None:
    limit_memory(limits.max_memory)
    try:
        document = read_document(data, name, password=password, max_pages=limits.max_pages, ocr=ocr)
        connection.send(("ok", document))
    except SkillgapError as error:
        connection.send(("error", error))
    except MemoryError:
        connection.send(("memory", None))
    except RecursionError:
        connection.send(("damaged", "nested too deeply to read"))
    except Exception as error:  # noqa: BLE001 - reported as one line by the parent
        connection.send(("internal", error.__class__.__name__))
    finally:
        connection.close()


def _context() -> multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext:
    # Forking is fast and safe on Linux before spaCy is imported; elsewhere start afresh.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class PendingDocument:
    """A document being read in a child process; :meth:`result` waits for it."""

    def __init__(
        self, data: bytes, name: str, *, password: str, limits: Limits, ocr: OcrSettings | None = None
    ) -> None:
        self.name = name
        self.limits = limits
        self.started = time.monotonic()
        context = _context()
        self.connection, child = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_read_in_child, args=(child, data, name, password, limits, ocr), daemon=True
        )
        self.process.start()
        child.close()

    def cancel(self) -> None:
        """Stop reading; nothing is returned."""
        self.process.kill()
        self.process.join(KILL_GRACE)
        self.connection.close()

    def result(self) -> Document:
        """The document, or the reading's error; raises ResourceLimitError past a limit."""
        remaining = None
        if self.limits.timeout is not None:
            remaining = max(0.0, self.limits.timeout - (time.monotonic() - self.started))
        if not self.connection.poll(remaining):
            self.cancel()
            raise ResourceLimitError(
                self.name, f"took longer than {self.limits.timeout:g} s to read (raise --timeout)"
            )
        try:
            kind, payload = self.connection.recv()
        except (EOFError, OSError):
            self.process.join(KILL_GRACE)
            kind, payload = "memory", self.process.exitcode
        self.process.join(KILL_GRACE)
        self.connection.close()
        if kind == "ok":
            return payload
        if kind == "error":
            raise payload
        if kind == "memory":
            limit = self.limits.max_memory
            amount = f"{limit / 1024**2:.0f} MiB" if limit else "the available memory"
            raise ResourceLimitError(self.name, f"needs more than {amount} to read (raise --max-memory)")
        if kind == "damaged":
            from analyzer.errors import DamagedPdfError

            raise DamagedPdfError(self.name, f"damaged PDF, {payload}")
        raise SkillgapError(self.name, f"internal error while reading ({payload}); rerun with --debug")


def start_reading(
    data: bytes,
    name: str,
    *,
    password: str = "",
    limits: Limits | None = None,
    ocr: OcrSettings | None = None,
) -> PendingDocument:
    """Begin reading a file's bytes in a child process under the limits (which cover the OCR
    processes it starts too)."""
    return PendingDocument(data, name, password=password, limits=limits or Limits(), ocr=ocr)
