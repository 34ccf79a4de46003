"""Import throughput on the whole of ../shared/data, beside the analysis step alone.

1. Analysis alone: every document and procedure of the shared data is read and extracted once
   (not timed; one copy of each document, the one the importer keeps), then turned into index
   records (normalise, segment, fold) with the same process pool the importer uses, nothing
   sent anywhere: documents/s and MB/s of text.
2. The importer: ``legal-search ingest ../shared/data --force`` in a subprocess against a real
   node, into fresh indices: wall time, documents/s, MB/s of input files, peak memory of the
   importer process and of its whole process tree (sampled every 0.2 s). Run twice: on the
   freshly started node (the bar), then again into other fresh indices of the same node, whose
   JVM has compiled its indexing code by then (what a long-running node gives).

Bar (issue 4): the importer reaches >= 70% of the analysis-alone rate, with the importer < 2 GB.
Usage: bench/bench_ingest.py [--workers N] [--data PATH] [--port P] [--results FILE]
Starts its own node on --port unless LEGAL_SEARCH_OPENSEARCH_URL is set; stops it afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.pipeline import _items, _pool, _prepare, _richness, expand_inputs, record_key  # noqa: E402
from ingest.journal import Journal  # noqa: E402
from ingest.report import IngestReport  # noqa: E402
from legal_search import node  # noqa: E402
from legal_search.model import LegalDocument  # noqa: E402
from legal_search.settings import Settings  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "ingest.json"


def text_bytes(obj) -> int:
    if isinstance(obj, LegalDocument):
        return len(obj.text.encode()) if obj.text else sum(len(a.text.encode()) for a in obj.articles)
    return len(json.dumps(obj.model_dump(mode="json"), ensure_ascii=False).encode())


def analysis_alone(data: str, workers: int) -> dict:
    files, _ = expand_inputs([data])
    report = IngestReport()
    kept: dict[str, object] = {}  # what the importer indexes: one copy per document, the richest
    for it in _items(files, Journal(None, "", {}), report):
        if it.obj is None:
            continue
        key = record_key(it.obj)
        if key not in kept or _richness(it.obj) > _richness(kept[key]):
            kept[key] = it.obj
    objs = list(kept.values())
    size = sum(text_bytes(o) for o in objs)
    args = [(o, "docs", "procs") for o in objs]
    start = time.monotonic()
    records = 0
    with _pool(workers, files) as pool:
        for out in pool.imap(_prepare, args, chunksize=2):
            records += len(out.lines) if not isinstance(out, str) else 0
    secs = time.monotonic() - start
    return {"documents": len(objs), "records": records, "text_mb": size / 1e6, "seconds": secs,
            "docs_per_s": len(objs) / secs, "text_mb_per_s": size / 1e6 / secs}


def _tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of pid, RSS of pid and all its descendants) in bytes."""
    def rss(p):
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss(p)
        todo += children.get(p, [])
    return rss(pid), total


def importer(data: str, workers: int, env: dict) -> dict:
    report = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    cmd = [str(ROOT / ".venv" / "bin" / "legal-search"), "ingest", data, "--force", "--workers", str(workers),
           "--report", str(report)]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, peak_tree, stop = [0], [0], threading.Event()

    def sample():
        while not stop.is_set():
            own, tree = _tree_rss(proc.pid)
            peak[0], peak_tree[0] = max(peak[0], own), max(peak_tree[0], tree)
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    secs = time.monotonic() - start
    stop.set()
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    report.unlink()
    counts = {}
    for r in rows:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    # documents, not inputs: the parts of a document in several files count once
    docs = len({i for r in rows if r["outcome"] in ("indexed", "updated", "unchanged") for i in r["ids"]})
    input_mb = sum(p.stat().st_size for p in expand_inputs([data])[0]) / 1e6
    return {"exit_code": proc.returncode, "inputs": len(rows), "outcomes": counts, "documents": docs,
            "seconds": secs, "docs_per_s": docs / secs, "input_mb": input_mb, "input_mb_per_s": input_mb / secs,
            "peak_rss_mb": peak[0] / 1e6, "peak_tree_rss_mb": peak_tree[0] / 1e6,
            "stdout_tail": out.strip().splitlines()[-1:], "failures": [r for r in rows if r["outcome"] == "failed"][:10]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--port", type=int, default=9800)
    ap.add_argument("--results", type=Path, default=RESULTS, help="where to write the JSON results")
    args = ap.parse_args()
    if not Path(args.data).is_dir():
        ap.error(f"--data {args.data}: no such folder (the shared data, or one made by bench/make_many_files.py)")
    env = dict(os.environ, LEGAL_SEARCH_INDEX_PREFIX=f"bench{int(time.time())}")
    started = None
    if not env.get("LEGAL_SEARCH_OPENSEARCH_URL"):
        home = Path(tempfile.mkdtemp(prefix="legal-search-bench-"))
        home.chmod(0o755)
        started = Settings(home=home, node_port=args.port, node_heap="2g")
        node.start(started, port=args.port, echo=lambda m: print(m, file=sys.stderr))
        env["LEGAL_SEARCH_OPENSEARCH_URL"] = f"http://127.0.0.1:{args.port}"
    try:
        print("analysis alone…", file=sys.stderr)
        alone = analysis_alone(args.data, args.workers)
        print(json.dumps(alone), file=sys.stderr)
        if not alone["documents"]:
            raise SystemExit(f"{args.data}: no document to import there; nothing to measure")
        print("importer, fresh node…", file=sys.stderr)
        full = importer(args.data, args.workers, env)
        print(json.dumps({k: full[k] for k in ("seconds", "docs_per_s")}), file=sys.stderr)
        print("importer again, same node, fresh indices…", file=sys.stderr)
        again = importer(args.data, args.workers, dict(env, LEGAL_SEARCH_INDEX_PREFIX=env["LEGAL_SEARCH_INDEX_PREFIX"] + "w"))
    finally:
        if started:
            node.stop(started, echo=lambda m: None)
    ratio = full["docs_per_s"] / alone["docs_per_s"]
    warm = again["docs_per_s"] / alone["docs_per_s"]
    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_avg_at_end": os.getloadavg()},
        "workers": args.workers, "analysis_alone": alone, "importer": full,
        "importer_vs_analysis": ratio,
        # the same import again into fresh indices of the same node: its JIT has warmed up
        "importer_warm_node": again, "importer_warm_node_vs_analysis": warm,
        "bars": {"ratio_ge_0.70": ratio >= 0.70, "importer_rss_lt_2gb": full["peak_rss_mb"] < 2000},
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
