-- wrk prints its own summary; this adds one line the bench reads: p50 and p95 (wrk's --latency
-- shows neither p95 nor a machine-readable form), the count and the answers that were not 2xx/3xx.
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCH {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"p50_us\": %d, \"p95_us\": %d, " ..
    "\"errors_status\": %d, \"errors_connect\": %d, \"errors_read\": %d, \"errors_timeout\": %d}\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.timeout))
end
