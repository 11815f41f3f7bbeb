package nl.clientapp.audit;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ClientRoles;
import nl.clientapp.access.Role;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.PageLimit;

/**
 * N3, the logging overview of Wabvpz article 15e: who accessed a client's dossier, what they did
 * and when. For the client's administrators and for the client themself (membership basis
 * CLIENT); other callers get 404. Reading the overview is an access too and is audited.
 */
@Path("/app/v1/clients/{clientId}/access-log")
@Tag(name = "Access log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("app-user")
public class AccessLogResource {

    @Inject
    AuditLogReader reader;

    @GET
    @ClientRoles(value = Role.FULL_ACCESS_ADMIN, orClientThemself = true)
    @Operation(operationId = "listAccessLog", summary = "List who accessed the client's dossier",
            description = "Every recorded read or change of the client's data and every refused attempt, newest first: who "
                    + "(a member's name and relation, an integrator's organisation, or the automatic process), what "
                    + "(a description in the request's language, the event code and the object type) and when. "
                    + "from and to are dates (a day in Europe/Amsterdam, to includes its whole day) or instants with an "
                    + "offset (to excludes the instant). Pass nextCursor as cursor to read the next page. Only the client's "
                    + "administrators and the client themself may read it.")
    @APIResponse(responseCode = "200", description = "A page of the access log")
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-period, invalid-cursor or invalid-limit")
    @APIResponse(responseCode = "404", description = "No such client, or the caller is neither an administrator of the client nor the client")
    @Audited(event = "audit-log.read", action = AuditAction.READ, objectType = "audit-log")
    public Page<AccessLogEntryView> list(@PathParam("clientId") UUID clientId,
            @Parameter(description = "Start of the period: a date (yyyy-mm-dd, Europe/Amsterdam) or an instant") @QueryParam("from") String from,
            @Parameter(description = "End of the period: a date (included) or an instant (excluded)") @QueryParam("to") String to,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Locale locale = RequestLanguage.fromAcceptLanguage(acceptLanguage);
        Page<AuditRow> rows = reader.page(clientId, AuditPeriod.parse(from, to), KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
        return new Page<>(rows.items().stream().map(row -> view(row, locale)).toList(), rows.nextCursor());
    }

    static AccessLogEntryView view(AuditRow row, Locale locale) {
        return new AccessLogEntryView(row.id(), row.occurredAt(), row.event(), row.action(), row.outcome(), row.objectType(),
                row.objectId(), description(row, locale), new AccessLogEntryView.Actor(row.actorType(), actorName(row, locale),
                        row.actorRelation(), row.actorRole()));
    }

    /** A readable description of the event; an event without a text of its own is described by its action and object type. */
    static String description(AuditRow row, Locale locale) {
        String what;
        try {
            what = Messages.get(locale, "audit.event." + row.event());
        } catch (MissingResourceException e) {
            what = Messages.get(locale, "audit.action." + row.action().name(), row.objectType());
        }
        return row.outcome() == AuditOutcome.DENIED ? Messages.get(locale, "audit.denied", what) : what;
    }

    static String actorName(AuditRow row, Locale locale) {
        return switch (row.actorType()) {
            case APP_USER -> row.actorName() != null ? row.actorName() : Messages.get(locale, "audit.actor.unknown-user");
            case INTEGRATOR -> row.organisationName() != null ? row.organisationName() : Messages.get(locale, "audit.actor.unknown-organisation");
            case SYSTEM -> Messages.get(locale, "audit.actor.system");
        };
    }
}
