-- wrk script for bench/backends.sh. The request comes from the environment, so one script
-- serves every workload:
--   WRK_METHOD  GET (default) or POST
--   WRK_BODY    a request body (sent as application/json)
--   WRK_TOKEN   a bearer token (Authorization: Bearer ...)
-- At the end it prints one machine-readable line, which backends.sh parses:
--   BENCH requests=N duration_us=N p50_us=N p90_us=N p99_us=N max_us=N status_errors=N ...
-- (wrk counts a response with a status above 399 as a status error.)

local method = os.getenv("WRK_METHOD")
local body = os.getenv("WRK_BODY")
local token = os.getenv("WRK_TOKEN")

wrk.method = (method and method ~= "") and method or "GET"
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
