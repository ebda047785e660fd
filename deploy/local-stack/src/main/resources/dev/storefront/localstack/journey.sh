# The golden journey with curl: browse, cart, checkout, CONFIRMED, cancel, the stock comes back.
# Run it as it is (bash .storefront/journey.sh) or paste it line by line. CATALOG, ORDERS, SKU and TOKENS
# override where it goes; nothing but bash, curl and sed is needed.
set -euo pipefail
source "${TOKENS:-.storefront/tokens.env}"
CATALOG=${CATALOG:-http://127.0.0.1:8081} ORDERS=${ORDERS:-http://127.0.0.1:8082} SKU=${SKU:-SKU-0000001}
AUTH="Authorization: Bearer $CUSTOMER_TOKEN"
echo "# the product and its stock"
curl -s "$CATALOG/api/v1/products/$SKU"; echo
BEFORE=$(curl -s "$CATALOG/api/v1/products/$SKU/stock"); echo "$BEFORE"
echo "# a cart with two of it"
CART=$(curl -s -o /dev/null -D - -X POST -H "$AUTH" "$ORDERS/api/v1/carts" | sed -n 's|^[Ll]ocation: .*/carts/\([0-9a-f]*\).*|\1|p')
curl -s -X PUT -H "$AUTH" -H 'Content-Type: application/json' -d '{"quantity":2}' "$ORDERS/api/v1/carts/$CART/items/$SKU"; echo
echo "# checkout (the same Idempotency-Key again would replay this answer, not order twice)"
ORDER=$(curl -s -o /dev/null -D - -X POST -H "$AUTH" -H 'Content-Type: application/json' -H "Idempotency-Key: checkout-$CART" \
  -d "{\"cartId\":\"$CART\"}" "$ORDERS/api/v1/orders" | sed -n 's|^[Ll]ocation: .*/orders/\([0-9a-f-]*\).*|\1|p')
echo "# PENDING until catalog has reserved the stock, then CONFIRMED"
for _ in $(seq 1 40); do
  STATUS=$(curl -s -H "$AUTH" "$ORDERS/api/v1/orders/$ORDER" | sed -n 's|^{[^{]*"status":"\([A-Z]*\)".*|\1|p')
  [ "$STATUS" != PENDING ] && break; sleep 0.25
done
curl -s -H "$AUTH" "$ORDERS/api/v1/orders/$ORDER"; echo
echo "# cancel it: catalog puts the two units back"
curl -s -X POST -H "$AUTH" -H 'Content-Type: application/json' -d '{"reason":"changed my mind"}' "$ORDERS/api/v1/orders/$ORDER/cancel"; echo
for _ in $(seq 1 40); do
  AFTER=$(curl -s "$CATALOG/api/v1/products/$SKU/stock"); [ "$AFTER" = "$BEFORE" ] && break; sleep 0.25
done
echo "$AFTER"
echo "journey: order $ORDER was $STATUS, then cancelled; stock before $BEFORE, after $AFTER"
