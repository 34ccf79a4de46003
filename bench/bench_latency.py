"""Latency under load (issue 6): 20 concurrent clients against the API (uvicorn, real HTTP) and
the same queries sent directly to OpenSearch, interleaved in the same run. Writes
bench/results/latency.json and the latency section of bench/README.md.

    legal-search node start --port 9600
    LEGAL_SEARCH_OPENSEARCH_URL=http://127.0.0.1:9600 LEGAL_SEARCH_INDEX_PREFIX=bench \\
        legal-search ingest /work/shared/data                 # once: everything in the shared data
    .venv/bin/python bench/bench_latency.py [--seconds 60] [--clients 20]

The query mix is drawn from the relevance development set (real headings with and without
diacritics, document numbers in several spellings, "Điều N" references, procedure names) with
filters, other kinds and second pages mixed in (see ``MIX``). The direct requests are the
bodies the API would send (built before the run), posted to ``_search``/``_msearch`` by the same
client code, so the difference is what the API adds: analysis, building, parsing, JSON, HTTP.
Both sides run in alternating slices (API, direct, API, …) so the shared machine's load falls
on both alike; the load average is recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from readme_section import write_section  # noqa: E402

from legal_search import procedures  # noqa: E402
from legal_search.search import SearchParams, build  # noqa: E402

DEVSET = ROOT / "bench/results/relevance_devset.json"
RESULTS = ROOT / "bench/results/latency.json"
README = ROOT / "bench/README.md"
# (weight, what): a citizen/lawyer mix; filters and kinds on top of real queries
MIX = [(30, "heading"), (15, "heading_folded"), (10, "number"), (10, "article_ref"), (5, "procedure_folded"),
       (10, "filtered"), (8, "articles"), (7, "all"), (5, "page2")]


def queries(n: int, seed: int) -> list[dict]:
    sets = json.loads(DEVSET.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    kinds = [k for w, k in MIX for _ in range(w)]
    out = []
    for _ in range(n):
        what = rng.choice(kinds)
        src = {"filtered": "heading", "articles": "heading", "all": "procedure_folded", "page2": "heading_folded"}
        item = rng.choice(sets[src.get(what, what)])
        params: dict = {"q": item["q"]}
        if item["kind"] == "articles" and what in ("article_ref", "articles"):
            params["kind"] = "articles"
        if item["kind"] == "procedures":
            params["kind"] = "all" if what == "all" else "procedures"
        if what == "filtered":
            params.update(rng.choice([{"type": "Luật"}, {"type": ["Nghị định", "Thông tư"]}, {"year": "2015"},
                                      {"issued_from": "2015-01-01"}]))
        if what == "page2":
            params["page"] = 2
        out.append(params)
    return out


def direct_request(params: dict, prefix: str) -> tuple[str, dict | str]:
    """(path, body) of what the API sends OpenSearch for these parameters."""
    p = SearchParams(**{k: ([v] if k in ("type", "year") and isinstance(v, str) else v) for k, v in params.items()})
    p.validate_values()
    if p.kind == "procedures":
        return f"/{prefix}-procedures/_search", procedures.build_for(p)
    body = build(p)
    if p.kind != "all":
        return f"/{prefix}-docs/_search", body
    lines = [{"index": f"{prefix}-docs"}, body, {"index": f"{prefix}-procedures"}, procedures.build_for(p)]
    return "/_msearch", "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)


async def slice_run(client: httpx.AsyncClient, make, n_clients: int, seconds: float, stats: dict) -> None:
    deadline = time.monotonic() + seconds

    async def worker(i: int) -> None:
        k = i
        while time.monotonic() < deadline:
            method, url, kwargs = make(k)
            k += n_clients
            t0 = time.perf_counter()
            try:
                resp = await client.request(method, url, **kwargs)
                ok = resp.status_code == 200 and (b'"error"' not in resp.content[:200])
            except httpx.HTTPError:
                ok = False
            stats["lat"].append(time.perf_counter() - t0)
            stats["errors"] += 0 if ok else 1

    await asyncio.gather(*(worker(i) for i in range(n_clients)))


def summary(stats: dict, seconds: float) -> dict:
    lat = sorted(stats["lat"])
    pct = lambda p: round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000, 1)  # noqa: E731
    return {"requests": len(lat), "errors": stats["errors"], "qps": round(len(lat) / seconds, 1),
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "max_ms": round(lat[-1] * 1000, 1)}


async def measure(api_url: str, os_url: str, prefix: str, qs: list[dict], args) -> dict:
    prepared = [direct_request(q, prefix) for q in qs]

    def api_call(k: int):
        return "GET", f"{api_url}/api/search", {"params": qs[k % len(qs)]}

    def os_call(k: int):
        path, body = prepared[k % len(prepared)]
        if isinstance(body, str):
            return "POST", os_url + path, {"content": body.encode(), "headers": {"content-type": "application/x-ndjson"}}
        return "POST", os_url + path, {"json": body}

    limits = httpx.Limits(max_connections=args.clients * 2, max_keepalive_connections=args.clients * 2)
    stats = {"api": {"lat": [], "errors": 0}, "direct": {"lat": [], "errors": 0}}
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        for call in (api_call, os_call):  # warm both paths (caches, JIT, pyvi)
            await slice_run(client, call, args.clients, 5, {"lat": [], "errors": 0})
        per = args.seconds / args.slices
        for _ in range(args.slices):
            await slice_run(client, api_call, args.clients, per, stats["api"])
            await slice_run(client, os_call, args.clients, per, stats["direct"])
    return {side: summary(s, args.seconds) for side, s in stats.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_api(os_url: str, prefix: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, LEGAL_SEARCH_OPENSEARCH_URL=os_url, LEGAL_SEARCH_INDEX_PREFIX=prefix)
    proc = subprocess.Popen([sys.executable, "-m", "legal_search.cli", "serve", "--port", str(port)], env=env,
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the API did not come up")


def write_readme(out: dict) -> None:
    start, end = "<!-- latency:start -->", "<!-- latency:end -->"
    a, d = out["api"], out["direct"]
    rows = "\n".join(f"| {name} | {s['requests']} | {s['qps']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | "
                     f"{s['errors']} |" for name, s in (("API (uvicorn, HTTP)", a), ("OpenSearch directly", d)))
    section = f"""{start}
