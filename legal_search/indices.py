"""Versioned indices behind aliases: ``legal-docs`` → ``legal-docs-v1``.

A rebuild creates the next version from the current mapping, copies every record into it
(scroll + bulk: the plain distribution has no ``_reindex``), then moves the alias in one atomic
``_aliases`` request, so searches through the alias never see a missing or half-built index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from opensearchpy import OpenSearch, helpers
from opensearchpy import exceptions as os_exc

from legal_search.errors import LegalSearchError
from legal_search.mapping import MAPPING_VERSION, index_body
from legal_search.settings import Settings

KINDS = ("docs", "procedures")


def alias_for(settings: Settings, kind: str) -> str:
    return {"docs": settings.docs_alias, "procedures": settings.procedures_alias}[kind]


def versions(client: OpenSearch, alias: str) -> list[int]:
    try:
        names = client.indices.get(index=f"{alias}-v*", expand_wildcards="open").keys()
    except os_exc.NotFoundError:
        return []
    found = [re.fullmatch(rf"{re.escape(alias)}-v(\d+)", n) for n in names]
    return sorted(int(m.group(1)) for m in found if m)


def current_index(client: OpenSearch, alias: str) -> str | None:
    try:
        got = client.indices.get_alias(name=alias)
    except os_exc.NotFoundError:
        return None
    return sorted(got.keys())[-1] if got else None


def default_replicas(client: OpenSearch) -> int:
    """One replica when the cluster has more than one data node, none otherwise."""
    nodes = client.cluster.health()["number_of_data_nodes"]
    return 1 if nodes > 1 else 0


def create_version(client: OpenSearch, settings: Settings, kind: str, replicas: int | None = None) -> str:
    alias = alias_for(settings, kind)
    version = max(versions(client, alias), default=0) + 1
    name = f"{alias}-v{version}"
    if replicas is None:
        replicas = default_replicas(client)
    client.indices.create(index=name, body=index_body(kind, replicas=replicas))
    client.cluster.health(index=name, wait_for_status="yellow")
    return name


def ensure(client: OpenSearch, settings: Settings, replicas: int | None = None) -> dict[str, str]:
    """Create the versioned index and alias of each kind when missing, and bring an existing
    index's mapping up to date when the change is additive. Returns alias → index."""
    out = {}
    for kind in KINDS:
        alias = alias_for(settings, kind)
        index = current_index(client, alias)
        if index is None:
            index = create_version(client, settings, kind, replicas)
            client.indices.put_alias(index=index, name=alias)
        else:
            upgrade_mapping(client, index, kind)
        out[alias] = index
    return out


def upgrade_mapping(client: OpenSearch, index: str, kind: str) -> bool:
    """Add new fields to an index made by an older mapping version; a change that cannot be
    applied in place needs ``legal-search index rebuild``."""
    current = client.indices.get_mapping(index=index)[index]["mappings"]
    if current.get("_meta", {}).get("mapping_version", 0) >= MAPPING_VERSION:
        return False
    body = index_body(kind)["mappings"]
    # Only the fields it lacks: a changed setting of an existing field (term vectors, an
    # analyzer) cannot be applied in place, and the field as it is still works.
    have = current.get("properties", {})
    body["properties"] = {k: v for k, v in body["properties"].items() if k not in have}
    try:
        client.indices.put_mapping(index=index, body=body)
    except os_exc.RequestError as exc:
        raise LegalSearchError(f"index {index} was made by an older version of legal-search and cannot be "
                               f"updated in place ({exc.error}); run: legal-search index rebuild {kind}") from None
    return True


def drop(client: OpenSearch, settings: Settings) -> list[str]:
    """Delete every versioned index of the project (and so its aliases)."""
    dropped = []
    for kind in KINDS:
        alias = alias_for(settings, kind)
        for v in versions(client, alias):
            client.indices.delete(index=f"{alias}-v{v}")
            dropped.append(f"{alias}-v{v}")
    return dropped


def delete_prefixed(client: OpenSearch, prefix: str) -> list[str]:
    """Delete every index whose name starts with ``prefix-`` (by name: wildcard deletes are
    refused by the local node's ``action.destructive_requires_name``)."""
    try:
        names = sorted(client.indices.get(index=f"{prefix}-*", expand_wildcards="all").keys())
    except os_exc.NotFoundError:
        return []
    if names:
        client.indices.delete(index=",".join(names))
    return names


def stats(client: OpenSearch, settings: Settings) -> dict:
    out = {}
    for kind in KINDS:
        alias = alias_for(settings, kind)
        index = current_index(client, alias)
        if index is None:
            out[alias] = {"index": None}
            continue
        st = client.indices.stats(index=index, metric="docs,store")["indices"][index]["primaries"]
        entry = {"index": index, "records": st["docs"]["count"], "bytes": st["store"]["size_in_bytes"]}
        if kind == "docs":
            aggs = client.search(index=alias, body={"size": 0, "aggs": {"r": {"terms": {"field": "record"}}}})
            entry.update({b["key"] + "s": b["doc_count"] for b in aggs["aggregations"]["r"]["buckets"]})
        out[alias] = entry
    return out


def _scan(client: OpenSearch, index: str) -> Iterator[dict]:
    yield from helpers.scan(client, index=index, query={"query": {"match_all": {}}}, size=500,
                            scroll="5m", preserve_order=False)


def rebuild(client: OpenSearch, settings: Settings, kind: str,
            transform: Callable[[dict], dict] | None = None) -> tuple[str | None, str, int]:
    """Copy the current index into a new version with the current mapping, then switch the alias
    atomically and delete the old version. ``transform`` may rewrite each source on the way."""
    alias = alias_for(settings, kind)
    old = current_index(client, alias)
    new = create_version(client, settings, kind)
    client.indices.put_settings(index=new, body={"index": {"refresh_interval": "-1"}})
    copied = 0
    if old:
        actions = ({"_index": new, "_id": hit["_id"],
                    "_source": transform(hit["_source"]) if transform else hit["_source"]}
                   for hit in _scan(client, old))
        for ok, item in helpers.streaming_bulk(client, actions, chunk_size=500, max_chunk_bytes=10 << 20,
                                               raise_on_error=True):
            copied += ok
    client.indices.put_settings(index=new, body={"index": {"refresh_interval": "1s"}})
    client.indices.refresh(index=new)
    actions = [{"add": {"index": new, "alias": alias}}]
    if old:
        actions.insert(0, {"remove": {"index": old, "alias": alias}})
    client.indices.update_aliases(body={"actions": actions})
    if old:
        client.indices.delete(index=old)
    return old, new, copied
