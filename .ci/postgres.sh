#!/usr/bin/env bash
# PostgreSQL for the team-server tests: installs Debian's server where missing, starts the local cluster,
# makes a role that may create databases (each test file makes and drops its own), and prints
#   export TPD_TEST_PG_URL=postgres://tpd_test:tpd_test@127.0.0.1:5432/postgres
# for the caller to eval. Run as root (PostgreSQL itself runs as the postgres user).
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "Installing Debian's PostgreSQL for the team-server tests…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version="$(ls /etc/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$version" main start >&2
fi
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'tpd_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role tpd_test login createdb password 'tpd_test'\"" >&2
echo "export TPD_TEST_PG_URL=postgres://tpd_test:tpd_test@127.0.0.1:5432/postgres"
