"""Shared fixtures: stores on SQLite and on a real PostgreSQL server, sample inputs, the CLI."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from watchfloor.config import reset_settings
from watchfloor.store import Store

from .pgserver import PostgresUnavailable, PrivatePostgres

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = REPO / "examples" / "corpus"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _clean_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test starts from shipped defaults, with no user config file in its way."""
    for name in list(os.environ):
        if name.startswith("WATCHFLOOR_") and name != "WATCHFLOOR_TEST_PG_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("WATCHFLOOR_CONFIG", str(tmp_path / "no-such-config.toml"))
    reset_settings()
    yield
    reset_settings()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = os.environ.get("WATCHFLOOR_TEST_PG_URL")
    if url:
        yield url
        return
    try:
        server = PrivatePostgres()
        url = server.start()
    except PostgresUnavailable as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture
def pg_db(postgres_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    name = "wf_" + uuid.uuid4().hex[:12]
    admin = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = postgres_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty store: SQLite file, then a real PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_db"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def require_seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (the shared folder sits beside the repo)")
    return SEEDS
