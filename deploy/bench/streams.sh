#!/usr/bin/env bash
# Stream capacity benchmark (M1 with open notification streams, and the push latency at each count): starts one
# notification-service instance next to a running local stack, opens Server-Sent Events streams on it in steps
# (500, 1000, 2000, ... until a failure, the RSS limit or the time budget) and, at each step, measures its resident
# memory and the latency of pushes to a sample of the streams while their customers place orders.
# Start the stack first: deploy/run-local.sh
#   deploy/bench/streams.sh             steps up to 16000 streams, 30 s of pushes each (about 10-25 min on 2 cores)
#   QUICK=1 deploy/bench/streams.sh     steps up to 8000, 16 s of pushes each (about 5-10 min)
# Prints a table and writes JSON to deploy/bench/results/. Settings: deploy/bench/README.md
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/lib/java.sh
bench=deploy/load-tests/target
if [ ! -f "$bench/classpath.txt" ] || [ ! -f notification-service/target/notification-service.jar ] || [ "${BUILD:-}" = 1 ]; then
  ./mvnw -B -q -DskipTests package -pl deploy/load-tests,notification-service -am
fi
# One socket per stream on each side, so the file limit bounds the largest step; raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
export BENCH_NOFILE="$(ulimit -n)"
export BENCH_NPROC="$(nproc)"
export BENCH_FREE="$(free -h | awk '/Mem:/ {print $2 " total, " $7 " available"}')"
echo "Machine: $BENCH_NPROC cores, $BENCH_FREE; open files per process: $BENCH_NOFILE"
exec java -Xmx2g -XX:+UseParallelGC --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  -Dstorefront.root="$PWD" -cp "$bench/classes:$(cat "$bench/classpath.txt")" \
  dev.storefront.loadtests.StreamCapacityBenchmark "$@"
