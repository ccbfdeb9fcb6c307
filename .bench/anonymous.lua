-- Anonymous GETs of the pages anyone can open, without cookies (each one a new visitor), rotating over the paths.
local paths = {"/", "/articles/is-china-about-to-disrupt-us-tech-insights-from-balaji-srinivasan", "/login", "/register", "/about", "/leaderboard", "/common-ground", "/feed.atom", "/mod/log",
  "/items/1", "/items/2", "/items/3", "/items/1.json", "/healthz"}
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) % #paths + 1])
end
