#!/usr/bin/env bash
# Makes sure PostgreSQL and NATS (with JetStream) answer on loopback for the tests:
# installs them with apt when missing, starts them when stopped, opens trust auth for
# 127.0.0.1 and creates the `test` database. Idempotent; prints what it does.
set -euo pipefail

PG_PORT=5432
NATS_PORT=4222

say() { printf '[test-services] %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
need_pkg() {
  local bin=$1 pkg=$2
  if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ] && ! ls /usr/lib/postgresql/*/bin/"$bin" >/dev/null 2>&1; then
    if [ $apt_updated = 0 ]; then say "apt-get update"; as_root apt-get update -qq; apt_updated=1; fi
    say "installing $pkg"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$pkg" >/dev/null
  fi
}

# --- PostgreSQL -------------------------------------------------------------
need_pkg pg_ctl postgresql
if ! port_open $PG_PORT; then
  if command -v pg_lsclusters >/dev/null 2>&1 && [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
    say "creating PostgreSQL $ver cluster main"
    as_root pg_createcluster "$ver" main >/dev/null
  fi
  say "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -n | tail -1)" main start
  for _ in $(seq 1 60); do port_open $PG_PORT && break; sleep 0.5; done
fi
port_open $PG_PORT || { say "PostgreSQL did not start on 127.0.0.1:$PG_PORT"; exit 1; }

if ! psql "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  hba=$(as_root runuser -u postgres -- psql -Atqc 'show hba_file')
  say "allowing trust auth for 127.0.0.1 in $hba"
  as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  as_root runuser -u postgres -- psql -Atqc 'select pg_reload_conf()' >/dev/null
fi
if [ "$(psql "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -Atqc "select 1 from pg_database where datname='test'")" != 1 ]; then
  say "creating database test"
  psql "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -qc 'create database test'
fi

# --- NATS with JetStream ----------------------------------------------------
need_pkg nats-server nats-server
if ! port_open $NATS_PORT; then
  say "starting nats-server with JetStream"
  as_root mkdir -p /var/lib/nats-server
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p $NATS_PORT -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  for _ in $(seq 1 60); do port_open $NATS_PORT && break; sleep 0.5; done
fi
port_open $NATS_PORT || { say "nats-server did not start on 127.0.0.1:$NATS_PORT"; exit 1; }
say "PostgreSQL 127.0.0.1:$PG_PORT and NATS 127.0.0.1:$NATS_PORT are up"
