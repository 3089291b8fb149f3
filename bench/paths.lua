-- wrk script for bench/scale-out.sh: GETs the paths of env PATHS_FILE (one path a line, e.g.
-- /id/document/x or /api/queries/q?p=...), thread t of WRK_THREADS starting at line t and stepping
-- by WRK_THREADS, so no two requests carry the same path until the list wraps; env ACCEPT is the
-- Accept header. Prints, as sparql.lua:
--   RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors> <requests>
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  if line ~= "" then table.insert(paths, line) end
end
local headers = { ["Accept"] = os.getenv("ACCEPT") or "application/sparql-results+json" }

local step, i = 1, 0
function init(args)
  step = tonumber(os.getenv("WRK_THREADS") or "1")
  i = (tid or 0)
end

function request()
  local p = paths[(i % #paths) + 1]
  i = i + step
  return wrk.format("GET", p, headers, nil)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    non2xx, errors, summary.requests))
end
