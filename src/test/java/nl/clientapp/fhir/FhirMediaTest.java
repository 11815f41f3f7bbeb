package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestImages;
import nl.clientapp.support.TestIntegrators;

@QuarkusTest
class FhirMediaTest {

    @Inject
    TestIntegrators integrators;

    @Inject
    TestAppUsers users;

    @Inject
    DossierRows rows;

    @Test
    void media_becomes_photo_moment_without_exif() {
        TestIntegrators.Credentials integrator = integrators.create();
        String patientId = "media-" + UUID.randomUUID();
        put(integrator.accessToken(), "Patient", patientId, Map.of("resourceType", "Patient", "id", patientId)).statusCode(201);
        UUID clientId = rows.clientId(integrator.organisationId(), patientId);
        assertNotNull(clientId);
        SignedInUser fullMember = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser timelineOnly = users.memberOf(clientId, Role.TIMELINE_ONLY);

        put(integrator.accessToken(), "Media", "foto-1", media(patientId, TestImages.jpegWithGps(1200, 900))).statusCode(201);

        String photoId = given().auth().oauth2(fullMember.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].kind", equalTo("PHOTO_MOMENT"))
                .body("items[0].summary", equalTo("Schilderen in de huiskamer"))
                .body("items[0].authorName", equalTo("Sanne de Wit"))
                .body("items[0].occurredAt", equalTo("2026-05-01T08:00:00Z"))
                .body("items[0].photos", hasSize(1))
                .body("items[0].photos[0].width", equalTo(1200))
                .extract().path("items[0].photos[0].id");
        byte[] stored = given().auth().oauth2(fullMember.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}", clientId, photoId)
                .then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        assertFalse(TestImages.jpegMarkers(stored).contains(0xE1), "the photo moment kept its EXIF segment");
        assertFalse(TestImages.contains(stored, TestImages.SECRET));

        given().auth().oauth2(timelineOnly.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).body("items", empty());
        given().auth().oauth2(timelineOnly.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}/thumbnail", clientId, photoId)
                .then().statusCode(404);
    }

    @Test
    void changed_media_replaces_photo_and_unsupported_image_retracts() {
        TestIntegrators.Credentials integrator = integrators.create();
        String patientId = "media-" + UUID.randomUUID();
        put(integrator.accessToken(), "Patient", patientId, Map.of("resourceType", "Patient", "id", patientId)).statusCode(201);
        UUID clientId = rows.clientId(integrator.organisationId(), patientId);
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        put(integrator.accessToken(), "Media", "foto-2", media(patientId, TestImages.jpeg())).statusCode(201);
        String firstPhoto = given().auth().oauth2(member.accessToken()).when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().extract().path("items[0].photos[0].id");

        put(integrator.accessToken(), "Media", "foto-2", media(patientId, TestImages.pngWithText(40, 30))).statusCode(200);
        String itemId = given().auth().oauth2(member.accessToken()).when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].photos[0].contentType", equalTo("image/png"))
                .extract().path("items[0].id");
        given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}", clientId, firstPhoto)
                .then().statusCode(404);

        put(integrator.accessToken(), "Media", "foto-2", media(patientId, TestImages.pdf()))
                .statusCode(200)
                .body("issue.diagnostics", hasItem(containsString("JPEG")));
        given().auth().oauth2(member.accessToken()).when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).body("items.id", not(hasItem(itemId)));
    }

    @Test
    void capability_statement_lists_media() {
        given().when().get("/fhir/metadata")
                .then().statusCode(200)
                .body("rest[0].resource.find { it.type == 'Media' }.documentation", containsString("Photo moment"));
    }

    private static Map<String, Object> media(String patientId, byte[] image) {
        return Map.of("resourceType", "Media", "status", "completed",
                "subject", Map.of("reference", "Patient/" + patientId),
                "createdDateTime", "2026-05-01T10:00:00+02:00",
                "operator", Map.of("display", "Sanne de Wit"),
                "note", List.of(Map.of("text", "Schilderen in de huiskamer")),
                "content", Map.of("contentType", "image/jpeg", "data", Base64.getEncoder().encodeToString(image)));
    }

    private static ValidatableResponse put(String token, String type, String id, Map<String, Object> resource) {
        Map<String, Object> withId = new HashMap<>(resource);
        withId.put("id", id);
        return given().auth().oauth2(token)
                .contentType("application/fhir+json")
                .body(withId)
                .when().put("/fhir/" + type + "/" + id)
                .then();
    }
}
