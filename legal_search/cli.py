"""The ``legal-search`` command line: a thin shell over the library.

Every command has a help text with an example; errors print one clear line and exit non-zero.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from opensearchpy import exceptions as os_exc

from legal_search.client import UNAVAILABLE, check, make_client, refused, unavailable
from legal_search.errors import LegalSearchError
from legal_search.settings import PROJECT_ROOT, Settings, get_settings

app = typer.Typer(help="Search Vietnamese legal documents and administrative procedures on OpenSearch.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
node_app = typer.Typer(help="Run a local OpenSearch node (not needed with LEGAL_SEARCH_OPENSEARCH_URL).",
                       no_args_is_help=True)
index_app = typer.Typer(help="Manage the versioned indices behind the legal-docs and legal-procedures aliases.",
                        no_args_is_help=True)
app.add_typer(node_app, name="node")
app.add_typer(index_app, name="index")

Many = Annotated[Optional[list[str]], typer.Option()]


def _settings() -> Settings:
    return get_settings()


def _client(settings: Settings):
    client = make_client(settings)
    check(client, settings)
    return client


def _echo(msg: str, nl: bool = True) -> None:
    typer.echo(msg, err=True, nl=nl)


# ---------------------------------------------------------------- node

@node_app.command("install")
def node_install() -> None:
    """Fetch OpenSearch from Maven Central (with mvn) into the cache folder, once.

    Example: legal-search node install
    """
    from legal_search import node

    node.install(_settings(), echo=_echo)


@node_app.command("start")
def node_start(nodes: Annotated[int, typer.Option(help="number of local nodes forming one cluster")] = 1,
               port: Annotated[Optional[int], typer.Option(help="HTTP port of the first node")] = None) -> None:
    """Start a local OpenSearch node (installs it first if needed) and wait until it is healthy.

    Example: legal-search node start --nodes 3 --port 9200
    """
    from legal_search import node

    url = node.start(_settings(), nodes=nodes, port=port, echo=_echo)
    typer.echo(url)


@node_app.command("stop")
def node_stop(port: Annotated[Optional[int], typer.Option(help="only the cluster on this port")] = None) -> None:
    """Stop the local node(s) cleanly.

    Example: legal-search node stop
    """
    from legal_search import node

    node.stop(_settings(), port=port, echo=_echo)


@node_app.command("status")
def node_status(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show whether OpenSearch is up: version, health, nodes and document counts.

    Example: legal-search node status
    """
    from legal_search import indices

    settings = _settings()
    client = make_client(settings)
    try:
        info = client.info()
        health = client.cluster.health()
        counts = indices.stats(client, settings)
    except UNAVAILABLE:
        typer.echo(f"down: OpenSearch is not reachable at {settings.url}")
        raise typer.Exit(1)
    out = {"url": settings.url, "version": info["version"]["number"], "health": health["status"],
           "nodes": health["number_of_nodes"], "indices": counts}
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    typer.echo(f"up: OpenSearch {out['version']} at {out['url']}, health {out['health']}, {out['nodes']} node(s)")
    for alias, st in counts.items():
        typer.echo(f"  {alias}: " + (", ".join(f"{k} {v}" for k, v in st.items()) if st.get("index") else "no index"))


# ---------------------------------------------------------------- index

@index_app.command("create")
def index_create() -> None:
    """Create the versioned indices and their aliases when missing.

    Example: legal-search index create
    """
    from legal_search import indices

    settings = _settings()
    for alias, index in indices.ensure(_client(settings), settings).items():
        typer.echo(f"{alias} -> {index}")


@index_app.command("drop")
def index_drop(yes: Annotated[bool, typer.Option("--yes", help="do not ask for confirmation")] = False) -> None:
    """Delete every index of the project (documents and procedures).

    Example: legal-search index drop --yes
    """
    from legal_search import indices

    settings = _settings()
    client = _client(settings)
    if not yes:
        typer.confirm("Delete every legal-search index?", abort=True)
    dropped = indices.drop(client, settings)
    typer.echo("dropped: " + (", ".join(dropped) or "nothing"))


@index_app.command("stats")
def index_stats() -> None:
    """Show each alias, the index behind it, and its record counts and size.

    Example: legal-search index stats
    """
    from legal_search import indices

    settings = _settings()
    typer.echo(json.dumps(indices.stats(_client(settings), settings), indent=2))


