package nl.clientapp.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Open-model load: requests start at fixed intended times (rate per second), whether or not
 * earlier ones have returned, and each latency runs from the intended start to the end of the
 * response. So a stall shows up in the percentiles instead of slowing the sender down
 * (coordinated omission). Kinds: the read lists from Prepare, {@code pin-login} (challenge, then
 * the signed login, timed together) and {@code sms} (an activation request that sends an SMS code).
 *
 * <p>Requests go over a fixed pool of keep-alive connections ({@code --connections}, default 64)
 * on one Vert.x event loop, as from a reverse proxy. A request that finds every connection busy
 * waits for one, and that wait counts in its latency. The JDK HTTP client used before opened a new
 * connection for every outstanding request, up to 19,300 in one overloaded soak, and spent up to
 * half a core of the two the application and PostgreSQL share.
 */
final class OpenModelLoad {

    private static final long MAX_LATENCY_US = TimeUnit.SECONDS.toMicros(120);
    private static final Pattern CHALLENGE_ID = Pattern.compile("\"challengeId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"");

    private final Args args;
    private final String base;
    private final Path data;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient http;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final AtomicInteger addresses = new AtomicInteger();
    private final AtomicLong outstanding = new AtomicLong();
    /** p99 per window over the reads. PIN logins wait for Argon2, so at 2% of the mix they would set it alone. */
    private final Recorder windowRecorder = new Recorder(MAX_LATENCY_US, 3);
    /** Failed requests (no HTTP status) by exception type and message. */
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private volatile boolean measuring;

    OpenModelLoad(Args args) {
        this.args = args;
        this.base = args.get("base", "http://127.0.0.1:18080");
        this.data = Path.of(args.required("data"));
        URI address = URI.create(base);
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(address.getHost())
                .setDefaultPort(address.getPort())
                .setKeepAlive(true)
                .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(Integer.parseInt(args.get("connections", "64"))).setMaxWaitQueueSize(-1));
    }

    /** One request kind of the mix, with its weight, its inputs and what it measured. */
    private static final class Kind {
        final String name;
        final int weight;
        final List<String[]> lines;
        final Histogram histogram = new Histogram(MAX_LATENCY_US, 3);
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong errors = new AtomicLong();
        final AtomicInteger next = new AtomicInteger();

        Kind(String name, int weight, List<String[]> lines) {
            this.name = name;
            this.weight = weight;
            this.lines = lines;
        }

        synchronized void record(long micros) {
            histogram.recordValue(Math.min(micros, MAX_LATENCY_US));
        }
    }

