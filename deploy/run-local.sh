#!/usr/bin/env bash
# Runs the whole system locally: Kafka (and Postgres/Redis if none is running), topics, the three
# services in health-gated order, demo data and demo tokens. Ctrl-C stops everything.
#   deploy/run-local.sh            build once if needed, then run
#   deploy/run-local.sh --build    rebuild first (after changing code)
#   deploy/run-local.sh --infra-only   infrastructure only, e.g. to run a service from an IDE
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib/java.sh

build=false
args=()
for arg in "$@"; do
  if [ "$arg" = "--build" ]; then build=true; else args+=("$arg"); fi
done

stack=deploy/local-stack/target
if $build || [ ! -f "$stack/classpath.txt" ] || [ ! -f catalog-service/target/catalog-service.jar ] \
   || [ ! -f order-service/target/order-service.jar ] || [ ! -f notification-service/target/notification-service.jar ]; then
  echo "Building (tests skipped; run the test command for those)..."
  ./mvnw -B -q -DskipTests package
fi

exec java -Dstorefront.root="$PWD" -cp "$stack/classes:$(cat "$stack/classpath.txt")" \
  dev.storefront.localstack.LocalStack ${args[@]+"${args[@]}"}
