"""The local node commands: clear errors for the usual mistakes, install is idempotent."""

import socket

import pytest

from legal_search import node
from legal_search.errors import NodeError
from legal_search.settings import Settings


def test_install_twice_is_a_no_op(base_settings):
    messages = []
    target = node.install(base_settings, echo=messages.append)
    assert (target / "bin" / "opensearch").exists()
    assert "already installed" in messages[-1]


def test_port_in_use_is_named(base_settings, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        settings = base_settings.model_copy(update={"home": tmp_path})
        with pytest.raises(NodeError, match=f"port {port} is already in use"):
            node.start(settings, port=port, echo=lambda m: None)


def test_java_missing_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(NodeError, match="Java was not found"):
        node.find_java_home(Settings(java_home=None))


def test_maven_missing_is_reported(monkeypatch, tmp_path):
    settings = Settings(cache_dir=tmp_path / "empty-cache")
    monkeypatch.setattr(node.shutil, "which", lambda name: None if name == "mvn" else "/usr/bin/" + name)
    monkeypatch.setattr(node, "find_java_home", lambda s: tmp_path)
    with pytest.raises(NodeError, match="Maven \\(mvn\\) was not found"):
        node.install(settings, echo=lambda m: None)


def test_node_config_binds_loopback_and_names_cluster(tmp_path):
    plan = node.layouts(Settings(home=tmp_path), nodes=3, port=9500)
    yml = node._node_yml(plan[1], plan, "c")
    assert "network.host: 127.0.0.1" in yml
    assert "http.port: 9501" in yml and "transport.port: 9601" in yml
    assert '"127.0.0.1:9600", "127.0.0.1:9601", "127.0.0.1:9602"' in yml
    assert "discovery.type" not in yml
    assert "discovery.type: single-node" in node._node_yml(plan[0], plan[:1], "c")


def test_another_opensearch_on_the_port_is_not_taken_for_ours(base_settings, tmp_path):
    """A second start whose port is answered by someone else's node must not use that node."""
    other = base_settings.model_copy(update={"home": tmp_path})
    plan = node.layouts(other, nodes=1, port=base_settings.node_port)
    assert node.cluster_name(plan) != node.cluster_name(node.layouts(base_settings, 1, base_settings.node_port))
    with pytest.raises(NodeError, match="already in use"):
        node._wait_healthy(plan, timeout=10)


def test_node_java_opts_reach_the_jvm(base_settings):
    from legal_search.client import make_client

    if not base_settings.node_java_opts:
        pytest.skip("the suite runs against an external cluster (LEGAL_SEARCH_TEST_OPENSEARCH_URL)")
    jvm = make_client(base_settings).nodes.info(metric="jvm")["nodes"]
    args = [a for n in jvm.values() for a in n["jvm"]["input_arguments"]]
    assert "-Dlegal_search.test_node=true" in args and "-Xmx1g" in args
