"""A local OpenSearch node (or a small local cluster) that the project installs and runs itself.

OpenSearch comes from Maven Central as the plain ``integ-test-zip`` distribution, fetched with
``mvn`` into ``Settings.cache_dir`` once. Each node gets its own config, data and log folders
under ``Settings.home`` so the install stays read-only. OpenSearch refuses to run as root, so
when we are root the node runs as an unprivileged user (created if missing).
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from legal_search.errors import NodeError
from legal_search.settings import Settings

ARTIFACT = "org.opensearch.distribution.integ-test-zip:opensearch:{version}:zip"
TRANSPORT_OFFSET = 100  # transport port = http port + 100


@dataclass(frozen=True)
class NodeLayout:
    """Where one local node lives and which ports it uses."""

    name: str
    http_port: int
    transport_port: int
    root: Path

    @property
    def config(self) -> Path:
        return self.root / "config"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def pid_file(self) -> Path:
        return self.root / "opensearch.pid"

    @property
    def console_log(self) -> Path:
        return self.root / "console.log"


def install_dir(settings: Settings) -> Path:
    return settings.cache_dir / f"opensearch-{settings.opensearch_version}"


def find_java_home(settings: Settings) -> Path:
    candidates = [settings.java_home, os.environ.get("JAVA_HOME")]
    java = shutil.which("java")
    if java:
        candidates.append(str(Path(java).resolve().parent.parent))
    for home in candidates:
        if home and (Path(home) / "bin" / "java").exists():
            return Path(home)
    raise NodeError(
        "Java was not found: OpenSearch 2.19 needs Java 17 or newer. Install it "
        "(Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME."
    )


def install(settings: Settings, echo=print) -> Path:
    """Fetch OpenSearch from Maven Central with mvn, once. Re-running is a no-op."""
    target = install_dir(settings)
    if (target / "bin" / "opensearch").exists():
        echo(f"OpenSearch {settings.opensearch_version} is already installed in {target}")
        return target
    find_java_home(settings)
    if not shutil.which("mvn"):
        raise NodeError(
            "Maven (mvn) was not found: it fetches OpenSearch from Maven Central. Install it "
            "(Debian: apt-get install maven)."
        )
    downloads = settings.cache_dir / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    artifact = ARTIFACT.format(version=settings.opensearch_version)
    echo(f"Fetching {artifact} from Maven Central…")
    proc = subprocess.run(
        ["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={downloads}"],
        capture_output=True, text=True, cwd=downloads,
    )
    archive = downloads / f"opensearch-{settings.opensearch_version}.zip"
    if proc.returncode != 0 or not archive.exists():
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
        raise NodeError(f"mvn could not fetch {artifact}: " + " | ".join(tail))
    _unzip(archive, settings.cache_dir)
    echo(f"Installed OpenSearch {settings.opensearch_version} in {target}")
    return target


def _unzip(archive: Path, dest: Path) -> None:
    """Unzip keeping the executable bits (zipfile alone drops them)."""
    tmp = dest / (archive.stem + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            path = Path(zf.extract(info, tmp))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                path.chmod(mode)
    (tmp / archive.stem).rename(dest / archive.stem)
    shutil.rmtree(tmp, ignore_errors=True)


def layouts(settings: Settings, nodes: int, port: int) -> list[NodeLayout]:
    cluster_root = settings.home / f"cluster-{port}"
    return [
        NodeLayout(f"node-{i}", port + i, port + TRANSPORT_OFFSET + i, cluster_root / f"node-{i}")
        for i in range(nodes)
    ]


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def cluster_name(nodes: list[NodeLayout]) -> str:
    """Unique per folder and port, so start() can tell its own node from another that answers on
    the same port (two starts racing for one free port)."""
    digest = hashlib.sha1(str(nodes[0].root.parent.resolve()).encode()).hexdigest()[:8]
    return f"legal-search-{nodes[0].http_port}-{digest}"


def _node_yml(layout: NodeLayout, all_nodes: list[NodeLayout], cluster_name: str) -> str:
    lines = [
        f"cluster.name: {cluster_name}",
        f"node.name: {layout.name}",
        "network.host: 127.0.0.1",
        f"http.port: {layout.http_port}",
        f"transport.port: {layout.transport_port}",
        f"path.data: {layout.data}",
        f"path.logs: {layout.logs}",
        "action.destructive_requires_name: true",
        # A dev machine's disk is often fuller than a server's: don't go read-only at 85%.
        "cluster.routing.allocation.disk.threshold_enabled: false",
    ]
    if len(all_nodes) == 1:
        lines.append("discovery.type: single-node")
    else:
        seeds = ", ".join(f'"127.0.0.1:{n.transport_port}"' for n in all_nodes)
        names = ", ".join(f'"{n.name}"' for n in all_nodes)
        lines += [f"discovery.seed_hosts: [{seeds}]", f"cluster.initial_cluster_manager_nodes: [{names}]"]
    return "\n".join(lines) + "\n"


def _ensure_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    proc = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise NodeError(f"could not create the unprivileged user {name!r} for OpenSearch: {proc.stderr.strip()}")
    return pwd.getpwnam(name)


def _chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for root, dirs, files in os.walk(path):
        os.chown(root, user.pw_uid, user.pw_gid)
        for f in files:
            os.chown(os.path.join(root, f), user.pw_uid, user.pw_gid)


def _prepare(layout: NodeLayout, nodes: list[NodeLayout], settings: Settings, home: Path) -> None:
    for d in (layout.config, layout.data, layout.logs):
        d.mkdir(parents=True, exist_ok=True)
    shutil.copy(home / "config" / "log4j2.properties", layout.config / "log4j2.properties")
    # The stock jvm.options write GC logs and heap dumps relative to the install: point them here.
    jvm = (home / "config" / "jvm.options").read_text()
    jvm = jvm.replace("HeapDumpPath=data", f"HeapDumpPath={layout.data}")
    jvm = jvm.replace("logs/", f"{layout.logs}/")
    (layout.config / "jvm.options").write_text(jvm)
    (layout.config / "jvm.options.d").mkdir(exist_ok=True)
    (layout.config / "opensearch.yml").write_text(_node_yml(layout, nodes, cluster_name(nodes)))


def _launch(layout: NodeLayout, settings: Settings, home: Path, java_home: Path) -> subprocess.Popen:
    env = dict(os.environ)
    env.update({
        "OPENSEARCH_JAVA_HOME": str(java_home),
        "OPENSEARCH_PATH_CONF": str(layout.config),
        "OPENSEARCH_JAVA_OPTS": f"-Xms{settings.node_heap} -Xmx{settings.node_heap} {settings.node_java_opts}".strip(),
    })
    cmd = [str(home / "bin" / "opensearch"), "-p", str(layout.pid_file)]
    if os.geteuid() == 0:
        user = _ensure_user(settings.node_user)
        _chown_tree(layout.root, user)
        cmd = ["runuser", "-u", settings.node_user, "--"] + cmd
    with open(layout.console_log, "ab") as log:
        return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, cwd=layout.root)


def _get_json(url: str, timeout: float = 5.0) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read())


def _wait_healthy(nodes: list[NodeLayout], timeout: float,
                  procs: dict[str, subprocess.Popen] | None = None, check_name: bool = True) -> dict:
    url = f"http://127.0.0.1:{nodes[0].http_port}"
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        for n in nodes:
            proc = (procs or {}).get(n.name)
            if proc is not None and proc.poll() is not None:
                raise NodeError(f"OpenSearch {n.name} exited during start-up (code {proc.returncode}); "
                                f"last log lines:\n{_tail(n)}")
        try:
            health = _get_json(f"{url}/_cluster/health?wait_for_status=yellow&wait_for_nodes={len(nodes)}&timeout=5s",
                               timeout=10)
            if check_name and health.get("cluster_name") != cluster_name(nodes):
                raise NodeError(f"port {nodes[0].http_port} is already in use on 127.0.0.1 by another OpenSearch "
                                f"({health.get('cluster_name')}): stop it or choose another port with --port")
            if not health.get("timed_out") and health.get("status") in ("yellow", "green"):
                return health
            last = f"health {health.get('status')}, {health.get('number_of_nodes')} node(s)"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = str(exc)
        time.sleep(1)
    raise NodeError(f"OpenSearch at {url} was not healthy after {timeout:.0f} s ({last}); "
                    f"last log lines:\n{_tail(nodes[0])}")


def _tail(layout: NodeLayout, lines: int = 15) -> str:
    try:
        return "\n".join(layout.console_log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _pid(layout: NodeLayout) -> int | None:
    """The node's java pid if it is alive."""
    try:
        pid = int(layout.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def start(settings: Settings, nodes: int = 1, port: int | None = None, timeout: float = 180.0,
          echo=print) -> str:
    """Start a local node (or ``nodes`` nodes forming one cluster); return its URL when healthy."""
    if nodes < 1 or nodes > 9:
        raise NodeError(f"--nodes must be between 1 and 9, not {nodes}")
    port = port or settings.node_port
    plan = layouts(settings, nodes, port)
    url = f"http://127.0.0.1:{port}"
    running = [n for n in plan if _pid(n)]
    if running and len(running) == len(plan):
        health = _wait_healthy(plan, timeout, check_name=False)  # our pid files: our nodes
        echo(f"OpenSearch is already running at {url} ({health['number_of_nodes']} node(s), {health['status']})")
        return url
    for n in plan:
        if _pid(n):
            continue
        for p in (n.http_port, n.transport_port):
            if _port_in_use(p):
                raise NodeError(f"port {p} is already in use on 127.0.0.1: stop what uses it or choose "
                                f"another port with --port")
    home = install(settings, echo=echo)
    java_home = find_java_home(settings)
    procs = {}
    for n in plan:
        if _pid(n):
            continue
        _prepare(n, plan, settings, home)
        n.pid_file.unlink(missing_ok=True)
        procs[n.name] = _launch(n, settings, home, java_home)
    echo(f"Starting {nodes} OpenSearch node(s) on port {port}…")
    health = _wait_healthy(plan, timeout, procs)
    echo(f"OpenSearch is up at {url} ({health['number_of_nodes']} node(s), {health['status']})")
    return url


def stop_layout(layout: NodeLayout, timeout: float = 60.0) -> bool:
    pid = _pid(layout)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _pid(layout):
        time.sleep(0.3)
    if _pid(layout):
        os.kill(pid, signal.SIGKILL)
    layout.pid_file.unlink(missing_ok=True)
    return True


def running_clusters(settings: Settings) -> list[list[NodeLayout]]:
    """Every local cluster with a node alive, found from the pid files under home."""
    found = []
    for cluster in sorted(settings.home.glob("cluster-*")):
        port = int(cluster.name.split("-", 1)[1])
        plan = [NodeLayout(d.name, port + int(d.name.split("-")[1]),
                           port + TRANSPORT_OFFSET + int(d.name.split("-")[1]), d)
                for d in sorted(cluster.glob("node-*"))]
        if any(_pid(n) for n in plan):
            found.append(plan)
    return found


def stop(settings: Settings, port: int | None = None, echo=print) -> int:
    """Stop every local node (of the cluster on ``port`` when given). Returns how many stopped."""
    stopped = 0
    for plan in running_clusters(settings):
        if port and plan[0].http_port != port:
            continue
        for n in plan:
            if stop_layout(n):
                stopped += 1
                echo(f"Stopped {n.name} (port {n.http_port})")
    if not stopped:
        echo("No local OpenSearch node was running.")
    return stopped
