"""Shared fixtures: ONE real OpenSearch node per test run, started and stopped here.

With ``LEGAL_SEARCH_TEST_OPENSEARCH_URL`` set, tests use that cluster instead. There is no skip:
if the node cannot be started or reached, every integration test fails with the reason.
Each test works in its own uniquely named indices (a random index prefix) and deletes only those.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from legal_search import indices, node
from legal_search.client import make_client
from legal_search.settings import PROJECT_ROOT, Settings

SAMPLES = PROJECT_ROOT / "samples"


def free_port(start: int = 9250, span: int = 3) -> int:
    """A port p such that p..p+span-1 and their transport ports (+100) are free."""
    for base in range(start, start + 400, 10):
        if all(not node._port_in_use(p) and not node._port_in_use(p + node.TRANSPORT_OFFSET)
               for p in range(base, base + span)):
            return base
    raise RuntimeError("no free port range for a test OpenSearch node")


@contextlib.contextmanager
def _port_lock():
    with open(Path(tempfile.gettempdir()) / "legal-search-test-ports.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def node_home():
    home = Path(tempfile.mkdtemp(prefix="legal-search-test-"))
    os.chmod(home, 0o755)
    yield home
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def base_settings(node_home) -> Settings:
    url = os.environ.get("LEGAL_SEARCH_TEST_OPENSEARCH_URL")
    if url:
        yield Settings(opensearch_url=url, home=node_home)
        return
    with _port_lock():  # test runs started at the same time must not pick the same port
        port = free_port()
        settings = Settings(home=node_home, node_port=port, node_heap="1g", opensearch_url=None,
                            node_java_opts="-Dlegal_search.test_node=true")
        node.start(settings, nodes=1, port=port, echo=lambda m: None)
    yield settings
    node.stop(settings, echo=lambda m: None)


@pytest.fixture
def settings(base_settings) -> Settings:
    """Settings with a fresh index prefix; the test's indices are deleted afterwards."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    s = base_settings.model_copy(update={"index_prefix": prefix})
    yield s
    indices.delete_prefixed(make_client(s), prefix)


@pytest.fixture
def client(settings):
    return make_client(settings)


@dataclass
class Imported:
    settings: Settings
    report: object  # ingest.pipeline.IngestReport


@pytest.fixture(scope="session")
def samples(base_settings) -> Imported:
    """The samples imported once for the whole run, in their own indices."""
    from ingest.pipeline import ingest

    s = base_settings.model_copy(update={"index_prefix": f"samples{uuid.uuid4().hex[:6]}"})
    report = ingest(make_client(s), s, [str(SAMPLES)], workers=2)
    yield Imported(s, report)
    indices.delete_prefixed(make_client(s), s.index_prefix)
