#!/usr/bin/env bash
# Catalog read benchmark (targets P1, P2, P3, P4 and P10) with Gatling's open-model injection, against
# catalog-service instances it starts next to a running local stack (cache on, cache off, Redis
# unreachable), side by side in one run. Start the stack first: deploy/run-local.sh
#   deploy/bench/catalog.sh [repetitions=3]     full run (about an hour on 2 cores)
#   QUICK=1 deploy/bench/catalog.sh             shorter steps and phases, coarser search (about 15-20 min)
# Loads 100000 generated products first (deploy/load-catalog.sh; present ones are skipped). Installs wrk
# (Debian package) for the closed-loop runs when it is missing and this runs as root with apt-get; otherwise
# those runs are skipped. JVM of the instances: BENCH_JVM_PROFILE (throughput, or fast-start; deploy/jvm/), or
# SERVICE_JAVA_OPTS. Prints a summary and writes JSON to deploy/bench/results/. Settings and how to read the
# result: deploy/bench/README.md
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/lib/java.sh
bench=deploy/load-tests/target
if [ ! -f "$bench/classpath.txt" ] || [ ! -f catalog-service/target/catalog-service.jar ] || [ "${BUILD:-}" = 1 ]; then
  ./mvnw -B -q -DskipTests package -pl deploy/load-tests,deploy/local-stack -am
fi
deploy/load-catalog.sh "${BENCH_PRODUCTS:-100000}"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing wrk for the closed-loop runs (apt-get install wrk)..."
    apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; } \
      || echo "Could not install wrk: the closed-loop (wrk) runs are skipped."
  else
    echo "wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk): the closed-loop (wrk) runs are skipped."
  fi
fi
export BENCH_NPROC="$(nproc)"
export BENCH_FREE="$(free -h | awk '/Mem:/ {print $2 " total, " $7 " available"}')"
echo "Machine: $BENCH_NPROC cores, $BENCH_FREE"
free -h
exec java -Xmx1g -XX:+UseParallelGC --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  -Dstorefront.root="$PWD" -cp "$bench/classes:$(cat "$bench/classpath.txt")" \
  dev.storefront.loadtests.CatalogBenchmark "$@"