@index_app.command("rebuild")
def index_rebuild(kind: Annotated[str, typer.Argument(help="docs or procedures")] = "docs") -> None:
    """Copy an index into a new version with the current mapping and switch the alias atomically.

    Example: legal-search index rebuild docs
    """
    from legal_search import indices

    if kind not in indices.KINDS:
        raise LegalSearchError(f"unknown index kind {kind!r}; use docs or procedures")
    settings = _settings()
    old, new, copied = indices.rebuild(_client(settings), settings, kind)
    typer.echo(f"{indices.alias_for(settings, kind)}: {old} -> {new} ({copied} records copied)")


# ---------------------------------------------------------------- ingest, search, show, serve

@app.command("ingest")
def ingest_cmd(paths: Annotated[list[str], typer.Argument(help="files, folders, globs, ZIPs or dataset JSONL")],
               report: Annotated[Optional[Path], typer.Option(
                   help="write one JSON line per input here (totals and warnings: NAME.summary.json)")] = None,
               workers: Annotated[Optional[int], typer.Option(help="analysis processes (default: one per core)")] = None,
               force: Annotated[bool, typer.Option("--force", help="redo files the journal says are done")] = False,
               ) -> None:
    """Import documents and procedures; every input is accounted for in the report.

    An interrupted import resumes where it stopped: files already imported into the same index
    are not read again (use --force to redo them).

    Example: legal-search ingest samples/ --report import-report.jsonl
    """
    from ingest.pipeline import ingest

    settings = _settings()
    client = _client(settings)
    last = [0.0]

    def progress(p):
        now = time.monotonic()
        if now - last[0] >= 1 and sys.stderr.isatty():
            last[0] = now
            _echo("\r  " + p.line() + " " * 8, nl=False)

    rep = ingest(client, settings, paths, workers=workers, progress=progress, resume=not force)
    if sys.stderr.isatty():
        _echo("")
    summary = rep.write(report) if report else None
    for r in rep.results:
        if r.outcome in ("failed", "needs-ocr", "duplicate"):
            _echo(f"{r.outcome}: {r.input}: {r.reason}")
    for w in rep.warnings:
        _echo(f"warning: {w}")
    if rep.with_extraction_warnings:
        n = rep.with_extraction_warnings
        where = "the `warnings` of their report lines" if report else "legal-search ingest --report FILE lists them"
        _echo(f"{n} imported document{'s carry' if n > 1 else ' carries'} extraction warnings to check ({where})")
    counts = ", ".join(f"{k} {v}" for k, v in rep.counts.items())
    typer.echo(f"{len(rep.results)} inputs in {rep.seconds:.1f} s: {counts}")
    if report:
        typer.echo(f"report: {report} (one line per input; totals and warnings: {summary})")
    if not rep.ok:
        raise typer.Exit(1)


@app.command("search")
def search_cmd(query: Annotated[str, typer.Argument(help="words, a phrase in quotes, a number such as 15/2020/NĐ-CP")],
               type: Many = None, issuer: Many = None, field: Many = None, signer: Many = None,
               status: Many = None, year: Many = None,
               issued_from: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
               issued_to: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
               in_force_on: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
               kind: Annotated[str, typer.Option(help="documents, articles, procedures or all")] = "documents",
               sort: Annotated[str, typer.Option(help="relevance, issued_desc or issued_asc")] = "relevance",
               size: int = 10, page: int = 1,
               cursor: Annotated[Optional[str], typer.Option(help="the 'more:' cursor of the previous page")] = None,
               as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False) -> None:
    """Search and print a table: number, type, date, status, title and best article.

    Example: legal-search search "đất đai" --type "Luật"
    """
    from pydantic import ValidationError

    from legal_search.errors import QueryError
    from legal_search.search import SearchParams, search
    from legal_search.search_table import lines

    try:
        params = SearchParams(q=query, type=type or [], issuer=issuer or [], field=field or [], signer=signer or [],
                              status=status or [], year=year or [], issued_from=issued_from, issued_to=issued_to,
                              in_force_on=in_force_on, kind=kind, sort=sort, size=size, page=page, cursor=cursor)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise QueryError(f"invalid --{str(err['loc'][0]).replace('_', '-')}: {err['msg']}") from None
    settings = _settings()
    res = search(_client(settings), settings, params)
    if as_json:
        typer.echo(res.model_dump_json(indent=2))
        return
    for line in lines(res):
        typer.echo(line)


