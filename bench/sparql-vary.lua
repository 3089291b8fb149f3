-- wrk script for the uncached mix (bench/run.sh --vary): POSTs the SPARQL template in env
-- QUERY_FILE as an HTML form, with every %%VALUE%% replaced per request by the next term of env
-- VALUES_FILE (one SPARQL term a line: <iri> or "literal"). Thread t of T sends terms t, t+T,
-- t+2T, ... so no two requests carry the same term until the list wraps. Without a placeholder
-- (VALUES_FILE empty or unset) every request is the same text. Asks for JSON (CONSTRUCT: Turtle)
-- and prints, as sparql.lua:
--   RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors> <requests>
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local function read(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("*a")
  f:close()
  return s
end

local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local q = read(os.getenv("QUERY_FILE"))
local parts = {}         -- url-encoded pieces between the placeholders
local pos = 1
while true do
  local s, e = q:find("%%VALUE%%", pos, true)
  if not s then break end
  table.insert(parts, urlencode(q:sub(pos, s - 1)))
  pos = e + 1
end
table.insert(parts, urlencode(q:sub(pos)))
local values = {}
local vf = os.getenv("VALUES_FILE")
if vf and vf ~= "" and #parts > 1 then
  for line in io.lines(vf) do
    if line ~= "" then table.insert(values, urlencode(line)) end
  end
end
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
if q:find("CONSTRUCT") then headers["Accept"] = "text/turtle" else headers["Accept"] = "application/sparql-results+json" end
local fixed = "query=" .. table.concat(parts, "")

local step, i = 2, 0
function init(args)
  step = tonumber(os.getenv("WRK_THREADS") or "2")
  i = (tid or 0)
end

function request()
  if #values == 0 then return wrk.format("POST", nil, headers, fixed) end
  local v = values[(i % #values) + 1]
  i = i + step
  return wrk.format("POST", nil, headers, "query=" .. table.concat(parts, v))
end

function done(summary, latency, requests)
  local errs = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, errs, summary.requests))
end
