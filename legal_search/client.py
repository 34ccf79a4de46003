"""The OpenSearch client, built from settings, and the one place that turns "cannot reach the
engine" into ``SearchUnavailable`` with the URL in the message."""

from __future__ import annotations

import orjson
from opensearchpy import JSONSerializer, OpenSearch
from opensearchpy import exceptions as os_exc

from legal_search.errors import LegalSearchError, SearchUnavailable
from legal_search.settings import Settings

UNAVAILABLE = (os_exc.ConnectionError, os_exc.ConnectionTimeout)


class FastJSON(JSONSerializer):
    """orjson for the responses: search answers with highlights and aggregations are parsed on
    every API request, and under load that parsing competes with OpenSearch for the cores."""

    def loads(self, s):
        return orjson.loads(s)


def make_client(settings: Settings) -> OpenSearch:
    kwargs: dict = {
        "hosts": [settings.url],
        "timeout": settings.opensearch_timeout,
        "max_retries": 2,
        "retry_on_timeout": True,
        "http_compress": False,
        # the API serves up to 40 requests at once from its thread pool: urllib3 keeps 10
        # connections by default and opens (and drops) a new one for every request beyond that
        "pool_maxsize": 32,
        "serializer": FastJSON(),
    }
    if settings.opensearch_user:
        kwargs["http_auth"] = (settings.opensearch_user, settings.opensearch_password or "")
    if settings.url.startswith("https"):
        kwargs["use_ssl"] = True
        kwargs["verify_certs"] = settings.opensearch_verify_certs
        kwargs["ssl_show_warn"] = settings.opensearch_verify_certs
        if settings.opensearch_ca_certs:
            kwargs["ca_certs"] = settings.opensearch_ca_certs
    return OpenSearch(**kwargs)


def unavailable(settings: Settings, exc: Exception | None = None) -> SearchUnavailable:
    detail = f" ({type(exc).__name__})" if exc else ""
    hint = "" if settings.uses_external_cluster else " (start it with: legal-search node start)"
    return SearchUnavailable(f"OpenSearch is not reachable at {settings.url}{detail}{hint}")


def check(client: OpenSearch, settings: Settings) -> dict:
    """Return the server's info or raise SearchUnavailable."""
    try:
        return client.info()
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    except os_exc.TransportError as exc:
        if isinstance(exc.status_code, int) and exc.status_code >= 500:
            raise SearchUnavailable(f"OpenSearch at {settings.url} answered {exc.status_code}") from None
        raise


def refusal(status: object, error: object) -> str:
    """A person's reading of a request OpenSearch refused: its status and error, and for a
    read-only index what to do about it."""
    err = error if isinstance(error, dict) else {"reason": str(error)}
    text = f"{status} {err.get('type', '')}: {err.get('reason', '')}".replace(" : ", ": ").strip()
    if "read-only" in text or "read_only" in text:
        text += (" (the index is read-only: the node's disk passed its flood-stage watermark, or a block was "
                 "set; free disk space, then lift it: PUT INDEX/_settings "
                 "{\"index.blocks.read_only_allow_delete\": null})")
    return text


def refusal_of(exc: os_exc.TransportError) -> str:
    """``refusal`` for a refused request that raised (a lost connection has no status)."""
    if not isinstance(exc.status_code, int):
        return "the node cannot be reached"
    info = exc.info if isinstance(exc.info, dict) else {}
    error = info.get("error", exc.error)
    if isinstance(error, dict) and error.get("root_cause"):
        error = error["root_cause"][0]
    return refusal(exc.status_code, error)


def refused(settings: Settings, exc: os_exc.TransportError) -> LegalSearchError:
    """``exc`` as an error for a person (the CLI prints its message)."""
    return LegalSearchError(f"OpenSearch at {settings.url} refused the request: {refusal_of(exc)}")
