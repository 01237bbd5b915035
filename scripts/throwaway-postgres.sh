#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, started and stopped by
# scripts/test.sh (and usable by hand):
#
#   eval "$(scripts/throwaway-postgres.sh start)"   # sets GAZETTE_TEST_POSTGRES, GAZETTE_PG_DIR
#   scripts/throwaway-postgres.sh stop "$GAZETTE_PG_DIR"
#
# `start` installs Debian's `postgresql` package when no initdb/pg_ctl is
# found in /usr/lib/postgresql/*/bin or on PATH (as root only), makes a new
# cluster in a fresh directory under target/ (initdb), and starts it
# listening on a Unix socket in that directory only (no TCP port, so no
# conflict with any other server). It prints the shell assignments of
# GAZETTE_TEST_POSTGRES (a key=value connection string to the `postgres`
# database) and GAZETTE_PG_DIR (the directory `stop` removes).
# PostgreSQL refuses to run as root: as root the cluster belongs to the
# `postgres` user when there is one, else to `nobody`.
set -euo pipefail
cd "$(dirname "$0")/.."

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

start() {
  local bin
  if ! bin=$(find_bin); then
    if [ "$(id -u)" != 0 ]; then
      echo "throwaway-postgres: initdb/pg_ctl not found and not root to install postgresql" >&2
      exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    # The package's own cluster is not needed: only its binaries.
    if ! apt-get install -y --no-install-recommends postgresql >&2; then
      apt-get update >&2
      apt-get install -y --no-install-recommends postgresql >&2
    fi
    bin=$(find_bin)
  fi
  mkdir -p target
  local dir
  dir=$(mktemp -d "$PWD/target/postgres.XXXXXX")
  # A Unix socket path is at most 107 bytes: a deep checkout gets its
  # socket in a short temporary directory instead.
  local socket_dir="$dir"
  if [ "${#dir}" -gt 80 ]; then
    socket_dir=$(mktemp -d /tmp/gazette-pg.XXXXXX)
  fi
  local user
  user=$(id -un)
  local run=()
  if [ "$(id -u)" = 0 ]; then
    if id postgres >/dev/null 2>&1; then user=postgres; else user=nobody; fi
    chown "$user" "$dir" "$socket_dir"
    run=(runuser -u "$user" --)
  fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # fsync off: a test cluster is thrown away, and a crash of the machine
  # loses nothing the tests need.
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$socket_dir' -c fsync=off -c max_connections=200" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  echo "$socket_dir" >"$dir/socket_dir"
  echo "$bin" >"$dir/bin"
  echo "$user" >"$dir/user"
  printf "export GAZETTE_TEST_POSTGRES='host=%s user=%s dbname=postgres'\n" "$socket_dir" "$user"
  printf "export GAZETTE_PG_DIR='%s'\n" "$dir"
}

stop() {
  local dir=$1
  [ -d "$dir/data" ] || return 0
  local bin user socket_dir
  bin=$(cat "$dir/bin")
  user=$(cat "$dir/user")
  socket_dir=$(cat "$dir/socket_dir")
  local run=()
  if [ "$(id -u)" = 0 ] && [ "$user" != root ]; then run=(runuser -u "$user" --); fi
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  [ "$socket_dir" = "$dir" ] || rm -rf "$socket_dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?the directory printed by start}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
