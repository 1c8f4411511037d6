#!/usr/bin/env bash
# podman's Docker-compatible API for Testcontainers (the container test), on a machine without a Docker daemon.
#   podman-api.sh start   installs podman, runc, debootstrap when missing (apt-get, needs root), starts the API on
#                         $SCIMITAR_PODMAN_SOCKET (default /run/scimitar/podman.sock) unless it already answers, and
#                         prints the DOCKER_HOST to use. Idempotent.
#   podman-api.sh stop    stops the API started by "start" (its pid file), if any.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
socket="${SCIMITAR_PODMAN_SOCKET:-/run/scimitar/podman.sock}"
pid_file="$socket.pid"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"

answers() {
  [[ -S "$socket" ]] && curl -fsS --max-time 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1
}

case "${1:-}" in
  start)
    missing=()
    for tool in podman runc debootstrap curl; do
      command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if ((${#missing[@]})); then
      echo "podman-api.sh: installing ${missing[*]}" >&2
      apt-get update -q >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
    fi
    if ! answers; then
      mkdir -p "$(dirname "$socket")"
      rm -f "$socket"
      nohup podman system service --time=0 "unix://$socket" >"$socket.log" 2>&1 &
      echo $! >"$pid_file"
      for _ in $(seq 1 100); do
        answers && break
        sleep 0.2
      done
      answers || { echo "podman-api.sh: the API did not answer on $socket; see $socket.log" >&2; exit 1; }
    fi
    echo "unix://$socket"
    ;;
  stop)
    if [[ -f "$pid_file" ]]; then
      pid="$(cat "$pid_file")"
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 50); do
          kill -0 "$pid" 2>/dev/null || break
          sleep 0.2
        done
      fi
      rm -f "$pid_file" "$socket"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
