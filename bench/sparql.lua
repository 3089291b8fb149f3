-- wrk script: POSTs one SPARQL query (file in env QUERY_FILE) as an HTML form, asks for JSON
-- (CONSTRUCT: Turtle), and prints one machine-readable line at the end:
--   RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local f = assert(io.open(os.getenv("QUERY_FILE"), "r"))
local q = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = "query=" .. urlencode(q)
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if q:find("CONSTRUCT") then
  wrk.headers["Accept"] = "text/turtle"
else
  wrk.headers["Accept"] = "application/sparql-results+json"
end

function done(summary, latency, requests)
  local errs = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, errs))
end
