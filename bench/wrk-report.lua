-- wrk script for bench/logon.sh. Set by environment variables:
--   BENCH_MODE      "logon" (POST /api/log_on with the demo employee) or
--                   "page" (GET the URL given to wrk)
--   BENCH_ORIGIN    the server's origin, sent as Origin on the logon POST
--   BENCH_DELAY_MS  pause before each request (0: as fast as possible)
--   BENCH_ACCOUNTS  a file of addresses, one a line: "logon" mode then logs
--                   them on in turn (password Employee#2026), each request
--                   from its own client address (X-Forwarded-For; the
--                   server must run with --trust-forwarded-for), as many
--                   people would, instead of one account from one address
-- Counts responses by HTTP status in every thread and prints, when done,
-- machine-readable lines starting with "BENCH " (latencies in microseconds).

local mode = os.getenv("BENCH_MODE") or "page"
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0") or 0

if mode == "logon" then
  wrk.method = "POST"
  wrk.path = "/api/log_on"
  wrk.body = "email=zhang.san%40example.com&password=Employee%232026"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN") or ""
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local accounts = {}
local accounts_file = os.getenv("BENCH_ACCOUNTS")
if mode == "logon" and accounts_file and accounts_file ~= "" then
  for line in io.lines(accounts_file) do
    if line ~= "" then
      table.insert(accounts, line)
    end
  end
end

function init(args)
  statuses = {}
  -- Each thread its own random sequence, and its own place in the list.
  math.randomseed(os.time() * 100 + (id or 0))
  next_account = math.random(1, math.max(#accounts, 1))
end

if #accounts > 0 then
  function request()
    local address = accounts[next_account]
    next_account = next_account % #accounts + 1
    local headers = {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = wrk.headers["Origin"],
      ["X-Forwarded-For"] = string.format("10.%d.%d.%d",
        math.random(0, 255), math.random(0, 255), math.random(1, 254)),
    }
    local body = "email=" .. address:gsub("@", "%%40") .. "&password=Employee%232026"
    return wrk.format("POST", "/api/log_on", headers, body)
  end
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    if counted then
      for status, n in pairs(counted) do
        total[status] = (total[status] or 0) + n
      end
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx3xx=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format(
    "BENCH latency_us p50=%d p90=%d p99=%d max=%d mean=%.0f\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
  local line = "BENCH statuses"
  for status, n in pairs(total) do
    line = line .. string.format(" %d=%d", status, n)
  end
  io.write(line .. "\n")
end
