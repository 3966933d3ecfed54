-- wrk-mixed.lua: a steady mix of read requests for bench/soak.
-- SPDX-License-Identifier: MIT
--
--   BENCH_BEARER=sk_... BENCH_PATHS=/api/mcp/sites,/healthz wrk -s bench/wrk-mixed.lua URL
--
-- Each connection cycles through the comma-separated BENCH_PATHS (relative
-- to URL's host), offset by its thread so the mix starts spread out. The
-- bearer key comes from the environment, as in wrk-report.lua, and done()
-- prints the same WRK summary line.

local key = os.getenv("BENCH_BEARER")
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/healthz", "[^,]+") do
	paths[#paths + 1] = p
end
local i = 0
local counter = 0

setup = function(thread)
	counter = counter + 1
	thread:set("offset", counter)
end

init = function(args)
	i = offset or 0
	if key and key ~= "" then
		wrk.headers["Authorization"] = "Bearer " .. key
	end
end

request = function()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end

done = function(summary, latency, requests)
	local e = summary.errors
	local secs = summary.duration / 1e6
	io.write(string.format(
		"WRK requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d sockerr=%d\n",
		summary.requests, secs, summary.requests / secs,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		e.status, e.connect + e.read + e.write + e.timeout))
end
