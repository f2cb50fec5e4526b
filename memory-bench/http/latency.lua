-- wrk script: after the run, print the latency percentiles (milliseconds) and the request count on
-- one line that run.sh reads. Used alone for GET routes and in front of post-memory.lua for adds.
done = function(summary, latency, requests)
  io.write(string.format("percentiles-ms p50=%.2f p99=%.2f p999=%.2f max=%.2f requests=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, summary.requests))
end
