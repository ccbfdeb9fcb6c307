-- GET /search with a different search on (almost) every request: two words most seeded arguments share and a third
-- left out, drawn from the seeded arguments' own words (12 × 11 × 10 = 1,320 searches, more than Crux keeps ranked),
-- so that most requests rank, read and render afresh: the cost of a search nobody has just made.
package.path = package.path .. ";.bench/?.lua"
require "common"
local words = { "evidence", "suggests", "claim", "holds", "numbers", "read", "context", "source", "checked",
  "actually", "said", "time" }
function init(args)
  -- each thread its own sequence: a table's address differs between wrk's threads
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end
local function pick(...)
  local taken = { ... }
  while true do
    local w = words[math.random(#words)]
    local free = true
    for _, t in ipairs(taken) do
      if t == w then free = false end
    end
    if free then return w end
  end
end
function request()
  local a = pick()
  local b = pick(a)
  local c = pick(a, b)
  return wrk.format("GET", "/search?q=" .. a .. "+" .. b .. "+-" .. c)
end
