"""Settings, read from the environment (prefix ``LEGAL_SEARCH_``) through ``get_settings()``.

Nothing is read at import time; code receives a ``Settings`` explicitly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEGAL_SEARCH_", extra="ignore")

    # An existing cluster. When set, the local node commands are not needed and not used.
    opensearch_url: str | None = None
    opensearch_user: str | None = None
    opensearch_password: str | None = None
    opensearch_verify_certs: bool = True
    opensearch_ca_certs: str | None = None
    opensearch_timeout: float = 30.0

    # The local node managed by `legal-search node …`.
    home: Path = Field(default=PROJECT_ROOT / ".local")  # data, logs, pid files
    cache_dir: Path = Field(default=PROJECT_ROOT / ".cache")  # downloaded OpenSearch
    opensearch_version: str = "2.19.6"
    node_port: int = 9200
    node_heap: str = "1g"
    node_java_opts: str = ""  # more JVM options for the local node, after the heap size
    node_user: str = "legalsearch"  # unprivileged user the node runs as when we are root
    java_home: str | None = None

    # Index names: aliases point at versioned indices (legal-docs -> legal-docs-v1).
    index_prefix: str = "legal"

    # The API server.
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def docs_alias(self) -> str:
        return f"{self.index_prefix}-docs"

    @property
    def procedures_alias(self) -> str:
        return f"{self.index_prefix}-procedures"

    @property
    def uses_external_cluster(self) -> bool:
        return bool(self.opensearch_url)

    @property
    def url(self) -> str:
        return (self.opensearch_url or f"http://127.0.0.1:{self.node_port}").rstrip("/")


@lru_cache
def get_settings() -> Settings:
    return Settings()
