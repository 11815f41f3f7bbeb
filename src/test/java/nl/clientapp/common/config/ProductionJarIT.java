package nl.clientapp.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application as the container image runs it: {@code java -jar target/quarkus-app/quarkus-run.jar}
 * in the production profile, configured only through environment variables and a mounted secrets
 * directory laid out as Kubernetes mounts a Secret. Failsafe runs it after {@code package}, so it
 * tests the jar the image copies. The database is {@code TEST_DB_URL}, or the embedded PostgreSQL
 * that the other tests use.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final String ISSUER = "https://issuer.example.test";
    private static final String CLIENT_ID = "jar-test-ecd";
    /** Test-only value written to the secrets directory of one run. */
    private static final String CLIENT_SECRET = "jar-test-secret-not-for-production-0123";
    /** Test-only value written to the secrets directory of one run. */
    private static final String PEPPER = "jar-test-pepper-not-for-production-0123456789";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path workDir;
    private Process application;
    private int httpPort;
    private int managementPort;

    @BeforeEach
    void prepare() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "Missing " + JAR + ": run ./mvnw package first");
        workDir = Files.createTempDirectory("clientapp-jar-it");
        httpPort = freePort();
        managementPort = freePort();
    }

    @AfterEach
    void stop() throws InterruptedException, IOException {
        if (application != null && application.isAlive()) {
            application.destroyForcibly();
            application.waitFor(30, TimeUnit.SECONDS);
        }
        // The keys and secrets go; application.log stays in the temporary folder for a failed run.
        for (String folder : List.of("jwt", "secrets")) {
            Path path = workDir.resolve(folder);
            if (Files.exists(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    @Test
    void starts_from_environment_and_mounted_secrets() throws Exception {
        application = start(environment());

        awaitReady();
        JsonNode claims = tokenClaims(requestToken().body());

        assertEquals(ISSUER, claims.get("iss").asText(), "CLIENTAPP_JWT_ISSUER from the environment");
        assertEquals(404, status(HttpRequest.newBuilder(apiUri("/q/health")).header("X-Forwarded-Proto", "https")),
                "health is served on the management port only");
    }

    @Test
    void sigterm_lets_a_running_request_finish() throws Exception {
        Map<String, String> environment = environment();
        // Long enough that a loaded machine still sees readiness DOWN before the delay ends.
        environment.put("QUARKUS_SHUTDOWN_DELAY", "3s");
        application = start(environment);
        awaitReady();
        byte[] body = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);

        try (Socket slowClient = new Socket("127.0.0.1", httpPort)) {
            slowClient.setSoTimeout(60_000);
            OutputStream out = slowClient.getOutputStream();
            out.write(("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
                    + "Authorization: Basic " + basic() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            application.toHandle().destroy();
            awaitUntil("readiness reports DOWN", () -> readinessStatus() == 503);
            awaitUntil("the server waits for running requests", () -> log().contains("Waiting for HTTP requests to complete"));
            out.write(body, 10, body.length - 10);
            out.flush();
            String response = readResponse(slowClient.getInputStream());

            assertTrue(response.startsWith("HTTP/1.1 200"), "the request in flight got its answer: " + firstLine(response));
            assertTrue(response.contains("access_token"), "the answer carries a token");
        }
        assertTrue(application.waitFor(60, TimeUnit.SECONDS), "the application exits after SIGTERM");
        assertTrue(log().contains("All HTTP requests complete"), "the server saw the request end before it stopped");
        assertFalse(log().contains("Timed out waiting for graceful shutdown"), "it did not have to give up on the request");
    }

    @Test
    void init_and_exit_migrates_without_serving() throws Exception {
        Map<String, String> environment = environment();
        environment.put("QUARKUS_INIT_AND_EXIT", "true");

        application = start(environment);
        boolean exited = application.waitFor(120, TimeUnit.SECONDS);

        String log = Files.readString(workDir.resolve("application.log"));
        assertTrue(exited, "the migration run exits by itself");
        assertEquals(0, application.exitValue(), log);
        assertTrue(log.contains("flyway"), "Flyway ran: " + log);
        assertFalse(log.contains("Listening on"), "no HTTP port was opened");
    }

    @Test
    void tokens_of_both_keys_verify_during_rotation() throws Exception {
        Map<String, String> environment = environment();
        KeyPair previous = rsaKeyPair();
        KeyPair next = rsaKeyPair();
        Path keys = workDir.resolve("jwt");
        Files.writeString(keys.resolve("public.jwks"), new JsonWebKeySet(jwk(previous, "key-2026-01"), jwk(next, "key-2026-07"))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        Files.writeString(keys.resolve("private.jwk"), jwk(next, "key-2026-07").toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("public.jwks").toString());
        environment.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.resolve("private.jwk").toString());
        environment.put("SMALLRYE_JWT_SIGN_KEY_ID", "key-2026-07");
        application = start(environment);
        awaitReady();

        String issued = JSON.readTree(requestToken().body()).get("access_token").asText();
        String signedWithPrevious = resign(issued, previous, "key-2026-01");
        String signedWithUnknown = resign(issued, rsaKeyPair(), "key-unknown");

        assertEquals("key-2026-07", JSON.readTree(Base64.getUrlDecoder().decode(issued.split("\\.")[0])).get("kid").asText(),
                "new tokens carry the id of the new key");
        assertEquals(200, webhookEndpointsStatus(issued));
        assertEquals(200, webhookEndpointsStatus(signedWithPrevious), "a token of the previous key still verifies");
        assertEquals(401, webhookEndpointsStatus(signedWithUnknown), "a key outside the set does not");
    }

    /** Builds the production environment of the image: no system properties, every setting an environment variable or file. */
    private Map<String, String> environment() throws Exception {
        Path secrets = kubernetesSecretMount(Map.of(
                "CLIENTAPP_AUTH_PEPPER", PEPPER,
                "CLIENTAPP_BOOTSTRAP_INTEGRATOR_CLIENT_SECRET", CLIENT_SECRET));
        Path keys = Files.createDirectories(workDir.resolve("jwt"));
        KeyPair pair = rsaKeyPair();
        Files.writeString(keys.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(keys.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("DB_URL", databaseUrl());
        environment.put("DB_USERNAME", System.getenv().getOrDefault("TEST_DB_USERNAME", "postgres"));
        environment.put("DB_PASSWORD", System.getenv().getOrDefault("TEST_DB_PASSWORD", ""));
        environment.put("SMALLRYE_CONFIG_SOURCE_FILE_LOCATIONS", secrets.toString());
        environment.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.resolve("private.pem").toString());
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("public.pem").toString());
        environment.put("CLIENTAPP_JWT_ISSUER", ISSUER);
        environment.put("CLIENTAPP_BOOTSTRAP_INTEGRATOR_CLIENT_ID", CLIENT_ID);
        // Provider settings the production profile requires; *.invalid names resolve nowhere, and
        // the relay stays off, so nothing is sent.
        environment.put("CLIENTAPP_SMS_BASE_URL", "https://sms.invalid");
        environment.put("CLIENTAPP_SMS_PRODUCT_TOKEN", "test-only");
        environment.put("CLIENTAPP_PUSH_FCM_BASE_URL", "https://fcm.invalid");
        environment.put("CLIENTAPP_PUSH_FCM_PROJECT_ID", "test-only");
        environment.put("CLIENTAPP_PUSH_FCM_ACCESS_TOKEN", "test-only");
        environment.put("QUARKUS_MAILER_HOST", "smtp.invalid");
        environment.put("CLIENTAPP_OUTBOX_RELAY_EVERY", "off");
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        environment.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        environment.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        environment.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        environment.put("JDK_JAVA_OPTIONS", "-Xmx384m");
        // Few connections, because the test database server is shared with other test runs.
        environment.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "4");
        return environment;
    }

    /** Writes the values as Kubernetes mounts a Secret: files in a timestamped folder, reached through symbolic links. */
    private Path kubernetesSecretMount(Map<String, String> values) throws IOException {
        Path mount = Files.createDirectories(workDir.resolve("secrets"));
        Path data = Files.createDirectories(mount.resolve("..2026_01_01_00_00_00.000000000"));
        Files.createSymbolicLink(mount.resolve("..data"), data.getFileName());
        for (Map.Entry<String, String> value : values.entrySet()) {
            Files.writeString(data.resolve(value.getKey()), value.getValue() + "\n");
            Files.createSymbolicLink(mount.resolve(value.getKey()), Path.of("..data", value.getKey()));
        }
        return mount;
    }

    private Process start(Map<String, String> environment) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-jar", JAR.toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("application.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitReady() {
        awaitUntil("the application reports ready on the management port", () -> readinessStatus() == 200);
    }

    private int readinessStatus() {
        return status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")));
    }

    private HttpResponse<String> requestToken() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(apiUri("/oauth/token"))
                .header("Authorization", "Basic " + basic())
                .header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "the integrator from the mounted secret gets a token: " + response.body());
        return response;
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("application.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Returns the status of a GET, or -1 when the connection failed. */
    private static int status(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitUntil(String condition, BooleanSupplier check) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline || !application.isAlive()) {
                throw new AssertionError("Timed out waiting until " + condition + "; see " + workDir.resolve("application.log"));
            }
            // A process outside this JVM gives no event to wait for, so the check is polled.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private int webhookEndpointsStatus(String token) {
        return status(HttpRequest.newBuilder(apiUri("/integration/v1/webhook-endpoints")).header("X-Forwarded-Proto", "https")
                .header("Authorization", "Bearer " + token));
    }

    /** Signs the claims of {@code token} again with another key, as a token issued before a key change would be. */
    private static String resign(String token, KeyPair key, String keyId) throws Exception {
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        signature.setHeader("typ", "JWT");
        signature.setKeyIdHeaderValue(keyId);
        signature.setKey(key.getPrivate());
        return signature.getCompactSerialization();
    }

    private static RsaJsonWebKey jwk(KeyPair pair, String keyId) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        jwk.setKeyId(keyId);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        return jwk;
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private URI apiUri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String databaseUrl() {
        String url = System.getenv("TEST_DB_URL");
        return url != null && !url.isBlank() ? url : EmbeddedPostgresServer.jdbcUrl("clientapp_jar_it");
    }

    private static String basic() {
        return Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode tokenClaims(String tokenResponse) throws IOException {
        String token = JSON.readTree(tokenResponse).get("access_token").asText();
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Reads one HTTP/1.1 response whose body has a Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        List<Byte> bytes = new ArrayList<>();
        int contentLength = -1;
        int headerEnd = -1;
        int next;
        while ((next = in.read()) != -1) {
            bytes.add((byte) next);
            int size = bytes.size();
            if (headerEnd < 0 && size >= 4 && bytes.get(size - 4) == '\r' && bytes.get(size - 3) == '\n'
                    && bytes.get(size - 2) == '\r' && bytes.get(size - 1) == '\n') {
                headerEnd = size;
                contentLength = contentLength(text(bytes));
            }
            if (headerEnd >= 0 && size - headerEnd >= Math.max(contentLength, 0)) {
                break;
            }
        }
        return text(bytes);
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    private static String text(List<Byte> bytes) {
        byte[] array = new byte[bytes.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes.get(i);
        }
        return new String(array, StandardCharsets.UTF_8);
    }

    private static String firstLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
