#!/usr/bin/env bash
# scripts/pg.sh — a private PostgreSQL cluster for Dossier development and tests.
#
#   scripts/pg.sh init  <datadir> [--fast]  initdb if not yet initialised
#   scripts/pg.sh start <datadir>           start if not running; create database "dossier"
#   scripts/pg.sh stop  <datadir>           fast shutdown if running
#   scripts/pg.sh url   <datadir>           print the Npgsql connection string
#   scripts/pg.sh status <datadir>          exit 0 if running
#   scripts/pg.sh destroy <datadir>         stop, then delete the folder
#   scripts/pg.sh throwaway                 new temp cluster (fsync off), started; prints its datadir
#
# Environment:
#   DOSSIER_PG_BIN    folder holding initdb/pg_ctl/postgres (default: newest /usr/lib/postgresql/*/bin)
#   DOSSIER_PG_PORT   preferred port on first start (default 55432; throwaway: random 56000-60999)
#   DOSSIER_PG_FAST=1 with init: fsync/synchronous_commit/full_page_writes off (throwaway does this)
#   DOSSIER_PG_TMP    parent folder for throwaway clusters (default /tmp)
#
# As root the server runs as the OS user "postgres" (initdb and postgres refuse root);
# otherwise as the current user. The server listens on 127.0.0.1 only; its unix socket
# lives in the data folder. Authentication is "trust": for dev and test only.
set -euo pipefail

PROG="scripts/pg.sh"
DB_NAME="dossier"
SUPERUSER="postgres"

die() { printf '%s: %s\n' "$PROG" "$*" >&2; exit 1; }
note() { printf '%s: %s\n' "$PROG" "$*" >&2; }

is_root() { [[ $EUID -eq 0 ]]; }

# ---------------------------------------------------------------- binaries
bindir_has_server() { [[ -x "$1/initdb" && -x "$1/pg_ctl" && -x "$1/postgres" ]]; }

find_bindir() {
  # $1: optional major version wanted (from an existing cluster's PG_VERSION)
  local want="${1:-}" d
  if [[ -n "${DOSSIER_PG_BIN:-}" ]]; then
    bindir_has_server "$DOSSIER_PG_BIN" && { echo "$DOSSIER_PG_BIN"; return 0; }
    die "DOSSIER_PG_BIN=$DOSSIER_PG_BIN does not hold initdb, pg_ctl and postgres"
  fi
  if [[ -n "$want" ]] && bindir_has_server "/usr/lib/postgresql/$want/bin"; then
    echo "/usr/lib/postgresql/$want/bin"; return 0
  fi
  # newest Debian/Ubuntu layout first
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5V | tail -n1 || true)
  if [[ -n "$d" ]] && bindir_has_server "$d"; then echo "$d"; return 0; fi
  # other layouts: binaries on PATH (Fedora /usr/bin, Homebrew, ...)
  local p
  if p=$(command -v pg_ctl 2>/dev/null); then
    d=$(dirname "$(readlink -f "$p")")
    bindir_has_server "$d" && { echo "$d"; return 0; }
  fi
  return 1
}

ensure_bindir() {
  local want="${1:-}"
  if BIN=$(find_bindir "$want"); then return 0; fi
  if is_root && command -v apt-get >/dev/null 2>&1; then
    note "PostgreSQL server not found; installing Debian package 'postgresql' (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed"
    apt-get install -y -qq postgresql >/dev/null || die "apt-get install postgresql failed"
    BIN=$(find_bindir "$want") || die "installed 'postgresql' but still no initdb/pg_ctl/postgres found"
    return 0
  fi
  die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found.
Install the PostgreSQL server (Debian/Ubuntu: 'sudo apt-get install postgresql';
Fedora: 'sudo dnf install postgresql-server'; macOS: 'brew install postgresql'),
or set DOSSIER_PG_BIN to the folder that holds them."
}

# ---------------------------------------------------------------- run as the server's user
ensure_pg_user() {
  is_root || return 0
  id -u postgres >/dev/null 2>&1 && return 0
  command -v useradd >/dev/null 2>&1 || die "running as root but OS user 'postgres' does not exist (and no useradd)"
  note "creating OS user 'postgres' to own the cluster"
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
}

# Run a command as the cluster's owner, from / (so the target user can read its cwd).
as_owner() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

