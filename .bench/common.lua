-- Shared by the benchmark scenarios: per-thread counters of 5xx answers, and one parseable result line.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function count_response(status)
  if status >= 500 then
    n5xx = (n5xx or 0) + 1
  elseif status >= 400 then
    n4xx = (n4xx or 0) + 1
  end
end

function response(status, headers, body)
  count_response(status)
end

function done(summary, latency, requests)
  local s5, s4 = 0, 0
  for _, t in ipairs(threads) do
    s5 = s5 + (t:get("n5xx") or 0)
    s4 = s4 + (t:get("n4xx") or 0)
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f requests=%d errors=%d http4xx=%d http5xx=%d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    e.connect + e.read + e.write + e.timeout, s4, s5))
end

-- Lines of a file (sessions made by the dataset generator).
function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    table.insert(lines, line)
  end
  return lines
end

function split(s)
  local out = {}
  for part in string.gmatch(s, "%S+") do
    table.insert(out, part)
  end
  return out
end
