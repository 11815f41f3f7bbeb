package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.client.Client;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestIntegrators;

/** Member management by a client's administrators in the app and by the organisation's integrator. */
@QuarkusTest
class MemberManagementTest {

    private static final String PROBLEM = "urn:clientapp:problem:";

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    LoginFlow flow;

    // --- Listing ---------------------------------------------------------------------------

    @Test
    void member_list_masks_contact_details() {
        Fixture fixture = fixture();
        String email = newEmail();
        invite(fixture.admin(), fixture.clientId(), email, "TIMELINE_ONLY", "nl").then().statusCode(201);

        Response response = given().auth().oauth2(fixture.admin().accessToken())
                .get("/app/v1/clients/{clientId}/members", fixture.clientId());

        response.then().statusCode(200)
                .header("Cache-Control", "no-store");
        Map<String, Object> invitee = memberWithEmail(response.jsonPath(), email);
        assertEquals("Kees de Vries", invitee.get("name"));
        assertEquals("kleinzoon", invitee.get("relation"));
        assertEquals("TIMELINE_ONLY", invitee.get("role"));
        assertEquals("INVITED", invitee.get("basis"));
        assertEquals("PENDING", invitee.get("invitation"));
        assertTrue(invitee.containsKey("invitationExpiresAt"));
        assertFalse(invitee.containsKey("mobile"), "mobile numbers of members are never listed");
        assertFalse(invitee.containsKey("email"), "e-mail addresses are listed masked only");
        assertFalse(response.asString().contains(email), "the full e-mail address is in the list");
    }

    @Test
    void non_administrators_get_404() {
        Fixture fixture = fixture();

        for (Role role : List.of(Role.FULL_ACCESS, Role.TIMELINE_ONLY)) {
            SignedInUser member = users.memberOf(fixture.clientId(), role);
            given().auth().oauth2(member.accessToken()).get("/app/v1/clients/{clientId}/members", fixture.clientId())
                    .then().statusCode(404);
            invite(member, fixture.clientId(), newEmail(), "FULL_ACCESS", "nl").then().statusCode(404);
            changeRole(member, fixture.clientId(), fixture.memberMembershipId(), "FULL_ACCESS_ADMIN").then().statusCode(404);
            given().auth().oauth2(member.accessToken())
                    .delete("/app/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), fixture.memberMembershipId())
                    .then().statusCode(404);
        }
        assertEquals(Role.FULL_ACCESS, users.membership(fixture.memberMembershipId()).role);
    }

    // --- Own membership and the last administrator -------------------------------------------

    @Test
    void administrator_cannot_change_own_role() {
        Fixture fixture = fixture();

        changeRole(fixture.admin(), fixture.clientId(), fixture.adminMembershipId(), "TIMELINE_ONLY").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "own-membership"));

