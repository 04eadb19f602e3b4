"""The one family of errors graphkit raises; the CLI maps each to an exit code."""

from __future__ import annotations


class GraphkitError(Exception):
    """Base of every error graphkit raises on purpose (exit code 1 in the CLI)."""

    exit_code = 1


class OntologyError(GraphkitError):
    """A term is not declared in the ontology, or the ontology itself is malformed."""


class InvalidDataError(GraphkitError):
    """Input data is malformed; carries the source file and line where known."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = f"{self.source}:{self.line}: " if self.line else f"{self.source}: "
        return f"{where}{self.message}"


class IngestError(GraphkitError):
    """A document could not be ingested."""


class StoreError(GraphkitError):
    """The RDF store or a graph database could not be read or written."""


class QueryError(GraphkitError):
    """A query is malformed, refused, or failed in the engine."""


class EntityNotFoundError(GraphkitError):
    """A lookup found nothing (exit code 3); carries the nearest suggestions."""

    exit_code = 3

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        super().__init__(message)


class ValidationFailedError(GraphkitError):
    """Validation found problems in the graph (exit code 4)."""

    exit_code = 4
