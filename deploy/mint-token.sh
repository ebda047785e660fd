#!/usr/bin/env bash
# Prints a bearer token the services accept, signed RS256 with the local stack's private key
# (.storefront/issuer/signing-key.json, created on first use; the services only get .storefront/jwks.json).
#   deploy/mint-token.sh --subject alice --roles CUSTOMER [--minutes 60]
#   deploy/mint-token.sh --subject ops --roles ADMIN
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib/java.sh
stack=deploy/local-stack/target
if [ ! -f "$stack/classpath.txt" ]; then
  ./mvnw -B -q -DskipTests package -pl deploy/local-stack -am
fi
exec java -Dstorefront.root="$PWD" -cp "$stack/classes:$(cat "$stack/classpath.txt")" \
  dev.storefront.localstack.MintToken "$@"
