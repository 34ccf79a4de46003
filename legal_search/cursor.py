"""Opaque paging cursors: base64url JSON carrying where the next page starts and a fingerprint of
the query it belongs to, so a cursor replayed with other parameters is a 400, not wrong results.

OpenSearch 2.19 refuses ``collapse`` together with ``search_after`` ("cannot use `collapse` in
conjunction with `search_after`"), so document results (collapsed on ``doc_id``) page by offset
within the index's result window, while article results page with ``search_after`` on a sort
that ends with a unique tiebreaker (``doc_id``, ``anchor``) and so go arbitrarily deep.
"""

from __future__ import annotations

import base64
import hashlib
import json

from legal_search.errors import QueryError


def fingerprint(parts: dict) -> str:
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def encode(fp: str, *, offset: int | None = None, after: list | None = None) -> str:
    payload: dict = {"f": fp}
    if offset is not None:
        payload["o"] = offset
    if after is not None:
        payload["a"] = after
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str, fp: str) -> dict:
    """The cursor's payload; QueryError (param ``cursor``) when it is malformed or belongs to
    another query."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        ok = isinstance(payload, dict) and isinstance(payload.get("f"), str)
        ok = ok and (isinstance(payload.get("o"), int) or isinstance(payload.get("a"), list))
    except (ValueError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise QueryError("the cursor is not valid; start again without it", param="cursor")
    if payload["f"] != fp:
        raise QueryError("the cursor belongs to another query or other filters; start again without it",
                         param="cursor")
    return payload
