package nl.clientapp.notification;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ActiveSession;
import nl.clientapp.access.AppCaller;
import nl.clientapp.auth.TokenAudience;

/** The app's push token for the current login and the user's notification preferences. */
@Path("/app/v1/me")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(TokenAudience.APP_USER_GROUP)
class AppNotificationResource {

    /** Device platforms that receive push notifications. */
    enum Platform {
        ANDROID, IOS
    }

    /**
     * The push token the device received from its push service.
     *
     * @param token the FCM registration token
     */
    record PushTokenRequest(@NotNull Platform platform, @NotBlank @Size(max = 4096) String token) {
    }

    /** The user's choices for every kind of notification that has choices. */
    record PreferencesView(List<NotificationPreferences.Preference> preferences) {
    }

    /** New choices; kinds left out keep theirs. */
    record PreferencesRequest(@NotNull @Size(max = 10) List<@Valid @NotNull PreferenceChange> preferences) {
    }

    record PreferenceChange(@NotNull NotificationKind kind, @NotNull Boolean email, @NotNull Boolean push) {
    }

    @Inject
    AppCaller caller;

    @Inject
    PushTokens pushTokens;

    @Inject
    NotificationPreferences preferences;

    @PUT
    @Path("/devices/current/push-token")
    @ActiveSession
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putPushToken", summary = "Register this device's push token",
            description = "Stores the push token of the device behind the current login session, replacing an earlier "
                    + "one. Pushes stop when the session ends (logout, or the end of access to every client).")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Stored")
    public void putPushToken(@Valid @NotNull PushTokenRequest request) {
        pushTokens.store(caller.sessionId(), caller.userId(), request.platform(), request.token());
    }

    @DELETE
    @Path("/devices/current/push-token")
    @ActiveSession
    @Operation(operationId = "deletePushToken", summary = "Remove this device's push token",
            description = "The device behind the current login session receives no more push notifications.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Removed, or there was none")
    public void deletePushToken() {
        pushTokens.delete(caller.sessionId());
    }

    @GET
    @Path("/notification-preferences")
    @ActiveSession
    @Operation(operationId = "readNotificationPreferences", summary = "Show my notification preferences",
            description = "Per kind (NEWS, CHAT_ANSWERS, ACCESS_NOTICES) whether e-mail and push are on. E-mails about "
                    + "the end of access are required (emailMandatory) and always sent. Login details and changes of the "
                    + "terms of use are always e-mailed and have no preference.")
    @APIResponse(responseCode = "200", description = "The preferences",
            content = @Content(schema = @Schema(implementation = PreferencesView.class)))
    public PreferencesView readPreferences() {
        return new PreferencesView(preferences.read(caller.userId()));
    }

    @PUT
    @Path("/notification-preferences")
    @ActiveSession
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateNotificationPreferences", summary = "Change my notification preferences",
            description = "Stores the given kinds' choices; kinds left out keep theirs. Turning off a required e-mail "
                    + "answers 400 notification-email-mandatory and changes nothing.")
    @APIResponse(responseCode = "200", description = "The preferences after the change",
            content = @Content(schema = @Schema(implementation = PreferencesView.class)))
    @APIResponse(responseCode = "400", description = "Unknown kind, a kind given twice, or a required e-mail turned off")
    public PreferencesView updatePreferences(@Valid @NotNull PreferencesRequest request) {
        List<NotificationPreferences.Preference> changes = request.preferences().stream()
                .map(change -> new NotificationPreferences.Preference(change.kind(), change.email(), change.push(),
                        change.kind().emailMandatory()))
                .toList();
        return new PreferencesView(preferences.update(caller.userId(), changes));
    }

    /** Push tokens per login session. */
    @ApplicationScoped
    static class PushTokens {

        @Inject
        EntityManager entityManager;

        @Inject
        Clock clock;

        @Transactional
        void store(UUID sessionId, UUID userId, Platform platform, String token) {
            entityManager.createNativeQuery("""
                    insert into push_token (login_session_id, user_id, platform, token, updated_at)
                    values (:session, :user, :platform, :token, :now)
                    on conflict (login_session_id) do update set platform = excluded.platform, token = excluded.token,
                                                                updated_at = excluded.updated_at
                    """)
                    .setParameter("session", sessionId)
                    .setParameter("user", userId)
                    .setParameter("platform", platform.name())
                    .setParameter("token", token.trim())
                    .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .executeUpdate();
        }

        @Transactional
        void delete(UUID sessionId) {
            entityManager.createNativeQuery("delete from push_token where login_session_id = :session")
                    .setParameter("session", sessionId)
                    .executeUpdate();
        }
    }
}
