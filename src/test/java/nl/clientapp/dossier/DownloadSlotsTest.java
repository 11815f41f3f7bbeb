package nl.clientapp.dossier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.common.overload.OverloadProfile;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestDossier;

/** Document downloads take one of the download slots (one in this profile) until their response is sent. */
@QuarkusTest
@TestProfile(OverloadProfile.class)
class DownloadSlotsTest {

    private static final String CONTENT = "/app/v1/clients/{client}/documents/{document}/content";

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    DownloadSlots downloadSlots;

    @Test
    void download_without_free_slot_gets_503() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        TestAppUsers.SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        byte[] pdf = "%PDF-1.4 zorgplan".getBytes(StandardCharsets.US_ASCII);
        UUID document = dossier.document(clientId, "Zorgplan", "application/pdf", pdf, Instant.parse("2026-03-02T08:00:00Z"));
        Semaphore slots = ClientProxy.unwrap(downloadSlots).slots;

        int heldSlots = slots.drainPermits();
        Response busy;
        try {
            busy = given().auth().oauth2(reader.accessToken()).get(CONTENT, clientId, document);
        } finally {
            slots.release(heldSlots);
        }

        assertEquals(503, busy.statusCode(), busy::asString);
        assertEquals("urn:clientapp:problem:server-busy", busy.path("type"));
        assertEquals(String.valueOf(OverloadProfile.BUSY_RETRY_AFTER_SECONDS), busy.header("Retry-After"));
        // Each download and each 404 gives its slot back, so with one slot they all succeed one after another.
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(reader.accessToken()).get(CONTENT, clientId, UUID.randomUUID()).then().statusCode(404);
            byte[] downloaded = given().auth().oauth2(reader.accessToken()).get(CONTENT, clientId, document)
                    .then().statusCode(200).extract().asByteArray();
            assertArrayEquals(pdf, downloaded);
        }
    }
}
