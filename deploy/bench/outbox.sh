#!/usr/bin/env bash
# Outbox benchmark (targets P6 and P7): orders/s with and without the outbox write, the relay's drain
# rate, and a raw acks=all producer with the same record size, side by side in one run.
#   deploy/bench/outbox.sh [rounds=3] [seconds-per-phase=10] [writer-threads=8]
# Prints a summary and writes JSON to deploy/bench/results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/lib/java.sh
bench=deploy/benchmarks/target
if [ ! -f "$bench/classpath.txt" ] || [ "${BUILD:-}" = 1 ]; then
  ./mvnw -B -q -DskipTests package -pl deploy/benchmarks -am
fi
echo "Machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM"
exec java -Xmx1g -cp "$bench/classes:$(cat "$bench/classpath.txt")" dev.storefront.messaging.OutboxBenchmark "$@"
