"""The errors a user can cause, each worded for that user, and the exit codes they map to.

The CLI prints ``str(error)`` as one line and exits with ``error.exit_code``; library users catch
:class:`SkillgapError` (or a subclass) and decide for themselves.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, the contract of DESIGN.md."""

    OK = 0
    INPUT_FAILED = 1
    USAGE = 2
    # Stopped by Ctrl-C (SIGINT): 128 + the signal's number, as shells report it.
    INTERRUPTED = 130


class SkillgapError(Exception):
    """Base class: something about the input or the request that the user can fix."""

    exit_code: ExitCode = ExitCode.INPUT_FAILED

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Errors cross process boundaries (batch workers, the reading child) by pickling.
        return (self.__class__, (self.source, self.message))


class UsageError(SkillgapError):
    """A request that cannot be carried out as asked (an unknown engine, say)."""

    exit_code = ExitCode.USAGE


class InputNotFoundError(UsageError):
    """The path does not exist."""


class NotAFileError(UsageError):
    """The path exists but is a directory or something else that is not a regular file."""


class UnreadableInputError(SkillgapError):
    """The file exists but could not be read (permissions, I/O error)."""


class UnsupportedFormatError(SkillgapError):
    """The content is not a format we read, or does not agree with the file's extension."""


class DamagedPdfError(SkillgapError):
    """The file claims to be a PDF but its structure cannot be parsed."""


class DamagedDocumentError(SkillgapError):
    """A Word document (or image) whose structure cannot be read: truncated, malformed or refused."""


class EncryptedPdfError(SkillgapError):
    """The PDF is encrypted and no (correct) password was given."""


class NoTextLayerError(SkillgapError):
    """The PDF has pages but no extractable text: a scan or an image export that needs OCR."""


class ResourceLimitError(SkillgapError):
    """The file is larger, longer, slower or hungrier than the limits allow."""


class MissingExtraError(UsageError):
    """A feature needs an optional extra (``pip install 'skillgap[dask]'``) that is not installed."""


class TaxonomyError(UsageError):
    """A taxonomy file is malformed or inconsistent."""


class UnknownPathError(UsageError):
    """A requested path id is not in the taxonomy."""


class UnknownTaxonomyIdError(UsageError):
    """No path, competency or skill has the requested id."""


class OutputError(UsageError):
    """The output file cannot be used: unknown type, unwritable, or unreadable to resume."""


class OutputExistsError(OutputError):
    """The output already holds results, and the run was asked neither to resume nor to overwrite."""


class OutputInUseError(UsageError):
    """Another run holds the output."""


class WorkerError(SkillgapError):
    """The batch's worker processes could not start or load the taxonomy."""


class CorpusError(UsageError):
    """A folder to score is not a labelled corpus: missing folders or malformed labels."""
