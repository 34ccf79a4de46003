"""Versioned indices behind aliases; a rebuild switches the alias with no failed search."""

import threading

from legal_search import indices
from legal_search.mapping import index_body


def test_ensure_creates_versioned_indices_behind_aliases(client, settings):
    made = indices.ensure(client, settings)
    assert made == {settings.docs_alias: f"{settings.docs_alias}-v1",
                    settings.procedures_alias: f"{settings.procedures_alias}-v1"}
    assert indices.ensure(client, settings) == made  # idempotent
    mapping = client.indices.get_mapping(index=settings.docs_alias)
    meta = next(iter(mapping.values()))["mappings"]["_meta"]
    assert meta["kind"] == "docs" and meta["mapping_version"] >= 1


def test_drop_removes_only_this_projects_indices(client, settings):
    indices.ensure(client, settings)
    client.indices.create(index=f"{settings.index_prefix}-unrelated")
    dropped = indices.drop(client, settings)
    assert sorted(dropped) == sorted([f"{settings.docs_alias}-v1", f"{settings.procedures_alias}-v1"])
    assert client.indices.exists(index=f"{settings.index_prefix}-unrelated")
    assert indices.current_index(client, settings.docs_alias) is None


def test_stats_counts_records(client, settings):
    indices.ensure(client, settings)
    client.index(index=settings.docs_alias, id="a", body={"record": "document", "doc_id": "a"}, refresh=True)
    client.index(index=settings.docs_alias, id="a~dieu-1", body={"record": "article", "doc_id": "a"},
                 refresh=True)
    st = indices.stats(client, settings)[settings.docs_alias]
    assert st["records"] == 2 and st["documents"] == 1 and st["articles"] == 1


def test_rebuild_switches_alias_without_failed_searches(client, settings):
    indices.ensure(client, settings)
    for i in range(300):
        client.index(index=settings.docs_alias, id=str(i), body={"record": "document", "doc_id": str(i)})
    client.indices.refresh(index=settings.docs_alias)
    errors, counts, stop = [], [], threading.Event()

    def searcher():
        while not stop.is_set():
            try:
                counts.append(client.count(index=settings.docs_alias)["count"])
            except Exception as exc:  # any failure during the switch is the bug we test for
                errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(2)]
    for t in threads:
        t.start()
    old, new, copied = indices.rebuild(client, settings, "docs")
    stop.set()
    for t in threads:
        t.join()
    assert (old, new, copied) == (f"{settings.docs_alias}-v1", f"{settings.docs_alias}-v2", 300)
    assert errors == []
    assert counts and set(counts) == {300}
    assert indices.current_index(client, settings.docs_alias) == new
    assert not client.indices.exists(index=old)


def test_an_index_from_an_older_mapping_gains_the_new_fields(client, settings):
    from legal_search.mapping import MAPPING_VERSION, index_body

    body = index_body("docs")
    del body["mappings"]["properties"]["issuers"]
    body["mappings"]["properties"]["heading"]["term_vector"] = "with_offsets"  # a setting that differs
    body["mappings"]["_meta"]["mapping_version"] = MAPPING_VERSION - 1
    client.indices.create(index=f"{settings.docs_alias}-v1", body=body)
    client.indices.put_alias(index=f"{settings.docs_alias}-v1", name=settings.docs_alias)
    indices.ensure(client, settings)
    mapping = client.indices.get_mapping(index=settings.docs_alias)[f"{settings.docs_alias}-v1"]["mappings"]
    assert "issuers" in mapping["properties"]
    assert mapping["properties"]["heading"]["term_vector"] == "with_offsets"  # left as it was
    assert mapping["_meta"]["mapping_version"] == MAPPING_VERSION


def test_only_the_display_fields_keep_term_vectors():
    """The highlighter reads the display field alone (``relevance.highlight_query``): term
    vectors on ``_canon``/``_folded`` would cost indexing time and space for nothing."""
    for kind in ("docs", "procedures"):
        props = index_body(kind)["mappings"]["properties"]
        with_vectors = {name for name, spec in props.items() if "term_vector" in spec}
        assert with_vectors == {"body"}, (kind, with_vectors)
