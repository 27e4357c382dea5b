"""The TM store's fixtures: every contract test runs against each engine.

``store`` is a fresh, empty store of the engine the test is parametrized with: SQLite (a file
in the test's folder) and PostgreSQL (a database of its own on the throwaway server the
``postgresql_server`` fixture starts: ``tests/tm/store/pgserver.py``).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # pgserver
_numbers = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db(request, tmp_path) -> str:
    """A new, empty store's ``--db`` (a SQLite path, or a PostgreSQL URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "tm.sqlite")
    server = request.getfixturevalue("postgresql_server")
    return server.new_database(f"tmkit_test_{next(_numbers)}")


@pytest.fixture
def store(db):
    from tm.store import open_store

    with open_store(db) as opened:
        yield opened


@pytest.fixture(scope="session")
def postgresql_server(tmp_path_factory):
    """A throwaway PostgreSQL server (initdb in a temporary folder, a Unix socket there,
    stopped at the end of the session); the tests skip when no PostgreSQL is installed, unless
    TMKIT_REQUIRE_POSTGRESQL is set (tox -e postgresql), where that fails."""
    from pgserver import Server, binaries, required

    found = binaries()
    if found is None:
        if required():
            pytest.fail("TMKIT_REQUIRE_POSTGRESQL is set but no PostgreSQL (initdb) is installed")
        pytest.skip("no PostgreSQL installed (initdb, postgres): tox -e postgresql installs it")
    with Server(found) as server:
        yield server
