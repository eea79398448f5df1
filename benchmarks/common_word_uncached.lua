-- The same common word with a different upper date each time (2000-01-01 + n days, n < 9000),
-- so that almost no answer can be kept: the cost of ranking "the" over every passage.
-- wrk -t2 -c20 -d10s --latency -s benchmarks/common_word_uncached.lua http://127.0.0.1:8765
counter = 0
request = function()
  counter = counter + 1
  local n = (counter * 7919 + math.random(0, 1000000)) % 9000
  local t = os.time({year = 2000, month = 1, day = 1}) + n * 86400
  return wrk.format("GET", "/api/v1/search?q=the&to=" .. os.date("!%Y-%m-%d", t))
end
