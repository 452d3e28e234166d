-- mixed.lua: a wrk script that cycles through the paths named in
-- $BENCH_PATHS (separated by spaces), so one wrk run reads several pages
-- at once: the readers of the mixed-load round in reporting.py.
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do
	paths[#paths + 1] = p
end
local i = 0

request = function()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end