## Latency under load (`bench_latency.py`)

`.venv/bin/python bench/bench_latency.py` serves the API with uvicorn (`legal-search serve`, one
process) over an index of all of `/work/shared/data` ({out['index_records']} records), and runs
{out['clients']} concurrent clients for {out['seconds']} s against it and {out['seconds']} s directly
against OpenSearch with the bodies the API would send, alternating in {out['slices']} slices so both
see the same machine. Query mix (`MIX`): real Pháp điển headings with and without diacritics,
numbers in several spellings, "Điều N" references, procedure names, filters, `kind=articles`,
`kind=all`, second pages. Results: `bench/results/latency.json`. Bar (issue 6): errors 0, API p95
at most 1.2 × direct p95.

Last run ({out['date']}, OpenSearch {out['opensearch']}, {out['cpus']} cores shared with other work;
load average before {out['load_before']}, after {out['load_after']}):

| | requests | queries/s | p50 ms | p95 ms | p99 ms | errors |
|---|---|---|---|---|---|---|
{rows}

API p95 / direct p95 = **{out['p95_ratio']}** (bar 1.2): {'met' if out['bar_met'] else 'NOT met'}.
{out.get('notes', '')}
{end}"""
    write_section(section, "latency", README)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default=os.environ.get("LEGAL_SEARCH_OPENSEARCH_URL", "http://127.0.0.1:9600"))
    ap.add_argument("--prefix", default="bench")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--slices", type=int, default=6)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--notes", default="")
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    os_url = args.url.rstrip("/")
    port = free_port()
    api = start_api(os_url, args.prefix, port)
    try:
        load_before = os.getloadavg()
        res = asyncio.run(measure(f"http://127.0.0.1:{port}", os_url, args.prefix, queries(2000, args.seed), args))
        load_after = os.getloadavg()
    finally:
        api.terminate()
        api.wait(timeout=30)
    info = httpx.get(os_url).json()
    count = httpx.get(f"{os_url}/{args.prefix}-*/_count").json()["count"]
    ratio = round(res["api"]["p95_ms"] / res["direct"]["p95_ms"], 3)
    out = {"date": time.strftime("%Y-%m-%d %H:%M"), "opensearch": info["version"]["number"], "cpus": os.cpu_count(),
           "clients": args.clients, "seconds": args.seconds, "slices": args.slices, "index_records": count,
           "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
           **res, "p95_ratio": ratio,
           "bar_met": ratio <= 1.2 and res["api"]["errors"] == 0 and res["direct"]["errors"] == 0,
           "notes": args.notes}
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not args.no_readme:
        write_readme(out)
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
