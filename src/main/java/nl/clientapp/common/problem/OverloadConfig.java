package nl.clientapp.common.problem;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits that shed load with 503 {@code server-busy} before an overload fills the heap, under the prefix {@code clientapp.overload}. */
@ConfigMapping(prefix = "clientapp.overload")
public interface OverloadConfig {

    /**
     * Requests the application serves at once; a request beyond it gets 503 {@code server-busy} at
     * once, before its headers are checked or its body is read. Normal load keeps few requests in
     * flight (an estimate: fewer than ten at 375 requests/s of 1 to 5 ms each), so the limit is
     * reached only when requests arrive faster than they finish. Without it the queue, and the
     * heap, grow until the JVM runs out of memory. The management interface (health, metrics) does
     * not count.
     *
     * <p>NOTE: 100 is a judgement, not a measurement: five times the connection pool, and far below
     * what fills a 192 MB heap. The benchmark has not yet tried other values.
     */
    @WithDefault("100")
    int maxConcurrentRequests();

    /**
     * Document downloads that hold their content in the heap at once. A download reads the whole
     * document into memory and keeps it until the response is sent, about twice its size. Without
     * this limit, 150 concurrent downloads of 1 MB documents ran a 192 MB heap out of memory in
     * the benchmark.
     */
    @WithDefault("4")
    int maxConcurrentDownloads();

    /** Maximum wait for a download slot. A download that waited longer gets 503 {@code server-busy}. */
    @WithDefault("PT2S")
    Duration downloadWait();

    /** {@code Retry-After} sent with the 503 {@code server-busy}. */
    @WithDefault("PT5S")
    Duration retryAfter();
}