check_traversable() {
  # as root: every parent of $1 must be searchable by the postgres user
  is_root || return 0
  local parent
  parent=$(dirname "$1")
  if ! runuser -u postgres -- test -x "$parent" 2>/dev/null; then
    local p="$parent" bad=""
    while [[ "$p" != "/" ]]; do
      runuser -u postgres -- test -x "$p" 2>/dev/null || bad="$p"
      p=$(dirname "$p")
    done
    die "the OS user 'postgres' cannot reach $1 (folder ${bad:-$parent} is not searchable by it).
Put the cluster elsewhere (e.g. DOSSIER_PG_DATA=/var/tmp/dossier-pg ./dossier up) or 'chmod o+x ${bad:-$parent}'."
  fi
}

# ---------------------------------------------------------------- helpers
abs_path() { realpath -m -- "$1"; }

need_datadir() {
  [[ -n "${1:-}" ]] || die "missing <datadir>; see '$PROG help'"
  DATA=$(abs_path "$1")
}

cluster_version() { [[ -s "$DATA/PG_VERSION" ]] && tr -d '[:space:]' < "$DATA/PG_VERSION"; }

is_initialised() { [[ -s "$DATA/PG_VERSION" ]]; }

is_running() {
  is_initialised || return 1
  [[ -f "$DATA/postmaster.pid" ]] || return 1
  as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

port_in_use() {
  local p=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "( sport = :$p )" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
  fi
}

pick_port() {
  # $1: preferred port (may be empty)
  local p=${1:-} i
  if [[ -n "$p" ]] && ! port_in_use "$p"; then echo "$p"; return 0; fi
  for i in $(seq 1 200); do
    p=$(( 56000 + RANDOM % 5000 ))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "no free TCP port found on 127.0.0.1"
}

current_port() {
  [[ -s "$DATA/port" ]] || die "$DATA has no port file: has it been started? ('$PROG start $DATA')"
  tr -d '[:space:]' < "$DATA/port"
}

log_file() { echo "$DATA/log/server.log"; }

psql_cmd() {
  # connect over TCP as the superuser; ignore the caller's PG* settings
  env -u PGHOST -u PGHOSTADDR -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u PGSERVICE -u PGOPTIONS \
    PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$SUPERUSER" "${@:2}"
}

find_psql() {
  PSQL="$BIN/psql"
  [[ -x "$PSQL" ]] || PSQL=$(command -v psql 2>/dev/null) || die "psql not found (install postgresql-client)"
}

# ---------------------------------------------------------------- verbs
cmd_init() {
  need_datadir "${1:-}"
  local fast="${DOSSIER_PG_FAST:-0}"
  [[ "${2:-}" == "--fast" ]] && fast=1
  if is_initialised; then return 0; fi
  ensure_bindir
  ensure_pg_user
  if [[ -d "$DATA" && -n "$(ls -A "$DATA" 2>/dev/null)" ]]; then
    die "$DATA exists, is not empty and is not a PostgreSQL cluster; refusing to initdb there"
  fi
  mkdir -p "$DATA"
  check_traversable "$DATA"
  chmod 700 "$DATA"
  if is_root; then chown postgres: "$DATA"; fi

  local locale="C"
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale="C.UTF-8"; fi

  local out
  if ! out=$(as_owner "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" -E UTF8 --locale="$locale" \
                --auth-local=trust --auth-host=trust --no-instructions 2>&1); then
    printf '%s\n' "$out" >&2
    die "initdb failed for $DATA"
  fi

  # unix socket path must fit in sun_path (107 bytes): "<dir>/.s.PGSQL.NNNNN"
  local sockdir="'$DATA'"
  if (( ${#DATA} + 17 > 107 )); then
    note "data folder path too long for a unix socket; TCP only"
    sockdir="''"
  fi

  {
    echo ""
    echo "# ---- dossier (scripts/pg.sh): dev/test settings for a small (2-core) box ----"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = $sockdir"
    echo "max_connections = 200"
    echo "shared_buffers = 256MB"
    echo "work_mem = 8MB"
    echo "maintenance_work_mem = 128MB"
    echo "effective_cache_size = 2GB"
    echo "max_wal_size = 2GB"
    echo "max_parallel_workers_per_gather = 1"
    echo "log_min_duration_statement = -1"
    echo "log_line_prefix = '%m [%p] %q%u@%d '"
    echo "timezone = 'UTC'"
    echo "log_timezone = 'UTC'"
    if [[ "$fast" == "1" ]]; then
      echo "# throwaway cluster: durability off for speed"
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
  as_owner mkdir -p "$DATA/log"
}

start_once() {
  # $1 port; returns 0 on success, 2 if the port was taken meanwhile, 1 on other failure
  local port=$1 log
  log=$(log_file)
  local before=0
  [[ -f "$log" ]] && before=$(wc -l < "$log")
  if as_owner "$BIN/pg_ctl" start -D "$DATA" -w -t 60 -s -l "$log" -o "-p $port" >/dev/null 2>&1; then
    return 0
  fi
  if tail -n +"$((before + 1))" "$log" 2>/dev/null | grep -qiE 'could not (bind|create listen socket)|address already in use'; then
    return 2
  fi
  return 1
}

cmd_start() {
  need_datadir "${1:-}"
  is_initialised || die "$DATA is not initialised; run '$PROG init $DATA' first"
  ensure_bindir "$(cluster_version)"
  ensure_pg_user
  check_traversable "$DATA"
  find_psql

  if ! is_running; then
    local preferred="" port rc attempt
    [[ -s "$DATA/port" ]] && preferred=$(tr -d '[:space:]' < "$DATA/port")
    [[ -z "$preferred" ]] && preferred="${DOSSIER_PG_PORT:-55432}"
    as_owner mkdir -p "$DATA/log"
    for attempt in 1 2 3 4 5; do
      port=$(pick_port "$preferred")
      rc=0; start_once "$port" || rc=$?
      if [[ $rc -eq 0 ]]; then
        echo "$port" > "$DATA/port"
        break
      fi
      if [[ $rc -eq 2 ]]; then preferred=""; continue; fi
      break
    done
    if [[ $rc -ne 0 ]]; then
      printf '%s: PostgreSQL failed to start in %s; last lines of %s:\n' "$PROG" "$DATA" "$(log_file)" >&2
      tail -n 30 "$(log_file)" >&2 2>/dev/null || true
      exit 1
    fi
  fi

  local port exists
  port=$(current_port)
  exists=$(psql_cmd "$port" -d postgres -tAc "select 1 from pg_database where datname = '$DB_NAME'") \
    || die "cannot connect to PostgreSQL on 127.0.0.1:$port (see $(log_file))"
  if [[ "$exists" != "1" ]]; then
    psql_cmd "$port" -d postgres -c "create database \"$DB_NAME\"" >/dev/null \
      || die "could not create database $DB_NAME"
  fi
}

cmd_stop() {
  need_datadir "${1:-}"
  is_initialised || return 0
  ensure_bindir "$(cluster_version)"
  if is_running; then
    as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 -s >/dev/null \
      || die "pg_ctl stop failed for $DATA"
  fi
}

cmd_status() {
  need_datadir "${1:-}"
  is_initialised || { echo "not initialised: $DATA"; return 3; }
  ensure_bindir "$(cluster_version)"
  if is_running; then echo "running: $DATA port $(current_port)"; return 0; fi
  echo "stopped: $DATA"; return 3
}

cmd_url() {
  need_datadir "${1:-}"
  local port
  port=$(current_port)
  echo "Host=127.0.0.1;Port=$port;Database=$DB_NAME;Username=$SUPERUSER;Pooling=true;Maximum Pool Size=100"
}

cmd_destroy() {
  need_datadir "${1:-}"
  [[ -e "$DATA" ]] || return 0
  # refuse to delete anything that is not (or not only) a cluster of ours
  if ! is_initialised && [[ -n "$(ls -A "$DATA" 2>/dev/null)" ]]; then
    die "$DATA is not a PostgreSQL cluster; not deleting it"
  fi
  if is_initialised; then cmd_stop "$DATA"; fi
  rm -rf -- "$DATA"
}

cmd_throwaway() {
  local parent="${DOSSIER_PG_TMP:-/tmp}" dir
  mkdir -p "$parent"
  dir=$(mktemp -d "$parent/dossier-pg-XXXXXX")
  # mktemp makes it 0700 root-owned; initdb gets it (chown) when root.
  chmod 755 "$dir"
  local self rc=0
  self=$(readlink -f "$0")
  # separate processes so that each keeps its own errexit
  DOSSIER_PG_FAST=1 bash "$self" init "$dir" --fast >&2 || rc=$?
  if [[ $rc -eq 0 ]]; then
    DOSSIER_PG_PORT="${DOSSIER_PG_PORT:-$(( 56000 + RANDOM % 5000 ))}" bash "$self" start "$dir" >&2 || rc=$?
  fi
  if [[ $rc -ne 0 ]]; then
    bash "$self" destroy "$dir" >/dev/null 2>&1 || rm -rf -- "$dir"
    die "could not create a throwaway cluster"
  fi
  echo "$dir"
}

usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

main() {
  local verb="${1:-help}"
  shift || true
  case "$verb" in
    init)      cmd_init "$@" ;;
    start)     cmd_start "$@" ;;
    stop)      cmd_stop "$@" ;;
    url)       cmd_url "$@" ;;
    status)    cmd_status "$@" ;;
    destroy)   cmd_destroy "$@" ;;
    throwaway) cmd_throwaway "$@" ;;
    help|-h|--help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
