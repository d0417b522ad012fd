"""The named errors of alliance-kg; each message tells the user what to do."""
from __future__ import annotations


class KgError(Exception):
    """Base class: an error the user can act on (the CLI prints it and exits 1)."""


class InputError(KgError):
    """An article file or folder cannot be read or is not an article."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A query is unknown, malformed, refused (updates) or fails to run."""


class ValidationError(KgError):
    """The ontology or the SHACL shapes cannot be loaded."""


class SkippedInput(InputError):
    """An article left out on purpose (not in English, a duplicate): a warning, not a failure."""