@app.command("extract")
def extract_cmd(path: Annotated[Path, typer.Argument(help="one file (PDF, Word, HTML, TXT, ZIP or dataset JSONL)")],
                as_json: Annotated[bool, typer.Option("--json", help="print JSON (one object per document)")] = False,
                text: Annotated[bool, typer.Option("--text", help="include the full text")] = False) -> None:
    """Show what the extractor finds in a file (metadata, relations, outline) without indexing.

    Example: legal-search extract samples/pdf/VanBanGoc_67.2024.pdf --json
    """
    from ingest.inspect import inspect_file

    found = False
    for entry in inspect_file(path, with_text=text):
        found = True
        if as_json:
            typer.echo(json.dumps(entry, ensure_ascii=False, indent=2))
            continue
        typer.echo(f"{entry['input']}: {entry.get('outcome', 'ok')}")
        for key in ("number", "doc_type", "issuer", "issued_date", "effective_date", "title", "signer", "code",
                    "name", "reason"):
            if entry.get(key):
                typer.echo(f"  {key}: {entry[key]}")
        for rel in entry.get("relations", [])[:10]:
            typer.echo(f"  {rel['kind']}: {rel.get('target_number') or rel.get('target_title')} {rel.get('scope') or ''}")
        if entry.get("articles"):
            typer.echo(f"  articles: {len(entry['articles'])}")
        for warning in entry.get("warnings", []):
            typer.echo(f"  warning: {warning}")
    if not found:
        raise LegalSearchError(f"{path}: nothing to extract")


@app.command("show")
def show_cmd(id_or_number: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print a stored document's metadata (by id or by number).

    Example: legal-search show 45/2019/QH14 --json
    """
    from legal_search import documents

    settings = _settings()
    doc = documents.get_document(_client(settings), settings, id_or_number, grouped=False)  # importable
    doc.pop("text", None)
    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2 if as_json else None))


@app.command("check")
def check_cmd(as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
              refresh: Annotated[bool, typer.Option(
                  "--refresh", help="recompute every stored status and procedure flag first")] = False) -> None:
    """List data-quality findings over the stored documents, with counts: V1-V8 of the domain
    notes (effective too soon or before issue, impossible dates, conflicting labels, another body
    amending, VBHN as actor, in force without a date, non-normative types), cycles,
    self-references, events dated before issue, relations to documents not in the database.

    Example: legal-search check --json
    """
    from legal_search import statuses

    settings = _settings()
    client = _client(settings)
    if refresh:
        done = statuses.refresh_all(client, settings)
        _echo(f"refreshed: {len(done.documents)} document status(es) and "
              f"{len(done.procedures)} procedure flag(s) changed")
    report = statuses.check(client, settings)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    for f in report.findings:
        typer.echo(f"{f.severity:<7} {f.code:<18} {f.doc_id or '-'}: {f.message}")
    counts = ", ".join(f"{k} {v}" for k, v in report.counts.items()) or "no findings"
    typer.echo(f"{report.documents} documents, {len(report.findings)} findings: {counts}")


@app.command("serve")
def serve_cmd(host: Annotated[Optional[str], typer.Option()] = None,
              port: Annotated[Optional[int], typer.Option()] = None) -> None:
    """Serve the JSON API (/api/search, /healthz, /docs) and the web page.

    Example: legal-search serve --port 8000
    """
    import uvicorn

    from legal_search.api import create_app

    settings = _settings()
    host, port = host or settings.host, port or settings.port
    typer.echo(f"Serving on http://{host}:{port}  (API: http://{host}:{port}/api/search?q=đất+đai)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@app.command("run")
def run_cmd(samples: Annotated[Path, typer.Option(help="what to import first")] = PROJECT_ROOT / "samples",
            port: Annotated[Optional[int], typer.Option(help="port of the web page and API")] = None) -> None:
    """The main job: start OpenSearch (unless an external cluster is set), import the samples,
    then serve the API and the web page.

    Example: legal-search run
    """
    from legal_search import node

    settings = _settings()
    if not settings.uses_external_cluster:
        node.start(settings, echo=_echo)
    try:
        ingest_cmd([str(samples)], report=None, workers=None)
    except typer.Exit:
        _echo("Some samples could not be imported (listed above); serving what was imported.")
    serve_cmd(host=None, port=port)


def main() -> None:
    try:
        app()
    except LegalSearchError as exc:
        typer.echo(f"Error: {exc.message}", err=True)
        sys.exit(1)
    except UNAVAILABLE as exc:
        typer.echo(f"Error: {unavailable(get_settings(), exc).message}", err=True)
        sys.exit(1)
    except os_exc.TransportError as exc:  # a refusal (a read-only index, a rejected setting): no traceback
        typer.echo(f"Error: {refused(get_settings(), exc).message}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
