-- GET a page as signed-in members, rotating the generated sessions (BENCH_OUT/sessions.txt).
package.path = package.path .. ";.bench/?.lua"
require "common"
local sessions = {}
local i = 0
function init(args)
  for _, line in ipairs(read_lines(os.getenv("BENCH_OUT") .. "/sessions.txt")) do
    table.insert(sessions, split(line))
  end
  i = math.random(#sessions)
end
function request()
  i = i % #sessions + 1
  return wrk.format("GET", nil, { ["Cookie"] = "crux_session=" .. sessions[i][1] })
end
