-- wrk script: print what bench/run.py reads, in one parse-friendly block.
-- No response() hook: it would make wrk parse every response in Lua and slow it.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write("BENCH requests ", summary.requests, "\n")
  io.write("BENCH duration_us ", summary.duration, "\n")
  io.write("BENCH p50_us ", latency:percentile(50), "\n")
  io.write("BENCH p99_us ", latency:percentile(99), "\n")
  io.write("BENCH errors ", e.connect + e.read + e.write + e.timeout + e.status, "\n")
end
