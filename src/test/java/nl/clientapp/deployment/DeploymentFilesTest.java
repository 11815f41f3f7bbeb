package nl.clientapp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The rules the container image and the Kubernetes manifests must keep: non-root, read-only root
 * filesystem, probes on the management port, a grace period longer than the graceful shutdown, no
 * secret values in the repository. {@code .ci/check-deployment} validates the same files against
 * the Kubernetes JSON schemas.
 */
class DeploymentFilesTest {

    private static final Path MANIFESTS = Path.of("deploy", "kubernetes");
    private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Path BENCHMARK = Path.of("bench", "run.sh");
    /** Quarkus's default management port, which application.properties does not change. */
    private static final int MANAGEMENT_PORT = 9000;
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PEPPER|PRIVATE|_KEY)$");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void deployment_runs_three_hardened_replicas() throws IOException {
        JsonNode deployment = only("Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertEquals(3, deployment.at("/spec/replicas").asInt());
        assertHardened(pod, container);
        assertFalse(pod.at("/topologySpreadConstraints").isEmpty(), "replicas are spread over nodes");
        for (String resource : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/cpu",
                "/resources/limits/memory")) {
            assertFalse(container.at(resource).isMissingNode(), "container sets " + resource);
        }
        assertEquals("false", env(container, "QUARKUS_FLYWAY_MIGRATE_AT_START"), "the migration Job migrates, not the pods");
    }

    @Test
    void probes_use_the_management_port() throws IOException {
        JsonNode container = only("Deployment").at("/spec/template/spec/containers/0");

        assertEquals(MANAGEMENT_PORT, containerPort(container, "management"));
        assertProbe(container, "startupProbe", "/q/health/live");
        assertProbe(container, "livenessProbe", "/q/health/live");
        assertProbe(container, "readinessProbe", "/q/health/ready");
    }

    @Test
    void grace_period_covers_the_graceful_shutdown() throws IOException {
        Properties properties = applicationProperties();
        Duration delay = quarkusDuration(properties.getProperty("%prod.quarkus.shutdown.delay"));
        Duration timeout = quarkusDuration(properties.getProperty("%prod.quarkus.shutdown.timeout"));

        long grace = only("Deployment").at("/spec/template/spec/terminationGracePeriodSeconds").asLong();

        assertEquals("true", properties.getProperty("quarkus.shutdown.delay-enabled"), "readiness reports DOWN during the delay");
        assertTrue(grace > delay.plus(timeout.multipliedBy(2)).toSeconds(),
                "terminationGracePeriodSeconds " + grace + " must exceed the delay plus twice the timeout (requests, then job batches)");
    }

    @Test
    void migration_job_migrates_and_exits() throws IOException {
        JsonNode job = only("Job");
        JsonNode pod = job.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertHardened(pod, container);
        assertEquals("Never", pod.at("/restartPolicy").asText());
        assertEquals("true", env(container, "QUARKUS_INIT_AND_EXIT"));
        assertEquals("true", env(container, "QUARKUS_FLYWAY_MIGRATE_AT_START"));
    }

    @Test
    void budget_and_service_select_the_api_pods() throws IOException {
        JsonNode podLabels = only("Deployment").at("/spec/template/metadata/labels");

        JsonNode budget = only("PodDisruptionBudget");
        JsonNode service = only("Service");

        assertEquals(podLabels, budget.at("/spec/selector/matchLabels"));
        assertEquals(podLabels, service.at("/spec/selector"));
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText(), "the Service exposes the API port, not management");
    }

    @Test
    void manifests_hold_no_secret_values() throws IOException {
        List<String> problems = new ArrayList<>();
        for (JsonNode manifest : manifests()) {
            String kind = manifest.path("kind").asText();
            if (kind.equals("Secret")) {
                problems.add("a Secret object: " + manifest.at("/metadata/name").asText());
            }
            if (kind.equals("ConfigMap")) {
                manifest.path("data").fieldNames().forEachRemaining(name -> {
                    if (SECRET_NAME.matcher(name).matches()) {
                        problems.add("ConfigMap key " + name);
                    }
                });
            }
            for (JsonNode variable : manifest.findValues("env")) {
                for (JsonNode entry : variable) {
                    if (entry.has("value") && SECRET_NAME.matcher(entry.path("name").asText()).matches()) {
                        problems.add("env value of " + entry.path("name").asText());
                    }
                }
            }
        }

        assertTrue(problems.isEmpty(), "Secret values belong in Secrets outside the repository: " + problems);
    }

    @Test
    void image_runs_fast_jar_as_non_root() throws IOException {
        List<String> instructions = dockerInstructions();

        String from = single(instructions, "FROM");
        String user = single(instructions, "USER");
        String entrypoint = single(instructions, "ENTRYPOINT");

        assertTrue(from.matches("FROM \\S+:[0-9][^\\s]*"), "the base image is pinned by a version tag: " + from);
        assertTrue(user.matches("USER [1-9][0-9]*"), "a numeric user other than root: " + user);
        for (String layer : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/")) {
            assertTrue(instructions.stream().anyMatch(line -> line.startsWith("COPY " + layer + " ")), "the image copies " + layer);
        }
        assertEquals("ENTRYPOINT [\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]", entrypoint,
                "the exec form makes the JVM process 1, so it receives SIGTERM; ProductionJarIT runs the same command");
        for (String line : instructions) {
            if (line.startsWith("ENV ") || line.startsWith("ARG ")) {
                assertFalse(SECRET_NAME.matcher(line.split("[\\s=]+")[1].toUpperCase(Locale.ROOT)).matches(),
                        "no secret in the image: " + line);
            }
        }
    }

    @Test
    void benchmark_uses_image_jvm_options() throws IOException {
        String environment = dockerInstructions().stream().filter(line -> line.startsWith("ENV JDK_JAVA_OPTIONS="))
                .findFirst().orElse("no ENV JDK_JAVA_OPTIONS instruction");
        Matcher imageOptions = Pattern.compile("JDK_JAVA_OPTIONS='([^']*)'").matcher(environment);
        Matcher benchmarkOptions = Pattern.compile("(?m)^PRODUCTION_JAVA_OPTS=\"([^\"]*)\"$").matcher(Files.readString(BENCHMARK));

        assertTrue(imageOptions.find(), "the image sets JDK_JAVA_OPTIONS: " + environment);
        assertTrue(benchmarkOptions.find(), BENCHMARK + " sets PRODUCTION_JAVA_OPTS");
        assertEquals(imageOptions.group(1).replace(" -Djava.io.tmpdir=/tmp", ""), benchmarkOptions.group(1),
                "the benchmark measures the JVM options that production runs with");
        assertTrue(environment.contains("MALLOC_ARENA_MAX=2"), "the image limits glibc malloc arenas: " + environment);
        assertTrue(Files.readString(BENCHMARK).contains("MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}"),
                BENCHMARK + " uses the image's MALLOC_ARENA_MAX by default");
    }

    @Test
    void docker_context_holds_only_the_fast_jar() throws IOException {
        List<String> rules = Files.readAllLines(Path.of(".dockerignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertEquals("*", rules.get(0), "everything is excluded first");
        assertEquals(List.of("!target/quarkus-app/"), rules.stream().filter(rule -> rule.startsWith("!")).toList());
    }

    private static void assertHardened(JsonNode pod, JsonNode container) {
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), "pod runAsNonRoot");
        assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0, "pod runs as a numeric non-root user");
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true), "no service account token");
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), "read-only root filesystem");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), "no privilege escalation");
        assertEquals("[\"ALL\"]", security.at("/capabilities/drop").toString(), "every capability dropped");
        assertTrue(mountPaths(container).contains("/tmp"), "a writable /tmp beside the read-only root filesystem");
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode get = container.at("/" + probe + "/httpGet");
        assertEquals(path, get.path("path").asText(), probe);
        assertEquals("management", get.path("port").asText(), probe + " uses the management port");
    }

    private static List<String> mountPaths(JsonNode container) {
        List<String> paths = new ArrayList<>();
        container.path("volumeMounts").forEach(mount -> paths.add(mount.path("mountPath").asText()));
        return paths;
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("No container port named " + name);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        return null;
    }

    private static JsonNode only(String kind) throws IOException {
        List<JsonNode> found = manifests().stream().filter(manifest -> manifest.path("kind").asText().equals(kind)).toList();
        assertEquals(1, found.size(), "one " + kind + " under " + MANIFESTS);
        return found.get(0);
    }

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MANIFESTS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    manifests.addAll(YAML.readValues(parser, JsonNode.class).readAll());
                }
            }
        }
        assertFalse(manifests.isEmpty(), "Missing manifests under " + MANIFESTS);
        return manifests;
    }

    /** Returns the Dockerfile's instructions, comments and line continuations removed. */
    private static List<String> dockerInstructions() throws IOException {
        String joined = Files.readString(DOCKERFILE).replace("\\\n", " ");
        return joined.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replaceAll("\\s+", " ")).toList();
    }

    private static String single(List<String> instructions, String keyword) {
        List<String> found = instructions.stream().filter(line -> line.startsWith(keyword + " ")).toList();
        assertEquals(1, found.size(), "one " + keyword + " in " + DOCKERFILE);
        return found.get(0);
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** Parses Quarkus's short duration form ({@code 5s}) or ISO-8601. */
    private static Duration quarkusDuration(String value) {
        assertNotNull(value, "the production profile sets the shutdown delay and timeout");
        if (value.matches("[0-9]+[sS]")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.parse(value);
    }
}
