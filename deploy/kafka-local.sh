#!/usr/bin/env bash
# Controls the local stack's Kafka broker, which runs as a process of its own (pid in .storefront/kafka.pid),
# so it can be taken away under a running system to watch the services cope (docs/runbook/consumers.md).
#   deploy/kafka-local.sh status    is it running, frozen or gone
#   deploy/kafka-local.sh freeze    SIGSTOP: the broker keeps its connections but answers nothing
#   deploy/kafka-local.sh thaw      SIGCONT: resume a frozen broker
#   deploy/kafka-local.sh stop      SIGTERM: clean shutdown, data kept
#   deploy/kafka-local.sh kill      SIGKILL: a crash, data kept
#   deploy/kafka-local.sh start     start it again with the same ports and data (after stop or kill)
set -euo pipefail
cd "$(dirname "$0")/.."
work=.storefront
pid_file=$work/kafka.pid
cmd_file=$work/kafka.cmd

pid() { [ -f "$pid_file" ] && cat "$pid_file"; }
alive() { local p; p=$(pid) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

case "${1:-status}" in
  status)
    if alive; then
      state=$(ps -o stat= -p "$(pid)" | tr -d ' ')
      case "$state" in T*) echo "frozen (pid $(pid))" ;; *) echo "running (pid $(pid))" ;; esac
    else
      echo "not running"
    fi ;;
  freeze) alive || { echo "not running" >&2; exit 1; }; kill -STOP "$(pid)"; echo "frozen (pid $(pid))" ;;
  thaw) alive || { echo "not running" >&2; exit 1; }; kill -CONT "$(pid)"; echo "running (pid $(pid))" ;;
  stop)
    alive || { echo "not running"; exit 0; }
    p=$(pid); kill -CONT "$p"; kill -TERM "$p"
    for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p"
    echo "stopped" ;;
  kill) alive || { echo "not running"; exit 0; }; kill -KILL "$(pid)"; echo "killed" ;;
  start)
    alive && { echo "already running (pid $(pid))"; exit 0; }
    [ -f "$cmd_file" ] || { echo "no $cmd_file: start the local stack first (deploy/run-local.sh)" >&2; exit 1; }
    mkdir -p "$work/logs"
    nohup bash -c "exec $(cat "$cmd_file")" >> "$work/logs/kafka.log" 2>&1 &
    echo $! > "$pid_file"
    echo "started (pid $!); the services reconnect by themselves" ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
