-- GET a page as signed-in members, rotating the generated sessions (BENCH_OUT/sessions.txt).
package.path = package.path .. ";.bench/?.lua"
require "common"
local sessions = {}
local i = 0
-- 2,000 members reading (the rest of the sessions are there for the write scenarios' budgets)
local readers = 2000
function init(args)
  for k, line in ipairs(read_lines(os.getenv("BENCH_OUT") .. "/sessions.txt")) do
    if k <= readers then table.insert(sessions, split(line)) end
  end
  i = math.random(#sessions)
end
function request()
  i = i % #sessions + 1
  return wrk.format("GET", nil, { ["Cookie"] = "crux_session=" .. sessions[i][1] })
end
