import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts three instances of the packaged API ({@code java -jar}) against one PostgreSQL database
 * and proves, with one PASS or FAIL line per check, that they behave as one service: migrations on
 * an empty database, tokens accepted by every instance, refresh-token replay caught across
 * instances, shared throttles, jobs and the outbox relay processing each item once, and no
 * committed write lost when one instance is killed with SIGKILL under load.
 *
 * <p>The instances run the production build and profile: HTTPS only with a certificate generated
 * here for 127.0.0.1, a signing key pair and pepper generated for this run, the CM.com SMS adapter,
 * the FCM adapter and the SMTP mailer pointed at stand-ins that this program serves on loopback.
 * Every socket is on 127.0.0.1. Run it through {@code scripts/multi-instance-proof.sh}, which
 * builds the jar and creates the database. Exit code 0 when every check passed, 1 otherwise.
 */
public class MultiInstanceProof {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SecureRandom RANDOM = new SecureRandom();
    static final String PIN = "52817";
    static final int INSTANCES = 3;
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("proof.start-timeout-seconds", 300));
    static final Duration STATE_TIMEOUT = Duration.ofSeconds(Long.getLong("proof.state-timeout-seconds", 180));
    static final Pattern ACTIVATION_CODE = Pattern.compile("clientapp://activate\\?code=([A-Za-z0-9_-]+)");
    static final Pattern SMS_CODE = Pattern.compile("\\b(\\d{6})\\b");

    final List<String> results = new ArrayList<>();
    boolean failed;
    boolean stopped;

    final Path jar;
    final String dbUrl;
    final String dbUser;
    final Path workDir;
    final SmtpStandIn smtp = new SmtpStandIn();
    final HttpStandIn providers = new HttpStandIn();
    final List<Instance> instances = new ArrayList<>();
    HttpClient http;
    /** News posts that got a 2xx from another instance after the connection of an earlier try broke. */
    final AtomicInteger retriedPosts = new AtomicInteger();
    String integratorId = "proof-ecd";
    String integratorSecret = "test-only-" + randomText(24);

    MultiInstanceProof(Path jar, String dbUrl, String dbUser, Path workDir) {
        this.jar = jar;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("Usage: MultiInstanceProof JAR JDBC-URL WORK-DIR (run scripts/multi-instance-proof.sh)");
            System.exit(2);
        }
        MultiInstanceProof proof = new MultiInstanceProof(Path.of(args[0]), args[1],
                System.getenv().getOrDefault("PROOF_DB_USERNAME", "postgres"), Path.of(args[2]));
        // Ctrl-C or a CI timeout stops the instances too, so no java -jar process is left behind.
        Runtime.getRuntime().addShutdownHook(new Thread(proof::stopAll));
        int exit;
        try {
            proof.run();
        } catch (Exception | AssertionError e) {
            proof.fail("proof aborted: " + e);
            e.printStackTrace();
        } finally {
            proof.stopAll();
        }
        System.out.println();
        System.out.println("Summary:");
        proof.results.forEach(line -> System.out.println("  " + line));
        exit = proof.failed ? 1 : 0;
        System.out.println(proof.failed ? "RESULT: FAIL" : "RESULT: PASS");
        System.exit(exit);
    }

    void run() throws Exception {
        Files.createDirectories(workDir);
        smtp.start();
        providers.start();
        Path keyStore = workDir.resolve("tls.p12");
        String keyStorePassword = "test-only-" + randomText(16);
        generateKeyStore(keyStore, keyStorePassword);
        http = httpClient(keyStore, keyStorePassword);
        Map<String, String> environment = sharedEnvironment(keyStore, keyStorePassword);

        checkParallelMigrations(environment);
        checkJsonLogs();
        Tokens member = checkTokensAcrossInstances();
        checkRefreshReplay(member);
        checkSharedThrottle();
        checkJobsExactlyOnce();
        checkKillUnderLoad(member);
    }

    // ---- Checks ----------------------------------------------------------------------------

    /** Starts all three at once on the empty database and checks Flyway's history afterwards. */
    void checkParallelMigrations(Map<String, String> environment) throws Exception {
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(new Instance(i, freePort(), freePort(), freePort(), workDir.resolve("instance-" + i + ".log")));
        }
        for (Instance instance : instances) {
            instance.start(jar, environment);
        }
        boolean allReady = true;
        for (Instance instance : instances) {
            allReady &= instance.awaitReady(http, START_TIMEOUT);
        }
        check(allReady, "three instances started at once on an empty database and became ready");
        if (!allReady) {
            throw new IllegalStateException("not every instance started; see " + workDir + "/instance-*.log");
        }
        long migrationFiles;
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrationFiles = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        Map<String, Long> history = querySingleRow("""
                select count(*) as applied, count(distinct version) as versions,
                       count(*) filter (where not success) as failed
                  from flyway_schema_history where version is not null
                """);
        check(history.get("applied") == migrationFiles && history.get("versions") == migrationFiles && history.get("failed") == 0,
                "Flyway applied each of the " + migrationFiles + " migrations exactly once, none failed (history: " + history + ")");
        long integrators = queryLong("select count(*) from integrator_client where client_id = ?", integratorId);
        check(integrators == 1, "the bootstrap integrator exists once after three parallel starts (found " + integrators + ")");
    }

    /** Checks that the production log is JSON, one object per line, with the request id of each request. */
    void checkJsonLogs() throws Exception {
        String requestId = "proof-" + UUID.randomUUID();
        HttpResponse<String> response = send(instances.get(0), HttpRequest.newBuilder()
                .header("X-Request-Id", requestId)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(integratorId, integratorSecret))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")), "/oauth/token");
        check(response.statusCode() == 200 && requestId.equals(response.headers().firstValue("X-Request-Id").orElse(null)),
                "an instance returns the incoming X-Request-Id");
        boolean found = poll(Duration.ofSeconds(10), () -> {
            for (String line : instances.get(0).logLines()) {
                if (line.contains(requestId)) {
                    try {
                        JsonNode entry = JSON.readTree(line);
                        return requestId.equals(entry.path("mdc").path("requestId").asText());
                    } catch (IOException e) {
                        return false;
                    }
                }
            }
            return false;
        });
        boolean allJson = instances.get(0).logLines().stream().filter(line -> !line.isBlank())
                .allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        check(found && allJson, "the production log is JSON lines and the request's lines carry its requestId in mdc");
    }

    /** Checks that an integrator token and an app user's token, each issued by one instance, work on the others. */
    Tokens checkTokensAcrossInstances() throws Exception {
        String integratorToken = integratorToken(instances.get(0));
        boolean integratorEverywhere = true;
        for (Instance instance : instances) {
            integratorEverywhere &= send(instance, bearer(integratorToken).GET(), "/integration/v1/clients?patientId=none")
                    .statusCode() != 401;
        }
        check(integratorEverywhere, "an integrator token issued by instance 1 is accepted by instances 1, 2 and 3");

        UUID clientId = importPatient(instances.get(1), integratorToken, "proof-patient-" + randomHex(6), false);
        Member member = register(instances.get(2), integratorToken, clientId, "FULL_ACCESS_ADMIN", "CONTACT_PERSON");
        Tokens tokens = activate(member);

        boolean appEverywhere = true;
        for (Instance instance : instances) {
            HttpResponse<String> clients = send(instance, bearer(tokens.accessToken()).GET(), "/app/v1/clients");
            appEverywhere &= clients.statusCode() == 200 && clients.body().contains(clientId.toString());
        }
        check(appEverywhere, "an app access token issued by instance 1 reads the client list on instances 1, 2 and 3");
        return tokens;
    }

    /** Checks that a refresh on one instance, then the replay of the old refresh token on another, revokes the family. */
    void checkRefreshReplay(Tokens tokens) throws Exception {
        HttpResponse<String> rotated = postJson(instances.get(1), null, "/app/v1/auth/token",
                Map.of("refreshToken", tokens.refreshToken()));
        check(rotated.statusCode() == 200, "refresh on instance 2 returns a new token pair (HTTP " + rotated.statusCode() + ")");
        String newRefresh = JSON.readTree(rotated.body()).path("refreshToken").asText();
        String newAccess = JSON.readTree(rotated.body()).path("accessToken").asText();

        HttpResponse<String> replay = postJson(instances.get(2), null, "/app/v1/auth/token",
                Map.of("refreshToken", tokens.refreshToken()));
        check(replay.statusCode() == 401, "replaying the used refresh token on instance 3 is refused (HTTP " + replay.statusCode() + ")");

        HttpResponse<String> afterReplay = postJson(instances.get(0), null, "/app/v1/auth/token", Map.of("refreshToken", newRefresh));
        check(afterReplay.statusCode() == 401,
                "after the replay the newest refresh token of the family is refused on instance 1 (HTTP " + afterReplay.statusCode() + ")");
        HttpResponse<String> access = send(instances.get(0), bearer(newAccess).GET(), "/app/v1/clients");
        check(access.statusCode() == 401,
                "after the replay the family's access token is refused on the next request (HTTP " + access.statusCode() + ")");
    }

    /** Checks that failed client secrets spread over the three instances reach one shared limit. */
    void checkSharedThrottle() throws Exception {
        String unknownClient = "proof-unknown-" + randomHex(8);
        int limit = 10;
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < limit; attempt++) {
            statuses.add(tokenRequest(instances.get(attempt % INSTANCES), unknownClient, "wrong-secret").statusCode());
        }
        List<Integer> after = new ArrayList<>();
        for (Instance instance : instances) {
            after.add(tokenRequest(instance, unknownClient, "wrong-secret").statusCode());
        }
        check(statuses.stream().allMatch(status -> status == 401) && after.stream().allMatch(status -> status == 429),
                "10 failed client secrets spread over 3 instances hit the per-account limit of 10: "
                        + "first 10 " + statuses + ", then on each instance " + after);
    }

    /**
     * Registers members of a client through all instances, ends the client's care more than
     * 6 weeks ago through FHIR, and lets the end-of-access job and the relay of all three run.
     */
    void checkJobsExactlyOnce() throws Exception {
        String integratorToken = integratorToken(instances.get(1));
        String patientId = "proof-ending-" + randomHex(6);
        UUID clientId = importPatient(instances.get(0), integratorToken, patientId, true);
        int memberCount = Integer.getInteger("proof.members", 45);
        List<Member> members = new ArrayList<>();
        members.add(register(instances.get(0), integratorToken, clientId, "FULL_ACCESS_ADMIN", "CONTACT_PERSON"));
        for (int i = 1; i < memberCount; i++) {
            members.add(register(instances.get(i % INSTANCES), integratorToken, clientId, i % 2 == 0 ? "FULL_ACCESS" : "TIMELINE_ONLY",
                    "CONTACT_PERSON"));
        }
        HttpResponse<String> episode = putFhir(instances.get(2), integratorToken, "EpisodeOfCare", patientId + "-care", """
                {"resourceType":"EpisodeOfCare","id":"%s-care","status":"finished",
                 "patient":{"reference":"Patient/%s"},"period":{"start":"2020-01-01","end":"2025-01-01"}}
                """.formatted(patientId, patientId));
        check(episode.statusCode() / 100 == 2, "care of a client with " + memberCount + " members ended on 2025-01-01 through FHIR (HTTP "
                + episode.statusCode() + ")");

        boolean allEnded = poll(STATE_TIMEOUT, () -> queryLongUnchecked(
                "select count(*) from membership where client_id = ? and status = 'ACTIVE'", clientId) == 0);
        check(allEnded, "the end-of-access jobs of the instances ended all " + memberCount + " memberships");
        long endedOnce = queryLong("""
                select count(*) from membership m
                 where m.client_id = ? and m.status = 'ENDED' and m.ended_at is not null and m.end_reason = 'CARE_ENDED'
                   and (select count(*) from audit_entry a
                         where a.event = 'membership.access-ended' and a.object_id = m.id::text) = 1
                """, clientId);
        check(endedOnce == memberCount, "each membership ended once, with one audit entry each (" + endedOnce + " of " + memberCount + ")");

        Set<String> addresses = new HashSet<>();
        members.forEach(member -> addresses.add(member.email()));
        boolean drained = poll(STATE_TIMEOUT, () -> pendingMessagesTo(addresses) == 0);
        Map<String, Long> outboxRows = emailRowsPerRecipient(addresses);
        long rows = outboxRows.values().stream().mapToLong(Long::longValue).sum();
        long notSent = queryLongForAddresses("select count(*) from outbox_message where channel = 'EMAIL' and status <> 'SENT' and recipient = any(?)",
                addresses);
        boolean exactlyOnce = drained && notSent == 0;
        List<String> mismatches = new ArrayList<>();
        for (String address : addresses) {
            long expected = outboxRows.getOrDefault(address, 0L);
            long received = smtp.countTo(address);
            if (expected != received) {
                mismatches.add(address.substring(0, 12) + "…: outbox " + expected + ", SMTP " + received);
            }
        }
        exactlyOnce &= mismatches.isEmpty();
        check(exactlyOnce, "each of the " + rows + " outbox e-mails to these members was sent exactly once (SENT in the database, "
                + "one arrival per message at the SMTP stand-in)" + (mismatches.isEmpty() ? "" : ": " + mismatches));

        List<String> perInstance = new ArrayList<>();
        boolean jobsEverywhere = true;
        for (Instance instance : instances) {
            String metrics = instance.metrics(http);
            Files.writeString(workDir.resolve("metrics-instance-" + instance.index + ".txt"), metrics);
            double accessEndRuns = sumSeries(metrics, "scheduled_methods_seconds_count", "AccessEndJob");
            double relayRuns = sumSeries(metrics, "scheduled_methods_seconds_count", "OutboxRelay");
            double emails = sumSeries(metrics, "clientapp_message_sends_total", "channel=\"email\",outcome=\"success\"");
            jobsEverywhere &= accessEndRuns > 0 && relayRuns > 0;
            perInstance.add("instance " + (instance.index + 1) + ": end-of-access runs " + (long) accessEndRuns + ", relay runs "
                    + (long) relayRuns + ", e-mails sent " + (long) emails);
        }
        check(jobsEverywhere, "the end-of-access job and the relay ran on all three instances (" + String.join("; ", perInstance) + ")");
    }

    /**
     * Posts news with an Idempotency-Key from four threads to all instances, kills instance 3
     * with SIGKILL mid-load, retries a request whose connection broke on another instance with
     * the same key, and checks that every 2xx post exists once.
     */
    void checkKillUnderLoad(Tokens member) throws Exception {
        Tokens session = pinLogin(member.device(), instances.get(0), instances.get(1));
        int totalPosts = Integer.getInteger("proof.posts", 160);
        int killAfter = totalPosts / 4;
        Instance victim = instances.get(2);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger okAfterKill = new AtomicInteger();
        Map<String, String> postIdByKey = new ConcurrentHashMap<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            load.submit(() -> {
                int n;
                while ((n = started.getAndIncrement()) < totalPosts) {
                    if (n == killAfter && killed.compareAndSet(false, true)) {
                        victim.kill9();
                    }
                    String key = UUID.randomUUID().toString();
                    try {
                        String postId = postWithRetry(session, member.clientId(), key, n);
                        if (postId != null) {
                            postIdByKey.put(key, postId);
                            if (killed.get()) {
                                okAfterKill.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        errors.add(e.toString());
                    }
                }
                return null;
            });
        }
        load.shutdown();
        boolean finished = load.awaitTermination(10, TimeUnit.MINUTES);
        check(finished && killed.get() && !victim.isAlive(), "instance 3 was killed with SIGKILL after " + killAfter + " of "
                + totalPosts + " news posts");

        Set<String> answered = new HashSet<>(postIdByKey.values());
        long present = 0;
        for (String postId : answered) {
            present += queryLong("select count(*) from timeline_item where id = ?::uuid and kind = 'NEWS_POST'", postId);
        }
        check(present == answered.size() && answered.size() == postIdByKey.size(),
                "every 2xx answer's news post exists afterwards (" + present + " of " + answered.size() + ")");
        long stored = queryLong("select count(*) from timeline_item where client_id = ? and kind = 'NEWS_POST'", member.clientId());
        check(stored == answered.size(), "no request made two posts: the client has " + stored + " posts for " + answered.size()
                + " answered Idempotency-Keys, " + retriedPosts.get() + " of them answered after a broken connection was retried"
                + " with the same key on another instance");
        check(okAfterKill.get() >= (totalPosts - killAfter) / 2 && errors.isEmpty(),
                "instances 1 and 2 carried on after the kill (" + okAfterKill.get() + " posts answered 2xx after it; errors: "
                        + errors.size() + (errors.isEmpty() ? "" : ", first " + errors.get(0)) + ")");
        boolean othersReady = instances.get(0).ready(http) && instances.get(1).ready(http);
        check(othersReady, "instances 1 and 2 are still ready after the kill");
    }

    /**
     * Posts with {@code key}; when the connection to an instance breaks or it is gone, sends the
     * same key to the next live instance, as the app retries. Returns the post id of a 2xx response.
     */
    String postWithRetry(Tokens session, UUID clientId, String key, int n) throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < INSTANCES * 2; attempt++) {
            Instance instance = instances.get((n + attempt) % INSTANCES);
            if (!instance.isAlive()) {
                continue;
            }
            try {
                HttpResponse<String> response = send(instance, bearer(session.accessToken())
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", "Bericht " + n)))),
                        "/app/v1/clients/" + clientId + "/posts");
                if (response.statusCode() / 100 == 2) {
                    if (last != null) {
                        retriedPosts.incrementAndGet();
                    }
                    return JSON.readTree(response.body()).path("id").asText();
                }
                throw new IllegalStateException("post " + n + " got HTTP " + response.statusCode() + ": " + response.body());
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("post " + n + " reached no instance", last);
    }

    // ---- API flows -------------------------------------------------------------------------

    record Member(UUID clientId, UUID membershipId, String email, String mobile) {
    }

    record Device(Member member, UUID deviceId, KeyPair key) {
    }

    record Tokens(Device device, String accessToken, String refreshToken) {
        UUID clientId() {
            return device.member().clientId();
        }
    }

    String integratorToken(Instance instance) throws Exception {
        HttpResponse<String> response = tokenRequest(instance, integratorId, integratorSecret);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("integrator token: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    HttpResponse<String> tokenRequest(Instance instance, String clientId, String secret) throws Exception {
        return send(instance, HttpRequest.newBuilder()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(clientId, secret))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")), "/oauth/token");
    }

    /** Imports a Patient (and an open EpisodeOfCare when asked) and returns the API's client id. */
    UUID importPatient(Instance instance, String token, String patientId, boolean openCare) throws Exception {
        HttpResponse<String> patient = putFhir(instance, token, "Patient", patientId, """
                {"resourceType":"Patient","id":"%s","name":[{"family":"Proef","given":["Jan"]}],"birthDate":"1940-05-01"}
                """.formatted(patientId));
        if (patient.statusCode() / 100 != 2) {
            throw new IllegalStateException("FHIR Patient import: HTTP " + patient.statusCode() + " " + patient.body());
        }
        if (openCare) {
            HttpResponse<String> episode = putFhir(instance, token, "EpisodeOfCare", patientId + "-care", """
                    {"resourceType":"EpisodeOfCare","id":"%s-care","status":"active",
                     "patient":{"reference":"Patient/%s"},"period":{"start":"2020-01-01"}}
                    """.formatted(patientId, patientId));
            if (episode.statusCode() / 100 != 2) {
                throw new IllegalStateException("FHIR EpisodeOfCare import: HTTP " + episode.statusCode() + " " + episode.body());
            }
        }
        HttpResponse<String> client = send(instance, bearer(token).GET(),
                "/integration/v1/clients?patientId=" + URLEncoder.encode(patientId, StandardCharsets.UTF_8));
        if (client.statusCode() != 200) {
            throw new IllegalStateException("client lookup: HTTP " + client.statusCode() + " " + client.body());
        }
        return UUID.fromString(JSON.readTree(client.body()).path("id").asText());
    }

    HttpResponse<String> putFhir(Instance instance, String token, String type, String id, String body) throws Exception {
        return send(instance, bearer(token).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), "/fhir/" + type + "/" + id);
    }

    Member register(Instance instance, String token, UUID clientId, String role, String basis) throws Exception {
        String email = "proef-" + UUID.randomUUID() + "@example.test";
        String national = "06-1" + String.format("%07d", RANDOM.nextInt(10_000_000));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Proef Naaste");
        body.put("relation", "dochter");
        body.put("email", email);
        body.put("mobile", national);
        body.put("role", role);
        body.put("basis", basis);
        HttpResponse<String> response = postJson(instance, token, "/integration/v1/clients/" + clientId + "/members", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration: HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode created = JSON.readTree(response.body());
        String e164 = "+31" + national.substring(1).replace("-", "");
        return new Member(clientId, UUID.fromString(created.path("membershipId").asText()), email, e164);
    }

    /** Activates on instances 3 and 1 with the invitation e-mail and SMS from the stand-ins. */
    Tokens activate(Member member) throws Exception {
        String mail = smtp.awaitMessageTo(member.email(), STATE_TIMEOUT);
        Matcher code = ACTIVATION_CODE.matcher(mail.replace("=\r\n", "").replace("=3D", "="));
        if (!code.find()) {
            throw new IllegalStateException("the invitation e-mail has no activation link");
        }
        HttpResponse<String> started = postJson(instances.get(2), null, "/app/v1/auth/activations",
                Map.of("activationCode", code.group(1)));
        if (started.statusCode() != 202) {
            throw new IllegalStateException("activation: HTTP " + started.statusCode() + " " + started.body());
        }
        String activationId = JSON.readTree(started.body()).path("activationId").asText();
        String sms = providers.awaitSmsTo(member.mobile(), STATE_TIMEOUT);
        Matcher smsCode = SMS_CODE.matcher(sms);
        if (!smsCode.find()) {
            throw new IllegalStateException("the SMS has no code");
        }
        KeyPair key = deviceKey();
        HttpResponse<String> completed = postJson(instances.get(0), null, "/app/v1/auth/activations/" + activationId + "/complete",
                Map.of("smsCode", smsCode.group(1), "pin", PIN, "deviceName", "Proef",
                        "devicePublicKey", Base64.getEncoder().encodeToString(key.getPublic().getEncoded())));
        if (completed.statusCode() != 201) {
            throw new IllegalStateException("activation complete: HTTP " + completed.statusCode() + " " + completed.body());
        }
        JsonNode tokens = JSON.readTree(completed.body());
        Device device = new Device(member, UUID.fromString(tokens.path("deviceId").asText()), key);
        return new Tokens(device, tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
    }

    /** Takes a challenge from one instance and logs in with the PIN at another. */
    Tokens pinLogin(Device device, Instance challengeAt, Instance loginAt) throws Exception {
        HttpResponse<String> challenge = postJson(challengeAt, null, "/app/v1/auth/challenges", Map.of("deviceId", device.deviceId().toString()));
        if (challenge.statusCode() != 200) {
            throw new IllegalStateException("challenge: HTTP " + challenge.statusCode() + " " + challenge.body());
        }
        JsonNode issued = JSON.readTree(challenge.body());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(device.key().getPrivate());
        signer.update(Base64.getDecoder().decode(issued.path("challenge").asText()));
        HttpResponse<String> login = postJson(loginAt, null, "/app/v1/auth/pin-login", Map.of(
                "deviceId", device.deviceId().toString(), "challengeId", issued.path("challengeId").asText(), "pin", PIN,
                "signature", Base64.getEncoder().encodeToString(signer.sign())));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("PIN login: HTTP " + login.statusCode() + " " + login.body());
        }
        JsonNode tokens = JSON.readTree(login.body());
        return new Tokens(device, tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
    }

    // ---- HTTP ------------------------------------------------------------------------------

    HttpResponse<String> postJson(Instance instance, String token, String path, Map<String, ?> body) throws Exception {
        HttpRequest.Builder request = (token == null ? HttpRequest.newBuilder() : bearer(token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(instance, request, path);
    }

    HttpResponse<String> send(Instance instance, HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        return http.send(request.uri(URI.create("https://127.0.0.1:" + instance.httpsPort + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder bearer(String token) {
        return HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpClient httpClient(Path keyStore, String password) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), RANDOM);
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
    }

    // ---- Set-up ----------------------------------------------------------------------------

    /** Production settings shared by the instances, with keys, secrets and providers of this run only. */
    Map<String, String> sharedEnvironment(Path keyStore, String keyStorePassword) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair signing = rsa.generateKeyPair();
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", dbUrl);
        env.put("DB_USERNAME", dbUser);
        env.put("DB_PASSWORD", System.getenv().getOrDefault("PROOF_DB_PASSWORD", ""));
        env.put("SMALLRYE_JWT_SIGN_KEY", pem("PRIVATE KEY", signing.getPrivate().getEncoded()));
        env.put("MP_JWT_VERIFY_PUBLICKEY", pem("PUBLIC KEY", signing.getPublic().getEncoded()));
        env.put("CLIENTAPP_AUTH_PEPPER", "test-only-" + randomText(40));
        env.put("CLIENTAPP_BOOTSTRAP_INTEGRATOR_CLIENT_ID", integratorId);
        env.put("CLIENTAPP_BOOTSTRAP_INTEGRATOR_CLIENT_SECRET", integratorSecret);
        env.put("CLIENTAPP_BOOTSTRAP_ORGANISATION_NAME", "Proef Zorg");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_INSECURE_REQUESTS", "disabled");
        env.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE", keyStore.toAbsolutePath().toString());
        env.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD", keyStorePassword);
        env.put("CLIENTAPP_SMS_BASE_URL", "http://127.0.0.1:" + providers.port());
        env.put("CLIENTAPP_SMS_PRODUCT_TOKEN", "test-only-product-token");
        env.put("CLIENTAPP_PUSH_FCM_BASE_URL", "http://127.0.0.1:" + providers.port());
        env.put("CLIENTAPP_PUSH_FCM_PROJECT_ID", "proof");
        env.put("CLIENTAPP_PUSH_FCM_ACCESS_TOKEN", "test-only-access-token");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.port()));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        // Short job intervals, so the proof does not wait for the production schedule.
        env.put("CLIENTAPP_OUTBOX_RELAY_EVERY", "1s");
        env.put("CLIENTAPP_ACCESS_END_JOB_EVERY", "2s");
        return env;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Generates with keytool a self-signed P-256 certificate for 127.0.0.1 and localhost, valid two days. */
    static void generateKeyStore(Path keyStore, String password) throws Exception {
        Files.deleteIfExists(keyStore);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", password, "-keypass", password)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    static KeyPair deviceKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Random hex digits, for FHIR ids, which allow letters, digits, '-' and '.' but not base64url's '_'. */
    static String randomHex(int bytes) {
        return HexFormat.of().formatHex(randomBytes(bytes));
    }

    static String randomText(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    static byte[] randomBytes(int count) {
        byte[] random = new byte[count];
        RANDOM.nextBytes(random);
        return random;
    }

    synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Instance instance : instances) {
            instance.stop();
        }
        smtp.stop();
        providers.stop();
    }

    // ---- Results and polling ---------------------------------------------------------------

    void check(boolean passed, String description) {
        String line = (passed ? "PASS " : "FAIL ") + description;
        System.out.println(line);
        results.add(line);
        failed |= !passed;
    }

    void fail(String description) {
        check(false, description);
    }

    /** Polls {@code condition} every 250 ms until it is true or {@code timeout} passes. */
    static boolean poll(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(250);
        }
        return condition.getAsBoolean();
    }

    static double sumSeries(String metrics, String name, String labelText) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelText)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    // ---- Database --------------------------------------------------------------------------

    Connection connect() throws SQLException {
        return DriverManager.getConnection(dbUrl, dbUser, System.getenv().getOrDefault("PROOF_DB_PASSWORD", ""));
    }

    long queryLong(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    long queryLongUnchecked(String sql, Object... parameters) {
        try {
            return queryLong(sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long queryLongForAddresses(String sql, Set<String> addresses) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", addresses.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    long pendingMessagesTo(Set<String> addresses) {
        try {
            return queryLongForAddresses("select count(*) from outbox_message where status = 'PENDING' and recipient = any(?)", addresses);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Long> emailRowsPerRecipient(Set<String> addresses) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "select recipient, count(*) from outbox_message where channel = 'EMAIL' and recipient = any(?) group by recipient")) {
            statement.setArray(1, connection.createArrayOf("text", addresses.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    Map<String, Long> querySingleRow(String sql) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                values.put(rows.getMetaData().getColumnLabel(i), rows.getLong(i));
            }
        }
        return values;
    }

    // ---- Instances -------------------------------------------------------------------------

    /** One {@code java -jar} process with its own HTTPS and management ports and log file. */
    static final class Instance {

        final int index;
        final int httpsPort;
        final int httpPort;
        final int managementPort;
        final Path log;
        Process process;

        Instance(int index, int httpsPort, int httpPort, int managementPort, Path log) {
            this.index = index;
            this.httpsPort = httpsPort;
            this.httpPort = httpPort;
            this.managementPort = managementPort;
            this.log = log;
        }

        void start(Path jar, Map<String, String> shared) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx320m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString());
            builder.environment().putAll(shared);
            builder.environment().put("QUARKUS_HTTP_SSL_PORT", Integer.toString(httpsPort));
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            process = builder.start();
            System.out.println("Started instance " + (index + 1) + " (pid " + process.pid() + ", https " + httpsPort
                    + ", management " + managementPort + ", log " + log + ")");
        }

        boolean awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
            return poll(timeout, () -> isAlive() && ready(http));
        }

        boolean ready(HttpClient http) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        String metrics(HttpClient http) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        List<String> logLines() {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean isAlive() {
            return process != null && process.isAlive();
        }

        /** Sends SIGKILL, as {@code kill -9 PID}: no shutdown hook, no graceful stop. */
        void kill9() {
            try {
                Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
                kill.waitFor(10, TimeUnit.SECONDS);
                process.waitFor(30, TimeUnit.SECONDS);
                System.out.println("Killed instance " + (index + 1) + " (pid " + process.pid() + ") with SIGKILL");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            if (process == null || !process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- Stand-ins -------------------------------------------------------------------------

    /**
     * A minimal SMTP receiver on loopback (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), which keeps
     * every message with its recipients. It offers no STARTTLS and no AUTH.
     */
    static final class SmtpStandIn {

        private final ServerSocket server;
        private final List<Map.Entry<List<String>, String>> messages = new CopyOnWriteArrayList<>();
        private final ExecutorService connections = Executors.newCachedThreadPool();

        SmtpStandIn() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        void start() {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        connections.submit(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "smtp-stand-in");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private Void serve(Socket socket) {
            try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
                reply(out, "220 stand-in.test ESMTP");
                List<String> recipients = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (command) {
                        case "EHLO" -> {
                            reply(out, "250-stand-in.test");
                            reply(out, "250 8BITMIME");
                        }
                        case "HELO", "NOOP" -> reply(out, "250 OK");
                        case "MAIL" -> {
                            recipients = new ArrayList<>();
                            reply(out, "250 OK");
                        }
                        case "RSET" -> {
                            recipients = new ArrayList<>();
                            reply(out, "250 OK");
                        }
                        case "RCPT" -> {
                            int start = line.indexOf('<');
                            int end = line.indexOf('>');
                            recipients.add(line.substring(start + 1, end).toLowerCase());
                            reply(out, "250 OK");
                        }
                        case "DATA" -> {
                            reply(out, "354 End data with <CR><LF>.<CR><LF>");
                            StringBuilder data = new StringBuilder();
                            String dataLine;
                            while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                                data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                            }
                            messages.add(Map.entry(List.copyOf(recipients), data.toString()));
                            reply(out, "250 OK queued");
                        }
                        case "QUIT" -> {
                            reply(out, "221 Bye");
                            return null;
                        }
                        default -> reply(out, "502 Command not implemented");
                    }
                }
            } catch (IOException e) {
                // The client closed the connection.
            }
            return null;
        }

        private static void reply(PrintWriter out, String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        long countTo(String address) {
            return messages.stream().filter(message -> message.getKey().contains(address.toLowerCase())).count();
        }

        String awaitMessageTo(String address, Duration timeout) throws InterruptedException {
            if (!poll(timeout, () -> countTo(address) > 0)) {
                throw new IllegalStateException("no e-mail arrived for a registered member");
            }
            return messages.stream().filter(message -> message.getKey().contains(address.toLowerCase()))
                    .reduce((first, second) -> second).orElseThrow().getValue();
        }

        void stop() {
            try {
                server.close();
            } catch (IOException e) {
                // Closing at the end of the run.
            }
            connections.shutdownNow();
        }
    }

    /** CM.com's {@code POST /v1.0/message} and FCM's {@code messages:send} on one loopback port. */
    static final class HttpStandIn {

        private final com.sun.net.httpserver.HttpServer server;
        private final Map<String, List<String>> smsByNumber = new ConcurrentHashMap<>();

        HttpStandIn() {
            try {
                server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v1.0/message", exchange -> {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                for (JsonNode message : request.path("messages").path("msg")) {
                    String text = message.path("body").path("content").asText();
                    for (JsonNode to : message.path("to")) {
                        smsByNumber.computeIfAbsent(to.path("number").asText(), number -> new CopyOnWriteArrayList<>()).add(text);
                    }
                }
                respond(exchange, 200, """
                        {"errorCode":0,"messages":[{"status":"Accepted","messageErrorCode":0}]}""");
            });
            server.createContext("/v1/projects/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, 200, "{\"name\":\"projects/proof/messages/" + UUID.randomUUID() + "\"}");
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
        }

        private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        void start() {
            server.start();
        }

        String awaitSmsTo(String number, Duration timeout) throws InterruptedException {
            if (!poll(timeout, () -> !smsByNumber.getOrDefault(number, List.of()).isEmpty())) {
                throw new IllegalStateException("no SMS arrived for the member");
            }
            List<String> texts = smsByNumber.get(number);
            return texts.get(texts.size() - 1);
        }

        void stop() {
            server.stop(0);
        }
    }
}
