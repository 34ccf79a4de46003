"""Errors that carry their HTTP status and a message for a person, rendered by one handler
in the API, the web pages and the CLI. Never flags or tuples."""

from __future__ import annotations


class LegalSearchError(Exception):
    status_code = 500

    def __init__(self, message: str, *, param: str | None = None):
        super().__init__(message)
        self.message = message
        self.param = param

    def to_dict(self) -> dict:
        body = {"error": type(self).__name__, "message": self.message}
        if self.param:
            body["param"] = self.param
        return body


class QueryError(LegalSearchError):
    """Bad input from a user: a parameter, a date, a query."""

    status_code = 400


class NotFound(LegalSearchError):
    status_code = 404


class SearchUnavailable(LegalSearchError):
    """OpenSearch cannot be reached or answers with a server error."""

    status_code = 503


class NodeError(LegalSearchError):
    """The local node cannot be installed, started or stopped (port in use, Java missing…)."""

    status_code = 500
