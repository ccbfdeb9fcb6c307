-- POST a stance or forecast (BENCH_KIND) rotating over 4,000 members' sessions, as many members writing at once.
package.path = package.path .. ";.bench/?.lua"
require "common"
local sessions = {}
local i = 0
local stances = { "agree", "unsure", "disagree" }
local kind = os.getenv("BENCH_KIND")
local common_setup = setup
local made = 0
function setup(thread)
  common_setup(thread)
  made = made + 1
  thread:set("offset", made)
end
function init(args)
  local all = read_lines(os.getenv("BENCH_OUT") .. "/sessions.txt")
  -- each thread its own half of the sessions: two threads never race one member
  local n = tonumber(os.getenv("BENCH_THREADS") or "2")
  for k, line in ipairs(all) do
    if k % n == (offset or 1) % n then table.insert(sessions, split(line)) end
  end
end
function request()
  i = i % #sessions + 1
  local s = sessions[i]
  local body
  if kind == "forecast" then
    body = "probability=" .. math.random(1, 99) .. "&_csrf=" .. s[2]
  else
    body = "stance=" .. stances[math.random(3)] .. "&_csrf=" .. s[2]
  end
  return wrk.format("POST", nil, {
    ["Cookie"] = "crux_session=" .. s[1],
    ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
