"""A local three-node cluster: one replica keeps every document findable with a node down."""

import shutil
import tempfile
from pathlib import Path

import pytest

from legal_search import indices, node
from legal_search.client import make_client
from legal_search.settings import Settings
from tests.conftest import _port_lock, free_port


@pytest.fixture(scope="module")
def cluster(base_settings):
    home = Path(tempfile.mkdtemp(prefix="legal-search-cluster-"))
    home.chmod(0o755)
    with _port_lock():
        port = free_port(start=9700, span=3)
        settings = Settings(home=home, cache_dir=base_settings.cache_dir, node_port=port, node_heap="512m",
                            index_prefix="cluster")
        node.start(settings, nodes=3, port=port, timeout=300, echo=lambda m: None)
    yield settings
    node.stop(settings, echo=lambda m: None)
    shutil.rmtree(home, ignore_errors=True)


def test_three_nodes_survive_losing_one(cluster):
    from opensearchpy import OpenSearch

    plan = node.layouts(cluster, nodes=3, port=cluster.node_port)
    client = OpenSearch(hosts=[f"http://127.0.0.1:{n.http_port}" for n in plan], max_retries=3)
    assert client.cluster.health()["number_of_nodes"] == 3
    index = indices.create_version(make_client(cluster), cluster, "docs")  # >1 data node: one replica
    assert client.indices.get_settings(index=index)[index]["settings"]["index"]["number_of_replicas"] == "1"
    docs = [{"record": "document", "doc_id": f"d{i}", "title": f"văn bản số {i}"} for i in range(60)]
    for d in docs:
        client.index(index=index, id=d["doc_id"], body=d)
    client.indices.refresh(index=index)
    client.cluster.health(index=index, wait_for_status="green")
    # Stop the node that holds the primary: the replica must take over.
    shards = client.cat.shards(index=index, format="json")
    primary_node = next(s["node"] for s in shards if s["prirep"] == "p")
    victim = next(n for n in plan if n.name == primary_node)
    assert node.stop_layout(victim)
    survivors = [n for n in plan if n is not victim]
    client = OpenSearch(hosts=[f"http://127.0.0.1:{n.http_port}" for n in survivors], max_retries=3)
    health = client.cluster.health(wait_for_nodes="2", wait_for_status="yellow")
    assert health["number_of_nodes"] == 2
    found = client.search(index=index, body={"query": {"match_all": {}}, "size": 100})
    assert {h["_id"] for h in found["hits"]["hits"]} == {d["doc_id"] for d in docs}
    assert client.count(index=index, body={"query": {"match": {"title": "văn bản"}}})["count"] == 60
