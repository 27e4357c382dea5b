"""A throwaway PostgreSQL server for the store's tests: no mock, the real server.

``initdb`` into a temporary folder (UTF-8, locale ``C.UTF-8``, trust authentication for its
one superuser ``tmkit``), ``postgres`` listening on a Unix socket in that folder only (no TCP
port), stopped and removed when the ``with`` block ends. PostgreSQL refuses to run as root
(initdb: "cannot be run as root"), so as root the server runs as the unprivileged user
``nobody``, owning the folder (as PostgreSQL's documentation says: run it as an unprivileged
account). The binaries are found on ``PATH``, else in Debian's ``/usr/lib/postgresql/*/bin``
(what ``tests/tm/store/install-postgresql.sh``, run by ``tox -e postgresql``, installs).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

USER = "tmkit"  # the server's superuser
UNPRIVILEGED = "nobody"  # who runs the server when the tests run as root


def binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, ``None`` when none does."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return next(
        (c for c in candidates if (c / "pg_ctl").exists() and (c / "postgres").exists()), None
    )


def required() -> bool:
    """Whether a missing PostgreSQL fails the tests instead of skipping them."""
    return bool(os.environ.get("TMKIT_REQUIRE_POSTGRESQL"))


class Server:
    """A server of the binaries in *folder*, running while the ``with`` block runs.

    :param settings: more server settings (``{"shared_buffers": "1GB"}``), as ``-c``
        options of ``postgres``.
    """

    def __init__(self, folder: Path, settings: dict[str, str] | None = None) -> None:
        self.settings = dict(settings or {})
        self.bin = folder
        self.root = Path(tempfile.mkdtemp(prefix="tmkit-pg-"))
        self.data = self.root / "data"
        self.as_user: dict = {}
        if os.geteuid() == 0:
            account = pwd.getpwnam(UNPRIVILEGED)
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}

    def _run(self, *command: str) -> None:
        done = subprocess.run(
            [str(self.bin / command[0]), *command[1:]], capture_output=True, text=True,
            cwd=self.root, check=False, **self.as_user,
        )  # fmt: skip
        if done.returncode:
            log = self.root / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}{tail}")

    def __enter__(self) -> Server:
        try:
            self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")  # fmt: skip
            options = f"-k {self.root} -c listen_addresses='' -F"
            options += "".join(f" -c {name}={value}" for name, value in self.settings.items())
            self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
                      "-w", "start")  # fmt: skip
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        return self

    def url(self, database: str) -> str:
        """The URL of *database* on this server (over its Unix socket)."""
        return f"postgresql:///{database}?host={self.root}&user={USER}"

    def new_database(self, name: str) -> str:
        """Make an empty database *name*; return its URL."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __exit__(self, *exc: object) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
