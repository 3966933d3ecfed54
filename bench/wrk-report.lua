-- wrk-report.lua: bearer header from the environment, and one machine-readable
-- summary line, so bench/load and bench/soak need not parse wrk's prose.
-- SPDX-License-Identifier: MIT
--
--   BENCH_BEARER=sk_... wrk -s bench/wrk-report.lua URL
--
-- The key is read from the environment (never a command-line argument, which
-- any user on the machine can see in ps). Without BENCH_BEARER no
-- Authorization header is sent (the static-file baseline, /healthz).
-- Printed by done():
--   WRK requests=N seconds=S rps=R p50_ms=A p99_ms=B non2xx=N sockerr=N
-- sockerr sums connect, read, write and timeout errors; non2xx counts the
-- responses with a status >= 400 (wrk's "status" error count).

local key = os.getenv("BENCH_BEARER")
if key and key ~= "" then
	wrk.headers["Authorization"] = "Bearer " .. key
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
