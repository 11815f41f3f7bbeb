package nl.clientapp.support;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import nl.clientapp.access.AppUser;
import nl.clientapp.access.LoginSession;
import nl.clientapp.access.Membership;
import nl.clientapp.access.Role;
import nl.clientapp.auth.AccessTokens;
import nl.clientapp.client.Client;
import nl.clientapp.client.Organisation;

/**
 * Creates clients, app users, memberships and login sessions directly in the database, and signs
 * real access tokens for them, for tests of endpoints behind the login flow.
 */
@ApplicationScoped
public class TestAppUsers {

    @Inject
    AccessTokens accessTokens;

    /** An app user with an active login session and a signed access token for it. */
    public record SignedInUser(UUID userId, UUID sessionId, String accessToken) {
    }

    @Transactional
    public Client createClient(String displayName) {
        Organisation organisation = new Organisation();
        organisation.id = UUID.randomUUID();
        organisation.name = "Testorganisatie";
        organisation.createdAt = Instant.now();
        organisation.persist();
        return createClient(organisation.id, displayName);
    }

    @Transactional
    public Client createClient(UUID organisationId, String displayName) {
        Client client = new Client();
        client.id = UUID.randomUUID();
        client.organisationId = organisationId;
        client.fhirPatientId = "test-" + client.id;
        client.displayName = displayName;
        client.personalDetails = "{}";
        client.createdAt = Instant.now();
        client.updatedAt = client.createdAt;
        client.persist();
        return client;
    }

    /** Creates a user who is a member of {@code clientId} with {@code role}, and signs them in. */
    @Transactional
    public SignedInUser memberOf(UUID clientId, Role role) {
        SignedInUser user = signedInUser();
        addMembership(user.userId(), clientId, role);
        return user;
    }

    @Transactional
    public SignedInUser signedInUser() {
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.name = "Test Gebruiker";
        user.email = "user-" + user.id + "@example.test";
        user.mobile = "+31612345678";
        user.language = "nl";
        user.createdAt = Instant.now();
        user.persist();

        LoginSession session = new LoginSession();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.createdAt = Instant.now();
        session.persist();
        return new SignedInUser(user.id, session.id, accessTokens.issue(user.id, session.id));
    }

    @Transactional
    public void addMembership(UUID userId, UUID clientId, Role role) {
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.userId = userId;
        membership.clientId = clientId;
        membership.role = role;
        membership.relation = "dochter";
        membership.basis = "INVITED";
        membership.status = Membership.ACTIVE;
        membership.createdAt = Instant.now();
        membership.persist();
    }

    /** Returns the membership of a user for a client, read in its own transaction. */
    @Transactional
    public Membership membership(UUID userId, UUID clientId) {
        return Membership.find(userId, clientId);
    }

    /** Returns a membership by id, read in its own transaction. */
    @Transactional
    public Membership membership(UUID membershipId) {
        return Membership.findById(membershipId);
    }
}