        assertEquals(Role.FULL_ACCESS_ADMIN, users.membership(fixture.adminMembershipId()).role);
    }

    @Test
    void administrator_cannot_remove_themselves() {
        Fixture fixture = fixture();

        given().auth().oauth2(fixture.admin().accessToken())
                .delete("/app/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), fixture.adminMembershipId())
                .then().statusCode(403)
                .body("type", equalTo(PROBLEM + "own-membership"));

        assertEquals(Membership.ACTIVE, users.membership(fixture.adminMembershipId()).status);
    }

    @Test
    void last_administrator_cannot_be_demoted() {
        Fixture fixture = fixture();

        given().auth().oauth2(fixture.integratorToken()).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(Map.of("role", "FULL_ACCESS"))
                .patch("/integration/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), fixture.adminMembershipId())
                .then().statusCode(409)
                .body("type", equalTo(PROBLEM + "last-administrator"))
                .body("title", equalTo("Last administrator"));

        assertEquals(Role.FULL_ACCESS_ADMIN, users.membership(fixture.adminMembershipId()).role);
    }

    @Test
    void last_administrator_cannot_be_removed() {
        Fixture fixture = fixture();

        given().auth().oauth2(fixture.integratorToken())
                .delete("/integration/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), fixture.adminMembershipId())
                .then().statusCode(409)
                .body("type", equalTo(PROBLEM + "last-administrator"))
                .body("title", equalTo("Laatste beheerder"));

        assertEquals(Membership.ACTIVE, users.membership(fixture.adminMembershipId()).status);
    }

    @Test
    void organisation_removes_last_member() {
        Fixture fixture = fixture();

        given().auth().oauth2(fixture.integratorToken())
                .delete("/integration/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), fixture.memberMembershipId())
                .then().statusCode(204);
        given().auth().oauth2(fixture.integratorToken())
                .delete("/integration/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), fixture.adminMembershipId())
                .then().statusCode(204);

        given().auth().oauth2(fixture.integratorToken()).get("/integration/v1/clients/{clientId}/members", fixture.clientId())
                .then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void administrator_can_be_demoted_while_another_remains() {
        Fixture fixture = fixture();
        SignedInUser second = users.memberOf(fixture.clientId(), Role.FULL_ACCESS_ADMIN);
        UUID secondMembershipId = users.membership(second.userId(), fixture.clientId()).id;

        changeRole(fixture.admin(), fixture.clientId(), secondMembershipId, "FULL_ACCESS").then().statusCode(200)
                .body("membershipId", equalTo(secondMembershipId.toString()))
                .body("role", equalTo("FULL_ACCESS"));

        given().auth().oauth2(second.accessToken()).get("/app/v1/clients/{clientId}/members", fixture.clientId())
                .then().statusCode(404);
    }

    @Test
    void concurrent_demotions_of_two_administrators_keep_one() throws Exception {
        for (int round = 0; round < 5; round++) {
            Fixture fixture = fixture();
            SignedInUser second = users.memberOf(fixture.clientId(), Role.FULL_ACCESS_ADMIN);
            UUID secondMembershipId = users.membership(second.userId(), fixture.clientId()).id;

            Map<Integer, Integer> statuses = inParallel(List.of(
                    () -> changeRole(fixture.admin(), fixture.clientId(), secondMembershipId, "FULL_ACCESS").statusCode(),
                    () -> changeRole(second, fixture.clientId(), fixture.adminMembershipId(), "FULL_ACCESS").statusCode()));

            assertEquals(1, statuses.getOrDefault(200, 0), "statuses: " + statuses);
            long administrators = given().auth().oauth2(fixture.integratorToken())
                    .get("/integration/v1/clients/{clientId}/members", fixture.clientId())
                    .then().statusCode(200)
                    .extract().jsonPath().getList("findAll { it.role == 'FULL_ACCESS_ADMIN' }").size();
            assertEquals(1, administrators, "statuses: " + statuses);
        }
    }

    @Test
    void concurrent_organisation_demotions_keep_one_administrator() throws Exception {
        Fixture fixture = fixture();
        SignedInUser second = users.memberOf(fixture.clientId(), Role.FULL_ACCESS_ADMIN);
        UUID secondMembershipId = users.membership(second.userId(), fixture.clientId()).id;
        List<Callable<Integer>> requests = new ArrayList<>();
        for (UUID target : List.of(fixture.adminMembershipId(), secondMembershipId)) {
            requests.add(() -> given().auth().oauth2(fixture.integratorToken()).contentType(ContentType.JSON)
                    .body(Map.of("role", "TIMELINE_ONLY"))
                    .patch("/integration/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), target)
                    .statusCode());
        }

        Map<Integer, Integer> statuses = inParallel(requests);

        assertEquals(1, statuses.getOrDefault(200, 0), "statuses: " + statuses);
        assertEquals(1, statuses.getOrDefault(409, 0), "statuses: " + statuses);
    }

    // --- Effects on the next request ---------------------------------------------------------

    @Test
    void removed_member_loses_access_on_next_request() {
        Fixture fixture = fixture();
        given().auth().oauth2(fixture.member().accessToken()).get("/app/v1/clients/{clientId}/timeline", fixture.clientId())
                .then().statusCode(200);

        given().auth().oauth2(fixture.admin().accessToken())
                .delete("/app/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), fixture.memberMembershipId())
                .then().statusCode(204);

        given().auth().oauth2(fixture.member().accessToken()).get("/app/v1/clients/{clientId}/timeline", fixture.clientId())
                .then().statusCode(404);
        Membership removed = users.membership(fixture.memberMembershipId());
        assertEquals(Membership.ENDED, removed.status);
        assertEquals("REMOVED", removed.endReason);
    }

    @Test
    void role_change_applies_on_next_request() {
        Fixture fixture = fixture();
        given().auth().oauth2(fixture.member().accessToken()).get("/app/v1/clients/{clientId}/profile", fixture.clientId())
                .then().statusCode(200);

        changeRole(fixture.admin(), fixture.clientId(), fixture.memberMembershipId(), "TIMELINE_ONLY").then().statusCode(200);

        given().auth().oauth2(fixture.member().accessToken()).get("/app/v1/clients/{clientId}/profile", fixture.clientId())
                .then().statusCode(404);
        given().auth().oauth2(fixture.member().accessToken()).get("/app/v1/clients/{clientId}/timeline", fixture.clientId())
                .then().statusCode(200);
    }

    @Test
    void person_has_a_role_per_client() {
        Fixture first = fixture();
        Client second = users.createClient("Meneer Smit");
        users.addMembership(first.admin().userId(), second.id, Role.TIMELINE_ONLY);

        given().auth().oauth2(first.admin().accessToken()).get("/app/v1/clients")
                .then().statusCode(200)
                .body("find { it.clientId == '%s' }.role".formatted(first.clientId()), equalTo("FULL_ACCESS_ADMIN"))
                .body("find { it.clientId == '%s' }.role".formatted(second.id), equalTo("TIMELINE_ONLY"));

        given().auth().oauth2(first.admin().accessToken()).get("/app/v1/clients/{clientId}/members", first.clientId())
                .then().statusCode(200);
        given().auth().oauth2(first.admin().accessToken()).get("/app/v1/clients/{clientId}/members", second.id)
                .then().statusCode(404);
        given().auth().oauth2(first.admin().accessToken()).get("/app/v1/clients/{clientId}/profile", second.id)
                .then().statusCode(404);
        given().auth().oauth2(first.admin().accessToken()).get("/app/v1/clients/{clientId}/timeline", second.id)
                .then().statusCode(200);
    }

    @Test
    void membership_of_another_client_is_404() {
        Fixture fixture = fixture();
        Fixture other = fixture();

        changeRole(fixture.admin(), fixture.clientId(), other.memberMembershipId(), "TIMELINE_ONLY").then().statusCode(404);
        given().auth().oauth2(fixture.admin().accessToken())
                .delete("/app/v1/clients/{clientId}/members/{membershipId}", fixture.clientId(), other.memberMembershipId())
                .then().statusCode(404);
        given().auth().oauth2(fixture.integratorToken())
                .get("/integration/v1/clients/{clientId}/members", other.clientId())
                .then().statusCode(404);

        assertEquals(Role.FULL_ACCESS, users.membership(other.memberMembershipId()).role);
    }

    // --- Invitations --------------------------------------------------------------------------

    @Test
    void invitation_to_an_active_member_is_409() {
        Fixture fixture = fixture();
        String email = newEmail();
        invite(fixture.admin(), fixture.clientId(), email, "FULL_ACCESS", "nl").then().statusCode(201);

        invite(fixture.admin(), fixture.clientId(), email.toUpperCase(), "TIMELINE_ONLY", "nl").then().statusCode(409)
                .body("type", equalTo(PROBLEM + "member-exists"))
                .body("detail", equalTo("Deze persoon heeft al toegang tot deze cliënt."));
    }

    @Test
    void parallel_app_invitations_create_one_membership() throws Exception {
        Fixture fixture = fixture();
        String email = newEmail();
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(() -> invite(fixture.admin(), fixture.clientId(), email, "FULL_ACCESS", "nl").statusCode());
        }

        Map<Integer, Integer> statuses = inParallel(requests);

        assertEquals(1, statuses.getOrDefault(201, 0), "statuses: " + statuses);
        assertEquals(9, statuses.getOrDefault(409, 0), "statuses: " + statuses);
        assertEquals(1, flow.mails(email).size());
    }

    @Test
    void invitation_mail_is_english_for_english_invitee() {
        Fixture fixture = fixture();
        String dutch = newEmail();
        String english = newEmail();

        invite(fixture.admin(), fixture.clientId(), dutch, "FULL_ACCESS", "nl").then().statusCode(201);
        invite(fixture.admin(), fixture.clientId(), english, "FULL_ACCESS", "en").then().statusCode(201);

        assertEquals("Uw inloggegevens voor de CliëntApp", flow.mails(dutch).get(0).getSubject());
        assertEquals("Your login details for the CliëntApp", flow.mails(english).get(0).getSubject());
    }

    @Test
    void administrator_sends_a_new_invitation() {
        Fixture fixture = fixture();
        String email = newEmail();
        String membershipId = invite(fixture.admin(), fixture.clientId(), email, "FULL_ACCESS", "nl")
                .then().statusCode(201).extract().path("membershipId");
        String firstCode = flow.activationCode(email);

        given().auth().oauth2(fixture.admin().accessToken())
                .post("/app/v1/clients/{clientId}/members/{membershipId}/invitation", fixture.clientId(), membershipId)
                .then().statusCode(201)
                .body("membershipId", equalTo(membershipId));

        assertEquals(2, flow.mails(email).size());
        assertFalse(firstCode.equals(flow.activationCode(email)), "the new invitation reuses the old code");
    }

    @Test
    void withdrawn_invitee_can_be_invited_again() {
        Fixture fixture = fixture();
        String email = newEmail();
        String membershipId = invite(fixture.admin(), fixture.clientId(), email, "FULL_ACCESS", "nl")
                .then().statusCode(201).extract().path("membershipId");

        given().auth().oauth2(fixture.admin().accessToken())
                .delete("/app/v1/clients/{clientId}/members/{membershipId}/invitation", fixture.clientId(), membershipId)
                .then().statusCode(204);

        Membership withdrawn = users.membership(UUID.fromString(membershipId));
        assertEquals(Membership.ENDED, withdrawn.status);
        assertEquals("INVITATION_WITHDRAWN", withdrawn.endReason);
        given().auth().oauth2(fixture.admin().accessToken()).get("/app/v1/clients/{clientId}/members", fixture.clientId())
                .then().statusCode(200)
                .body("membershipId", not(hasItem(membershipId)));
        invite(fixture.admin(), fixture.clientId(), email, "TIMELINE_ONLY", "nl").then().statusCode(201)
                .body("membershipId", equalTo(membershipId));
        Map<String, Object> again = memberWithEmail(given().auth().oauth2(fixture.admin().accessToken())
                .get("/app/v1/clients/{clientId}/members", fixture.clientId()).jsonPath(), email);
        assertEquals("TIMELINE_ONLY", again.get("role"));
        assertEquals("PENDING", again.get("invitation"));
    }

    @Test
    void accepted_invitation_cannot_be_withdrawn() {
        LoginFlow.Invitee invitee = flow.invite();
        flow.activate(invitee);

        given().auth().oauth2(invitee.integratorToken())
                .delete("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", invitee.clientId(),
                        invitee.membershipId())
                .then().statusCode(409)
                .body("type", equalTo(PROBLEM + "invitation-accepted"));

        given().auth().oauth2(invitee.integratorToken())
                .get("/integration/v1/clients/{clientId}/members", invitee.clientId())
                .then().statusCode(200)
                .body("[0].invitation", equalTo("ACCEPTED"))
                .body("[0].basis", equalTo("CONTACT_PERSON"))
                .body("[0].invitationExpiresAt", nullValue());
    }

    // --- The organisation's first administrator ------------------------------------------------

    @Test
    void first_member_must_be_administrator() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Visser").id;

        register(token, clientId, "FULL_ACCESS", "CONTACT_PERSON").then().statusCode(409)
                .body("type", equalTo(PROBLEM + "first-member-not-administrator"));
        register(token, clientId, "FULL_ACCESS_ADMIN", "INVITED").then().statusCode(409)
                .body("type", equalTo(PROBLEM + "first-member-not-administrator"));
        register(token, clientId, "FULL_ACCESS_ADMIN", "LEGAL_REPRESENTATIVE").then().statusCode(201);
        register(token, clientId, "TIMELINE_ONLY", "INVITED").then().statusCode(201);

        given().auth().oauth2(token).get("/integration/v1/clients/{clientId}/members", clientId)
                .then().statusCode(200)
                .body("size()", equalTo(2))
                .body("find { it.role == 'FULL_ACCESS_ADMIN' }.basis", equalTo("LEGAL_REPRESENTATIVE"))
                .body("find { it.role == 'TIMELINE_ONLY' }.basis", equalTo("INVITED"));
    }

    // --- Helpers ------------------------------------------------------------------------------

    /** A client of a fresh organisation with one administrator and one full-access member. */
    private record Fixture(UUID clientId, String integratorToken, SignedInUser admin, UUID adminMembershipId,
            SignedInUser member, UUID memberMembershipId) {
    }

    private Fixture fixture() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Jansen").id;
        SignedInUser admin = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        return new Fixture(clientId, integrator.accessToken(), admin, users.membership(admin.userId(), clientId).id,
                member, users.membership(member.userId(), clientId).id);
    }

    private static Response invite(SignedInUser caller, UUID clientId, String email, String role, String language) {
        return given().auth().oauth2(caller.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Kees de Vries", "relation", "kleinzoon", "email", email,
                        "mobile", LoginFlow.randomDutchMobile(), "role", role, "language", language))
                .post("/app/v1/clients/{clientId}/members", clientId);
    }

    private static Response changeRole(SignedInUser caller, UUID clientId, UUID membershipId, String role) {
        return given().auth().oauth2(caller.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("role", role))
                .patch("/app/v1/clients/{clientId}/members/{membershipId}", clientId, membershipId);
    }

    private static Response register(String token, UUID clientId, String role, String basis) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Anna de Vries", "relation", "dochter", "email", newEmail(),
                        "mobile", LoginFlow.randomDutchMobile(), "role", role, "basis", basis))
                .post("/integration/v1/clients/{clientId}/members", clientId);
    }

    private static Map<String, Object> memberWithEmail(JsonPath list, String email) {
        String masked = email.charAt(0) + "***" + email.substring(email.indexOf('@'));
        List<Map<String, Object>> matches = list.getList("findAll { it.maskedEmail == '%s' }".formatted(masked));
        assertEquals(1, matches.size(), "members with e-mail " + masked + ": " + list.prettify());
        return matches.get(0);
    }

    private static Map<Integer, Integer> inParallel(List<Callable<Integer>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (Callable<Integer> request : requests) {
            statuses.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        Map<Integer, Integer> counts = new HashMap<>();
        for (Future<Integer> status : statuses) {
            counts.merge(status.get(), 1, Integer::sum);
        }
        pool.shutdown();
        return counts;
    }

    private static String newEmail() {
        return "naaste-" + UUID.randomUUID() + "@example.test";
    }
}
