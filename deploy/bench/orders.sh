#!/usr/bin/env bash
# Order benchmark (targets P6, P8, P9 and M1) with Gatling's open-model checkout load, against the local
# stack's order-service and two order-service instances it starts next to it (with and without the outbox
# write), side by side in one run. Start the stack first: deploy/run-local.sh
#   deploy/bench/orders.sh [repetitions=3]     full run (about 40 min on 2 cores)
#   QUICK=1 deploy/bench/orders.sh             shorter steps, coarser search (about 15-20 min)
# Loads 10000 generated products first if they are missing and tops up the stock of the first 200.
# Prints a summary and writes JSON to deploy/bench/results/. Settings: deploy/bench/README.md
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/lib/java.sh
bench=deploy/load-tests/target
if [ ! -f "$bench/classpath.txt" ] || [ ! -f order-service/target/order-service.jar ] || [ "${BUILD:-}" = 1 ]; then
  ./mvnw -B -q -DskipTests package -pl deploy/load-tests,deploy/local-stack -am
fi
deploy/load-catalog.sh "${BENCH_CATALOG_PRODUCTS:-10000}"
export BENCH_NPROC="$(nproc)"
export BENCH_FREE="$(free -h | awk '/Mem:/ {print $2 " total, " $7 " available"}')"
echo "Machine: $BENCH_NPROC cores, $BENCH_FREE"
exec java -Xmx1g -XX:+UseParallelGC --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  -Dstorefront.root="$PWD" -cp "$bench/classes:$(cat "$bench/classpath.txt")" \
  dev.storefront.loadtests.OrderBenchmark "$@"
