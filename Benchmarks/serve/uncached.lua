-- wrk: every request a map no one has asked for before (its own title), so neither the response
-- cache nor the sharing of a render in progress answers it; the basemap cache still may, as it
-- would for a live page's new dates.
local id = 0
local n = 0
function setup(thread)
  id = id + 1
  thread:set("id", id)
end
function request()
  n = n + 1
  return wrk.format("GET", "/map.png?title=Uncached+map+" .. id .. "-" .. n)
end
