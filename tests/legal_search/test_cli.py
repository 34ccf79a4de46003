"""The CLI: clear one-line errors and non-zero exits, real output on the samples."""

import subprocess
import sys

from legal_search.settings import PROJECT_ROOT

CLI = [sys.executable, "-m", "legal_search.cli"]


def run(args, env_extra=None):
    import os

    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(CLI + args, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300)


def test_search_while_node_down_is_one_clear_line():
    proc = run(["search", "đất đai"], {"LEGAL_SEARCH_OPENSEARCH_URL": "http://127.0.0.1:9"})
    assert proc.returncode == 1
    assert "OpenSearch is not reachable at http://127.0.0.1:9" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_ingest_of_a_missing_path_fails_and_names_it(samples):
    env = {"LEGAL_SEARCH_OPENSEARCH_URL": samples.settings.url,
           "LEGAL_SEARCH_INDEX_PREFIX": samples.settings.index_prefix}
    proc = run(["ingest", "/no/such/folder"], env)
    assert proc.returncode == 1
    assert "/no/such/folder" in proc.stderr and "no such file" in proc.stderr


def test_search_prints_highlighted_hits(samples):
    env = {"LEGAL_SEARCH_OPENSEARCH_URL": samples.settings.url,
           "LEGAL_SEARCH_INDEX_PREFIX": samples.settings.index_prefix}
    proc = run(["search", "đất đai"], env)
    assert proc.returncode == 0, proc.stderr
    header, first = proc.stdout.splitlines()[1:3]
    assert header.split() == ["number", "type", "issued", "status", "title", "best", "article"]
    assert first.startswith("45/2013/QH13") and "Luật đất đai" in first
    assert "[đất đai]" in proc.stdout  # the phrase is marked whole


def test_reimport_reports_unchanged(samples, tmp_path):
    import json

    env = {"LEGAL_SEARCH_OPENSEARCH_URL": samples.settings.url,
           "LEGAL_SEARCH_INDEX_PREFIX": samples.settings.index_prefix}
    proc = run(["ingest", "samples/procedures", "--report", str(tmp_path / "rep.jsonl")], env)
    assert proc.returncode == 0, proc.stderr
    assert "unchanged 12" in proc.stdout
    lines = [json.loads(x) for x in (tmp_path / "rep.jsonl").read_text(encoding="utf-8").splitlines()]
    summary = json.loads((tmp_path / "rep.summary.json").read_text(encoding="utf-8"))
    assert len(lines) == summary["inputs"] == 12 and summary["outcomes"]["unchanged"] == 12
    assert summary["warnings"] == [] and summary["ok"] is True
    assert str(tmp_path / "rep.summary.json") in proc.stdout


def test_ingest_into_a_read_only_index_is_one_clear_line(client, settings, tmp_path):
    from legal_search import indices

    names = list(indices.ensure(client, settings).values())
    (tmp_path / "a.jsonl").write_text('{"number": "30/2020/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ", '
                                      '"title": "Về công tác văn thư", "issued_date": "2020-03-05", '
                                      '"text": "Điều 1. Phạm vi\\nVăn thư."}\n', encoding="utf-8")
    for name in names:  # what OpenSearch sets by itself when its disk passes the flood stage
        client.indices.put_settings(index=name, body={"index.blocks.read_only_allow_delete": True})
    try:
        proc = run(["ingest", str(tmp_path)], {"LEGAL_SEARCH_OPENSEARCH_URL": settings.url,
                                               "LEGAL_SEARCH_INDEX_PREFIX": settings.index_prefix})
    finally:
        for name in names:
            client.indices.put_settings(index=name, body={"index.blocks.read_only_allow_delete": None})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"OpenSearch at {settings.url} refused the request: 429" in proc.stderr
    assert "the index is read-only" in proc.stderr and "read_only_allow_delete" in proc.stderr
