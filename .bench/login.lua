-- POST /login with the generated visitors' form tokens (cookie, token, name), each from its own address (X-Forwarded-For; Crux trusts
-- 127.0.0.1 as a proxy in the benchmark), so the per-address login limit sees many clients, as in real life.
package.path = package.path .. ";.bench/?.lua"
require "common"
local sessions = {}
local i = 0
local common_setup = setup
local made = 0
function setup(thread)
  common_setup(thread)
  made = made + 1
  thread:set("offset", made)
end
function init(args)
  local all = read_lines(os.getenv("BENCH_OUT") .. "/prelogin.txt")
  for k, line in ipairs(all) do
    if k % 2 == (offset or 1) % 2 then table.insert(sessions, split(line)) end
  end
end
function request()
  i = i + 1
  local s = sessions[(i - 1) % #sessions + 1]
  local n = i * 2 + (offset or 1)
  local ip = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", "/login", {
    ["Cookie"] = "crux_visitor=" .. s[1],
    ["X-Forwarded-For"] = ip,
    ["Content-Type"] = "application/x-www-form-urlencoded" },
    "name=" .. s[3] .. "&password=bench-password-42&_csrf=" .. s[2])
end
