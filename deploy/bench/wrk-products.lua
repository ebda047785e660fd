-- wrk script of the catalog benchmark's closed-loop cached reads: GET /api/v1/products/{sku} over the
-- generated products SKU-0000001 .. SKU-<n> in turn, n from the first script argument (default 1000,
-- BENCH_HOT_PRODUCTS): the products Gatling reads uniformly in P1-P3. By hand, against a running service:
--   wrk -t1 -c32 -d10s --latency -s deploy/bench/wrk-products.lua http://127.0.0.1:8081 -- 1000
-- The requests are formatted once per thread in init(), so wrk spends its time sending, not formatting.

local requests = {}
local last = 0

function init(args)
  local n = tonumber(args[1]) or 1000
  for i = 1, n do
    requests[i] = wrk.format("GET", string.format("/api/v1/products/SKU-%07d", i))
  end
end

function request()
  last = last % #requests + 1
  return requests[last]
end