    void run() throws Exception {
        for (String part : args.required("mix").split(",")) {
            String[] nameAndWeight = part.split(":");
            String name = nameAndWeight[0];
            kinds.put(name, new Kind(name, nameAndWeight.length > 1 ? Integer.parseInt(nameAndWeight[1]) : 1, load(name)));
        }
        double rate = Double.parseDouble(args.required("rate"));
        long durationNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args.required("duration")));
        long warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args.get("warmup", "5")));
        long windowNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args.get("window", "60")));
        String label = args.required("label");
        long appPid = Long.parseLong(args.get("app-pid", "0"));

        List<Kind> wheel = new ArrayList<>();
        kinds.values().forEach(kind -> {
            for (int i = 0; i < kind.weight; i++) {
                wheel.add(kind);
            }
        });
        Random random = new Random(7);
        double periodNanos = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + warmupNanos;
        long end = measureFrom + durationNanos;
        long nextWindow = measureFrom + windowNanos;
        List<Double> windowP99 = new ArrayList<>();
        List<Long> rssSamples = new ArrayList<>();
        long nextRss = measureFrom;
        long sent = 0;
        long maxBacklog = 0;

        for (long i = 0;; i++) {
            long intended = start + (long) (i * periodNanos);
            if (intended >= end) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(Math.min(intended - now, 1_000_000));
            }
            if (!measuring && intended >= measureFrom) {
                measuring = true;
                windowRecorder.getIntervalHistogram();
            }
            if (measuring && now >= nextWindow) {
                windowP99.add(windowRecorder.getIntervalHistogram().getValueAtPercentile(99) / 1000.0);
                nextWindow += windowNanos;
            }
            if (appPid > 0 && now >= nextRss) {
                rssSamples.add(rssKib(appPid));
                nextRss += TimeUnit.SECONDS.toNanos(5);
            }
            Kind kind = wheel.get(random.nextInt(wheel.size()));
            fire(kind, intended, intended >= measureFrom);
            sent++;
            maxBacklog = Math.max(maxBacklog, outstanding.get());
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (outstanding.get() > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        Histogram last = windowRecorder.getIntervalHistogram();
        if (last.getTotalCount() > 0 && (windowP99.isEmpty() || last.getTotalCount() > 100)) {
            windowP99.add(last.getValueAtPercentile(99) / 1000.0);
        }
        write(label, rate, durationNanos, sent, maxBacklog, windowP99, rssSamples);
        vertx.close();
        System.exit(0);
    }

    private void fire(Kind kind, long intended, boolean measured) {
        outstanding.incrementAndGet();
        CompletableFuture<Integer> call = switch (kind.name) {
            case "pin-login" -> pinLogin(kind);
            case "sms" -> sms(kind);
            default -> read(kind);
        };
        call.whenComplete((status, failure) -> {
            long micros = (System.nanoTime() - intended) / 1000;
            outstanding.decrementAndGet();
            if (!measured) {
                return;
            }
            kind.record(micros);
            if (!kind.name.equals("pin-login") || kinds.size() == 1) {
                windowRecorder.recordValue(Math.min(micros, MAX_LATENCY_US));
            }
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                failures.computeIfAbsent(cause.getClass().getSimpleName() + ": " + cause.getMessage(), key -> {
                    cause.printStackTrace();
                    return new AtomicLong();
                }).incrementAndGet();
            }
            int code = failure != null ? -1 : status;
            kind.statuses.computeIfAbsent(code, key -> new AtomicLong()).incrementAndGet();
            if (code < 200 || code >= 300) {
                kind.errors.incrementAndGet();
            }
        });
    }

    private CompletableFuture<Integer> read(Kind kind) {
        String[] line = kind.lines.get(Math.floorMod(kind.next.getAndIncrement(), kind.lines.size()));
        return send(HttpMethod.GET, line[1], headers().add("Authorization", "Bearer " + line[2]), null).thenApply(Reply::status);
    }

    /** Requests a challenge, signs it with the device key and logs in with the PIN. */
    private CompletableFuture<Integer> pinLogin(Kind kind) {
        String[] device = kind.lines.get(Math.floorMod(kind.next.getAndIncrement(), kind.lines.size()));
        String address = clientAddress();
        MultiMap headers = headers().add("X-Forwarded-For", address).add("Content-Type", "application/json");
        return send(HttpMethod.POST, "/app/v1/auth/challenges", headers, "{\"deviceId\":\"" + device[0] + "\"}").thenCompose(challenge -> {
            if (challenge.status() / 100 != 2) {
                return CompletableFuture.completedFuture(challenge.status());
            }
            String body = challenge.body();
            String signature = sign(device[1], Base64.getDecoder().decode(group(CHALLENGE, body)));
            return send(HttpMethod.POST, "/app/v1/auth/pin-login", headers, "{\"deviceId\":\"" + device[0] + "\",\"challengeId\":\""
                    + group(CHALLENGE_ID, body) + "\",\"pin\":\"" + Prepare.PIN + "\",\"signature\":\"" + signature + "\"}")
                    .thenApply(Reply::status);
        });
    }

    /** Starts an activation with a fresh invitation's code, which sends one SMS code through the stand-in. */
    private CompletableFuture<Integer> sms(Kind kind) {
        int index = kind.next.getAndIncrement();
        if (index >= kind.lines.size()) {
            return CompletableFuture.completedFuture(-2);
        }
        MultiMap headers = headers().add("X-Forwarded-For", clientAddress()).add("Content-Type", "application/json");
        return send(HttpMethod.POST, "/app/v1/auth/activations", headers, "{\"activationCode\":\"" + kind.lines.get(index)[0] + "\"}")
                .thenApply(Reply::status);
    }

    /**
     * Returns the next client address from the documentation ranges (RFC 5737), sent in
     * X-Forwarded-For. The benchmark set-up trusts that header from 127.0.0.1, so the per-IP
     * throttles count many phones instead of one. No connection goes to these addresses.
     */
    private String clientAddress() {
        int n = addresses.getAndIncrement();
        String[] ranges = { "192.0.2.", "198.51.100.", "203.0.113." };
        return ranges[Math.floorMod(n / 254, 3)] + (1 + Math.floorMod(n, 254)) + "";
    }

    /** Status and body text of a response. */
    private record Reply(int status, String body) {
    }

    /**
     * Sends a request with {@code body} (none when null) and waits for the end of the response; it
     * fails after 60 seconds without data. Only a POST's response text is kept. A GET's body, such
     * as the 1 MB download, is dropped as it arrives instead of being collected.
     */
    private CompletableFuture<Reply> send(HttpMethod method, String path, MultiMap headers, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setHeaders(headers).setIdleTimeout(60_000);
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> method == HttpMethod.GET
                        ? endOf(response)
                        : response.body().map(content -> new Reply(response.statusCode(), content.toString(StandardCharsets.UTF_8))))
                .toCompletionStage()
                .toCompletableFuture();
    }

    /**
     * Returns when the response has ended, dropping its body. Vert.x's {@code end()} throws
     * IllegalStateException for a response that has already ended, which for a small body can
     * happen before this runs; that response is complete.
     */
    private static Future<Reply> endOf(HttpClientResponse response) {
        try {
            return response.end().map(ended -> new Reply(response.statusCode(), null));
        } catch (IllegalStateException alreadyEnded) {
            return Future.succeededFuture(new Reply(response.statusCode(), null));
        }
    }

    private static MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-Proto", "https");
    }

    private static String group(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected challenge response: " + body);
        }
        return matcher.group(1);
    }

    private static String sign(String privateKeyBase64, byte[] challenge) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64)));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(challenge);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Signing the challenge failed", e);
        }
    }

    private List<String[]> load(String kind) throws IOException {
        String file = switch (kind) {
            case "pin-login" -> "devices.tsv";
            case "sms" -> "invitations.tsv";
            default -> "read-" + kind + ".tsv";
        };
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve(file), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line.split("\t"));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("No input for " + kind + " in " + data.resolve(file));
        }
        return lines;
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private void write(String label, double rate, long durationNanos, long sent, long maxBacklog, List<Double> windowP99,
            List<Long> rssSamples) throws IOException {
        StringBuilder out = new StringBuilder();
        double seconds = durationNanos / 1e9;
        out.append(label).append(".rate=").append(rate).append('\n');
        out.append(label).append(".seconds=").append(seconds).append('\n');
        out.append(label).append(".sent=").append(sent).append('\n');
        out.append(label).append(".max_outstanding=").append(maxBacklog).append('\n');
        for (Kind kind : kinds.values()) {
            String prefix = label + "." + kind.name;
            Histogram h = kind.histogram;
            out.append(prefix).append(".count=").append(h.getTotalCount()).append('\n');
            out.append(prefix).append(".throughput=").append(String.format(java.util.Locale.ROOT, "%.1f", h.getTotalCount() / seconds)).append('\n');
            out.append(prefix).append(".errors=").append(kind.errors.get()).append('\n');
            out.append(prefix).append(".statuses=").append(kind.statuses).append('\n');
            out.append(prefix).append(".p50_ms=").append(ms(h.getValueAtPercentile(50))).append('\n');
            out.append(prefix).append(".p99_ms=").append(ms(h.getValueAtPercentile(99))).append('\n');
            out.append(prefix).append(".p999_ms=").append(ms(h.getValueAtPercentile(99.9))).append('\n');
            out.append(prefix).append(".max_ms=").append(ms(h.getMaxValue())).append('\n');
        }
        if (!failures.isEmpty()) {
            out.append(label).append(".failures=").append(failures).append('\n');
        }
        out.append(label).append(".window_p99_ms=").append(windowP99.stream().map(v -> String.format(java.util.Locale.ROOT, "%.2f", v))
                .reduce((a, b) -> a + " " + b).orElse("")).append('\n');
        if (!rssSamples.isEmpty()) {
            out.append(label).append(".rss_max_mb=").append(rssSamples.stream().mapToLong(Long::longValue).max().getAsLong() / 1024).append('\n');
            out.append(label).append(".rss_first_mb=").append(rssSamples.get(0) / 1024).append('\n');
            out.append(label).append(".rss_last_mb=").append(rssSamples.get(rssSamples.size() - 1) / 1024).append('\n');
        }
        Path file = Path.of(args.required("out"));
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(out);
    }

    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
