-- A common word, asked again and again: GET /api/v1/search?q=the (results kept after the first).
-- wrk -t2 -c20 -d10s --latency -s benchmarks/common_word.lua http://127.0.0.1:8765
request = function() return wrk.format("GET", "/api/v1/search?q=the") end
