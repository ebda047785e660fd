#!/usr/bin/env bash
# Loads generated products SKU-0000001..SKU-<N> with their stock, and about 20 categories, straight into
# the catalog schema with COPY (for demos and benchmarks; no catalog.product.v1 events are published).
# Products already present are skipped, so re-running it, or growing N, only adds what is missing.
#   deploy/load-catalog.sh                 10000 products
#   deploy/load-catalog.sh 1000000 [seed]  a million (seed 42 by default, as the local stack uses)
# The schema must exist: start the stack (deploy/run-local.sh) first. DB_URL, DB_USER and DB_PASSWORD
# override the local stack's catalog database (jdbc:postgresql://127.0.0.1:5432/storefront?currentSchema=catalog).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib/java.sh
stack=deploy/local-stack/target
if [ ! -f "$stack/classpath.txt" ] || [ ! -f "$stack/classes/dev/storefront/localstack/CatalogDataGenerator.class" ]; then
  ./mvnw -B -q -DskipTests package -pl deploy/local-stack -am
fi
exec java -Xmx128m -cp "$stack/classes:$(cat "$stack/classpath.txt")" \
  dev.storefront.localstack.CatalogDataGenerator "$@"
