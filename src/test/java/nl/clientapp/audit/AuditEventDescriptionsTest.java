package nl.clientapp.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import nl.clientapp.integration.IntegrationAudited;

/**
 * Checks that the access-log overview can describe every event the app writes, in Dutch and in
 * English. The events are collected from the code, so a new audited endpoint or job without a
 * description fails the build: {@code @Audited} and {@code @IntegrationAudited} on methods, and
 * the {@code AUDIT_EVENT} constants of jobs and services that write entries themselves.
 */
class AuditEventDescriptionsTest {

    /** Name of the constant that holds the event of entries a class writes without an annotation. */
    private static final String EVENT_CONSTANT = "AUDIT_EVENT";

    @Test
    void every_event_the_app_writes_has_a_dutch_and_english_description() throws Exception {
        Set<String> events = events();
        // Lower bounds, so the check cannot pass by finding nothing: the dossier, chat, posts and
        // photos endpoints, and the purge, export, erasure, access-end and FHIR-import constants.
        assertTrue(events.size() >= 40, "found only " + events);
        assertTrue(events.containsAll(List.of("dossier.purged", "privacy.personal-data.exported", "membership.account-erased",
                "membership.access-ended", "fhir.import", "chat.question.create", "post.create", "photo.upload",
                "timeline.read-marker.update", "audit-log.read")), "found " + events);

        for (String file : List.of("texts.properties", "texts_en.properties")) {
            Properties texts = texts(file);
            List<String> missing = new ArrayList<>();
            for (String event : events) {
                String description = texts.getProperty("audit.event." + event);
                if (description == null || description.isBlank()) {
                    missing.add("audit.event." + event);
                }
            }
            assertEquals(List.of(), missing, "audit event descriptions missing in " + file);
        }
    }

    private static Set<String> events() throws Exception {
        Set<String> events = new TreeSet<>();
        for (Class<?> type : AuditedEndpointsTest.applicationClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                Audited audited = method.getAnnotation(Audited.class);
                if (audited != null) {
                    events.add(audited.event());
                }
                IntegrationAudited integrationAudited = method.getAnnotation(IntegrationAudited.class);
                if (integrationAudited != null && !integrationAudited.event().isEmpty()) {
                    events.add(integrationAudited.event());
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(EVENT_CONSTANT) && Modifier.isStatic(field.getModifiers())
                        && field.getType() == String.class) {
                    field.setAccessible(true);
                    events.add((String) field.get(null));
                }
            }
        }
        return events;
    }

    /** Reads one texts file as it is, without the fallback to Dutch that a resource bundle applies. */
    private static Properties texts(String file) throws IOException {
        Properties texts = new Properties();
        try (InputStream input = AuditEventDescriptionsTest.class.getResourceAsStream("/messages/" + file)) {
            texts.load(new InputStreamReader(input, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
