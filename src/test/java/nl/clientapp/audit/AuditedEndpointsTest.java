package nl.clientapp.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import nl.clientapp.access.ClientRoles;
import nl.clientapp.integration.IntegrationAudited;

/** Checks that no endpoint about a client escapes the audit log. */
class AuditedEndpointsTest {

    @Test
    void client_endpoints_are_audited() throws Exception {
        List<String> guarded = new ArrayList<>();
        List<String> unaudited = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                boolean guardedByRoles = method.isAnnotationPresent(ClientRoles.class)
                        || (type.isAnnotationPresent(ClientRoles.class) && method.isAnnotationPresent(jakarta.ws.rs.Path.class));
                if (!guardedByRoles || type.isAnnotation()) {
                    continue;
                }
                guarded.add(type.getSimpleName() + "." + method.getName());
                if (!method.isAnnotationPresent(Audited.class)) {
                    unaudited.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        // A lower bound, so the check cannot pass by finding no classes; 16 endpoints have @ClientRoles today.
        assertTrue(guarded.size() >= 16, "endpoints with @ClientRoles found: " + guarded);
        assertEquals(List.of(), unaudited, "endpoints with @ClientRoles but without @Audited");
    }

    @Test
    void integration_endpoints_about_a_client_are_audited() throws Exception {
        List<String> aboutClient = new ArrayList<>();
        List<String> unaudited = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            jakarta.ws.rs.Path typePath = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (typePath == null || !typePath.value().startsWith("/integration/")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                boolean endpoint = Stream.of(method.getAnnotations()).anyMatch(annotation ->
                        annotation.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class));
                boolean hasClientId = Stream.of(method.getParameters()).anyMatch(parameter -> parameter.isAnnotationPresent(
                        jakarta.ws.rs.PathParam.class) && "clientId".equals(parameter.getAnnotation(jakarta.ws.rs.PathParam.class).value()));
                if (!endpoint || !hasClientId) {
                    continue;
                }
                aboutClient.add(type.getSimpleName() + "." + method.getName());
                if (!method.isAnnotationPresent(IntegrationAudited.class)) {
                    unaudited.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        // A lower bound, so the check cannot pass by finding no classes: members, termination requests, export.
        assertTrue(aboutClient.size() >= 9, "integration endpoints about a client found: " + aboutClient);
        assertEquals(List.of(), unaudited, "integration endpoints about a client without @IntegrationAudited");
    }

    static List<Class<?>> applicationClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ClientRoles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("nl/clientapp"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, AuditedEndpointsTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
