#!/usr/bin/env bash
# Install PostgreSQL (Debian's `postgresql` package, which brings pg_trgm) for the `postgresql`
# tox env when its binaries are missing, as tests/clients/install-clients.sh does for OmegaT and
# LibreOffice. The tests start their own throwaway server (tests/tm/store/pgserver.py); this
# only makes sure initdb, pg_ctl and postgres are there. The env sets TMKIT_REQUIRE_POSTGRESQL,
# so if the install fails the tests fail (they do not skip) and say why.
set -u
if command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) \
        >/dev/null 2>&1 || echo "install-postgresql: apt-get could not install postgresql"
else
    echo "install-postgresql: not root or no apt-get: install PostgreSQL (initdb, pg_ctl, postgres) yourself"
fi
exit 0
