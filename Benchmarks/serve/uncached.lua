-- wrk: every request a map no one has asked for before (its own title), so neither the response
-- cache nor the sharing of a render in progress answers it; the basemap cache still may, as it
-- would for a live page's new dates. The run's tag (wrk ... -- TAG) keeps runs apart.
local threads = 0
local tag = "run"
function init(args)
  if args[1] then tag = args[1] end
end
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", "/map.png?title=Uncached+map+" .. tag .. "-" .. id .. "-" .. n)
end
