// Load generation with autocannon, and the numbers the bench reports from it.
import autocannon from "autocannon";

/** The q-th percentile (0–100) of sorted values, nearest-rank. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round1 = (value) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * Runs autocannon against each of `urls` at once (`connections` each) for `seconds` and returns
 * requests/s (mean over the run), p50/p95/p99 latency in ms, and errors (connection errors,
 * timeouts and non-2xx answers). autocannon reports p90 and p97.5 but no p95: the latencies are
 * taken from its per-response events instead, so every percentile is exact.
 */
export async function runLoad({ urls, cookie, connections = 10, seconds = 10 }) {
  const runs = urls.map((url) => loadOne({ url, cookie, connections, seconds }));
  const results = await Promise.all(runs);
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    rps: round1(results.reduce((sum, r) => sum + r.rps, 0)),
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    perUrl: results.map(({ latencies: _dropped, ...rest }) => rest),
  };
}

function loadOne({ url, cookie, connections, seconds }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const statuses = {};
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 10,
        headers: cookie ? { cookie } : {},
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const elapsedSeconds = result.duration || seconds;
        resolve({
          url,
          // Completed requests per second over the run (autocannon's own mean of its 1 s samples
          // drops the last partial second; this does not).
          rps: result.requests.total / elapsedSeconds,
          requests: result.requests.total,
          // autocannon counts a timeout among its errors too.
          errors: result.errors + result.non2xx,
          connectionErrors: result.errors - result.timeouts,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statuses,
          latencies,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}
