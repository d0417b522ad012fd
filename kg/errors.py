"""The named errors of alliance-kg; each message tells the user what to do."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit status of `kg` (the contract: 0 success, 1 user error, 2 usage error)."""

    OK = 0
    USER_ERROR = 1       #: bad input, bad query, missing store, a file that failed, a graph that does not conform
    USAGE = 2            #: unknown command or option, a missing argument (click's own status)
    INTERRUPTED = 130    #: Ctrl-C (128 + SIGINT)


class KgError(Exception):
    """Base class: an error the user can act on (the CLI prints it and exits 1)."""


class InputError(KgError):
    """An article file or folder cannot be read or is not an article."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A query is unknown, malformed, refused (updates) or fails to run."""


class ViewError(KgError):
    """A view cannot be drawn (e.g. more nodes than a page may show)."""


class ValidationError(KgError):
    """The ontology or the SHACL shapes cannot be loaded."""


class SkippedInput(InputError):
    """An article left out on purpose (not in English, a duplicate): a warning, not a failure."""
