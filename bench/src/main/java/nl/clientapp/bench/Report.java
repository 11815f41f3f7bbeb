package nl.clientapp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes docs/benchmarks.md from the results of one bench/run.sh run (key=value lines), the
 * captured SQL, the JMH JSON and the hand-written findings in bench/findings.md.
 */
final class Report {

    private static final String[] READS = { "timeline", "timeline-deep", "reports", "agenda", "documents", "download" };
    private static final Map<String, String> TITLES = Map.of(
            "timeline", "Timeline, newest 50 items",
            "timeline-deep", "Timeline, 50 items 100,000 deep (cursor)",
            "reports", "Reports, newest 50",
            "agenda", "Agenda, one week",
            "documents", "Document list",
            "download", "Document download, 1 MB");

    private final Map<String, String> results = new LinkedHashMap<>();
    private final Path runFolder;
    private final Path out;
    private final Path findings;
    private final StringBuilder md = new StringBuilder();

    Report(Args args) throws IOException {
        for (String line : Files.readAllLines(Path.of(args.required("results")), StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                results.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        runFolder = Path.of(args.required("sql"));
        out = Path.of(args.required("out"));
        findings = Path.of(args.required("findings"));
    }

    void run() throws IOException {
        header();
        machine();
        dataset();
        reads();
        login();
        soak();
        startAndMemory();
        jmh();
        goals();
        sql();
        findings();
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + out);
    }

    private void header() {
        line("# Benchmarks");
        line("");
        line("Produced by `bench/run.sh" + ("quick".equals(get("run.mode")) ? " --quick" : "") + "` on " + get("run.date")
                + " (" + get("run.mode") + " run, " + minutes(num("run.total_seconds")) + "). Rerun it to refresh this page;"
                + " the findings at the end are written by hand in `bench/findings.md`.");
        line("");
        line("The application ran from its packaged jar (`java -jar`, prod profile, JVM options: " + get("app.java_opts")
                + ", maximum heap " + get("app.max_heap_mb") + " MB) on 127.0.0.1,"
                + " against PostgreSQL on the same machine, with a load generator on the same cores. Each scenario ran for "
                + get("run.phase_seconds") + " s (latency phases of the timeline and login: " + get("run.latency_phase_seconds")
                + " s). Numbers from a machine shared with other work are noisy; compare runs only from the same quiet machine.");
        line("");
        line("Tools: **wrk** (maximum throughput, 2 threads, 32 connections, rotating tokens and cursors),"
                + " **pgbench** (the same SQL the API runs per request, replayed without the API: the physical limit),"
                + " and an **open-model driver** (bench/src: Vert.x HTTP client with 64 keep-alive connections, HdrHistogram)."
                + " The driver starts requests at fixed intended times and measures from the intended start, so a stall is not"
                + " hidden by coordinated omission. Each open-model phase first ran " + get("run.open_warmup_seconds")
                + " s unmeasured, while the JIT recompiled for the new load.");
        line("");
    }

    private void machine() {
        line("## Machine");
        line("");
        line("| | |");
        line("|---|---|");
        row("CPU", get("machine.cpu") + ", " + get("machine.cores") + " cores");
        row("Memory", get("machine.memory_gb") + " GB");
        row("Kernel", get("machine.kernel"));
        row("Java", get("machine.java"));
        row("PostgreSQL", get("machine.postgresql") + " (shared_buffers and other settings as installed)");
        row("Tools", get("machine.wrk") + ", " + get("machine.pgbench"));
        row("Load average at the end", get("machine.load_average"));
        line("");
    }

    private void dataset() {
        line("## Data set");
        line("");
        line("Generated inside PostgreSQL by `bench/sql/generate.sql` (scale " + get("dataset.scale") + ", "
                + get("dataset.generate_seconds") + " s, database " + get("dataset.database_mb") + " MB). Timestamps spread from"
                + " 2021 to today; names and texts come from Dutch word lists. Client 0 has " + get("dataset.deep_items")
                + " timeline items, for the deep cursor.");
        line("");
        line("| Table | Rows |");
        line("|---|---:|");
        results.forEach((key, value) -> {
            if (key.startsWith("dataset.rows.") && !key.endsWith("flyway_schema_history")) {
                row("`" + key.substring("dataset.rows.".length()) + "`", String.format(Locale.ROOT, "%,d", (long) Double.parseDouble(value)));
            }
        });
        line("");
    }

    private void reads() {
        line("## Read scenarios");
        line("");
        line("Maximum throughput with wrk, the pgbench replay of the same statements, and latency with the open-model"
                + " driver at half of wrk's maximum (the deep timeline at half of the first page's maximum).");
        line("");
        line("| Scenario | wrk max req/s | pgbench tx/s | API / pgbench | Open-model rate/s | p50 ms | p99 ms | p99.9 ms | Errors | SQL per request |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String scenario : READS) {
            String open = "open." + scenario + "." + scenario;
            row(TITLES.get(scenario), get("wrk." + scenario + ".rps"), fmt1(num("pgbench." + scenario + ".tps")),
                    percent(num("wrk." + scenario + ".rps") / num("pgbench." + scenario + ".tps")),
                    get("open." + scenario + ".rate"), get(open + ".p50_ms"), get(open + ".p99_ms"), get(open + ".p999_ms"),
                    errors(open) + " / wrk " + get("wrk." + scenario + ".errors"),
                    get("sql." + scenario + ".statements") + " (+" + get("sql." + scenario + ".transaction_control") + " BEGIN/COMMIT)");
        }
        line("");
        line("SQL per request counts the statements of one warm request, without BEGIN/COMMIT and without the column"
                + " metadata query that pgjdbc sends once per connection and statement shape (`SELECT c.oid, a.attnum …`).");
        line("");
        line("pgbench ran 16 clients on 2 threads with prepared statements. Its scripts are `bench/pgbench`, assembled per"
                + " scenario in `bench/target/run/pgbench`.");
        line("");
    }

    private void login() {
        line("## Login and SMS");
        line("");
        line("PIN login is the whole flow of the app: `POST /auth/challenges`, a P-256 signature of the challenge by the"
                + " device key, and `POST /auth/pin-login` (Argon2id check), timed together. It ran at 10 logins/s beside"
                + " 50 timeline reads/s. SMS code requests (`POST /auth/activations` with a fresh invitation code) went to the"
                + " loopback stand-in of the SMS gateway. Client addresses rotate over the documentation ranges in"
                + " X-Forwarded-For, so the per-IP throttles count many phones; they stay on.");
        line("");
        line("| Scenario | Rate/s | p50 ms | p99 ms | p99.9 ms | Errors | Answers |");
        line("|---|---:|---:|---:|---:|---:|---|");
        row("PIN login", "10", get("login.pin-login.p50_ms"), get("login.pin-login.p99_ms"), get("login.pin-login.p999_ms"),
                errors("login.pin-login"), get("login.pin-login.statuses"));
        row("Timeline beside the logins", "50", get("login.timeline.p50_ms"), get("login.timeline.p99_ms"),
                get("login.timeline.p999_ms"), errors("login.timeline"), get("login.timeline.statuses"));
        row("SMS code request", get("sms.rate"), get("sms.sms.p50_ms"), get("sms.sms.p99_ms"), get("sms.sms.p999_ms"),
                errors("sms.sms"), get("sms.sms.statuses"));
        line("");
    }

    private void soak() {
        line("## Mixed soak");
        line("");
        if (!soakCompleted()) {
            line("The soak did not complete, so it has no results: see the findings below.");
            line("");
            return;
        }
        line(get("run.soak_minutes") + " minutes at " + get("soak.rate") + " requests/s: timeline 40, deep timeline 5, reports 15,"
                + " agenda 15, document list 10, 1 MB download 1 and PIN login 2 parts in 88.");
        line("");
        line("| Kind | Requests | p50 ms | p99 ms | p99.9 ms | Errors | Statuses |");
        line("|---|---:|---:|---:|---:|---:|---|");
        for (String kind : new String[] { "timeline", "timeline-deep", "reports", "agenda", "documents", "download", "pin-login" }) {
            String key = "soak." + kind;
            row(kind, get(key + ".count"), get(key + ".p50_ms"), get(key + ".p99_ms"), get(key + ".p999_ms"), errors(key),
                    get(key + ".statuses"));
        }
        line("");
        if (results.containsKey("soak.failures")) {
            line("Requests without an answer (-1 above), by cause: " + get("soak.failures") + ".");
            line("");
        }
        line("PIN logins, whose latency is mostly the wait for an Argon2 run, are in the table only. p99 of the reads per"
                + " window, ms: " + get("soak.window_p99_ms") + ". Drift (last window against the first): "
                + percent(drift()) + ". Resident memory (VmRSS from /proc, every 5 s): first " + get("soak.rss_first_mb")
                + " MB, maximum " + get("soak.rss_max_mb") + " MB, last " + get("soak.rss_last_mb") + " MB.");
        line("");
    }

    private void startAndMemory() {
        line("## Cold start and memory");
        line("");
        line("Cold start, from launching `java -jar` to the first answered authenticated timeline read (database pool,"
                + " Flyway check, JIT all cold): **" + get("coldstart.first_request_ms") + " ms**. Resident memory after start: "
                + get("app.rss_after_start_mb") + " MB; after the soak: " + get("app.rss_after_soak_mb") + " MB, with a maximum heap of "
                + get("app.max_heap_mb") + " MB (JVM options: " + get("app.java_opts") + ").");
        line("");
    }

    private void jmh() throws IOException {
        line("## JMH microbenchmarks");
        line("");
        line("| Benchmark | Score | Unit |");
        line("|---|---:|---|");
        Path json = runFolder.resolve("jmh.json");
        if (Files.exists(json)) {
            String text = Files.readString(json);
            Matcher benchmark = Pattern.compile("\"benchmark\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
            Matcher score = Pattern.compile("\"primaryMetric\"\\s*:\\s*\\{\\s*\"score\"\\s*:\\s*([0-9.Ee+-]+),\\s*\"scoreError\"\\s*:\\s*\"?([0-9.Ee+-]+|NaN)\"?,[\\s\\S]*?\"scoreUnit\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
            while (benchmark.find() && score.find(benchmark.end())) {
                String name = benchmark.group(1).substring(benchmark.group(1).lastIndexOf('.', benchmark.group(1).lastIndexOf('.') - 1) + 1);
                row("`" + name + "`", String.format(Locale.ROOT, "%.3f ± %.3f", Double.parseDouble(score.group(1)),
                        Double.parseDouble(score.group(2))), score.group(3));
            }
        }
        line("");
        line("`PinHashingBenchmark` runs the application's own `PinHasher` (Argon2id, 19 MiB, 2 iterations, 1 lane, with"
                + " the pepper); `TokenVerificationBenchmark` verifies an RS256 access token with SmallRye JWT, the library the"
                + " application uses.");
        line("");
    }

    private void goals() {
        line("## Goals");
        line("");
        line("| Goal | Target | Measured | Result |");
        line("|---|---|---|---|");
        double ratio = num("wrk.timeline.rps") / num("pgbench.timeline.tps");
        double p99 = num("open.timeline.timeline.p99_ms");
        goal("Timeline page, 50 items", "≥ 30% of the pgbench replay; p99 < 25 ms at half of max rate",
                percent(ratio) + " of pgbench; p99 " + fmt(p99) + " ms", ratio >= 0.30 && p99 < 25);
        double deepP50 = num("open.timeline-deep.timeline-deep.p50_ms") / num("open.timeline.timeline.p50_ms");
        double deepP99 = num("open.timeline-deep.timeline-deep.p99_ms") / p99;
        goal("Same page, 100,000 items deep", "latency within 1.2× of the first page",
                "p50 " + fmt(deepP50) + "×, p99 " + fmt(deepP99) + "×", deepP50 <= 1.2 && deepP99 <= 1.2);
        double maxStatements = 0;
        String worst = "";
        for (String scenario : READS) {
            double statements = num("sql." + scenario + ".statements");
            if (statements > maxStatements) {
                maxStatements = statements;
                worst = scenario;
            }
        }
        goal("Any read endpoint", "≤ 3 SQL statements per request", fmt(maxStatements) + " at most (" + worst + ")",
                maxStatements <= 3);
        double login = num("login.pin-login.p99_ms");
        double beside = num("login.timeline.p99_ms");
        goal("PIN login", "p99 < 300 ms at 10 logins/s, while timeline reads keep p99 < 40 ms",
                "login p99 " + fmt(login) + " ms, timeline p99 " + fmt(beside) + " ms",
                login < 300 && beside < 40 && num("login.pin-login.errors") == 0);
        double soakErrors = 0;
        for (Map.Entry<String, String> entry : results.entrySet()) {
            if (entry.getKey().startsWith("soak.") && entry.getKey().endsWith(".errors")) {
                soakErrors += Double.parseDouble(entry.getValue());
            }
        }
        double drift = drift();
        double rss = num("soak.rss_max_mb");
        if (!soakCompleted()) {
            goal(get("run.soak_minutes") + "-minute mixed soak", "no errors, p99 drift < 20%, resident memory < 512 MB",
                    "did not complete (see the findings)", false);
        } else {
            goal(get("run.soak_minutes") + "-minute mixed soak", "no errors, p99 drift < 20%, resident memory < 512 MB",
                    fmt(soakErrors) + " errors, drift " + percent(drift) + ", RSS max " + fmt(rss) + " MB",
                    soakErrors == 0 && Math.abs(drift) < 0.20 && rss < 512);
        }
        double cold = num("coldstart.first_request_ms");
        goal("Cold start (JVM)", "first answered request < 3 s", fmt(cold) + " ms", cold < 3000);
        line("");
    }

    private void sql() throws IOException {
        line("## SQL per request");
        line("");
        line("Captured from the PostgreSQL log (`log_statement = all` on the benchmark database only) for one request of"
                + " each read scenario; the first line of each statement. A background job of the application can add a line"
                + " to a capture by chance. The pgbench replays in `bench/pgbench` run these statements with random members.");
        line("");
        for (String scenario : READS) {
            Path log = runFolder.resolve("sql-" + scenario + ".statements");
            line("**" + TITLES.get(scenario) + "**");
            line("");
            line("```");
            if (Files.exists(log)) {
                for (String statement : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    int at = statement.indexOf("LOG:  ");
                    line(at < 0 ? statement : statement.substring(at + 6));
                }
            }
            line("```");
            line("");
        }
    }

    private void findings() throws IOException {
        if (Files.exists(findings)) {
            md.append(Files.readString(findings, StandardCharsets.UTF_8));
        }
    }

    private double drift() {
        String[] windows = get("soak.window_p99_ms").trim().split("\\s+");
        if (windows.length < 2) {
            return Double.NaN;
        }
        return Double.parseDouble(windows[windows.length - 1]) / Double.parseDouble(windows[0]) - 1;
    }

    private void goal(String goal, String target, String measured, boolean met) {
        row(goal, target, measured, met ? "met" : "**missed**");
    }

    private String errors(String prefix) {
        return get(prefix + ".errors");
    }

    /** Returns whether the soak wrote its results, which the driver writes only at its end. */
    private boolean soakCompleted() {
        return results.containsKey("soak.rss_max_mb");
    }

    private String get(String key) {
        return results.getOrDefault(key, "n/a");
    }

    private double num(String key) {
        try {
            return Double.parseDouble(results.getOrDefault(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "n/a" : value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String fmt1(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String minutes(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }

    private void row(String... cells) {
        List<String> escaped = new ArrayList<>();
        for (String cell : cells) {
            escaped.add(cell.replace("|", "\\|"));
        }
        line("| " + String.join(" | ", escaped) + " |");
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
