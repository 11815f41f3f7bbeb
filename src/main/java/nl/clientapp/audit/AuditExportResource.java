package nl.clientapp.audit;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;

import ca.uhn.fhir.context.FhirContext;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.PageLimit;
import nl.clientapp.integration.IntegrationAudited;
import nl.clientapp.integration.IntegratorCaller;

/**
 * Export of one client's audit log for the care organisation, as JSON records with all fields or
 * as a FHIR R4 Bundle of AuditEvent resources, newest first and keyset paged. Each call writes an
 * EXPORT entry of its own; a client of another organisation answers 404 and writes a DENIED entry.
 */
@Path("/integration/v1/clients/{clientId}/audit-log")
@Tag(name = "Access log")
public class AuditExportResource {

    static final String READ_SCOPE = "audit:read";

    static final String FHIR_JSON = "application/fhir+json";

    @Inject
    AuditLogReader reader;

    @Inject
    IntegratorCaller caller;

    @GET
    @RolesAllowed(READ_SCOPE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportAuditLog", summary = "Export a client's audit log",
            description = "All audit entries about the client, newest first, with every stored field and the names of the "
                    + "actors. from and to are dates (a day in Europe/Amsterdam, to includes its whole day) or instants with an "
                    + "offset (to excludes the instant). Pass nextCursor as cursor to read the next page. The export is "
                    + "recorded in the log itself.")
    @APIResponse(responseCode = "200", description = "A page of audit entries")
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-period, invalid-cursor or invalid-limit")
    @APIResponse(responseCode = "404", description = "No such client of this organisation")
    @IntegrationAudited(event = "audit-log.export", action = AuditAction.EXPORT, objectType = "audit-log", scope = READ_SCOPE)
    public Page<AuditRow> export(@PathParam("clientId") UUID clientId,
            @Parameter(description = "Start of the period: a date (yyyy-mm-dd, Europe/Amsterdam) or an instant") @QueryParam("from") String from,
            @Parameter(description = "End of the period: a date (included) or an instant (excluded)") @QueryParam("to") String to,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        requireOwnClient(clientId);
        return reader.page(clientId, AuditPeriod.parse(from, to), KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
    }

    @GET
    @Path("/fhir")
    @RolesAllowed(READ_SCOPE)
    @Produces(FHIR_JSON)
    @Operation(operationId = "exportAuditLogAsFhir", summary = "Export a client's audit log as FHIR AuditEvents",
            description = "The same entries and parameters as exportAuditLog, as a FHIR R4 searchset Bundle of AuditEvent "
                    + "resources: type a DICOM audit event id (110110 Patient Record, 110106 Export, 110136 Security Roles "
                    + "Changed), subtype the event code, agent the app user, integrator or job with its role and IP address, "
                    + "entities the client's Patient and the object accessed. The link with relation next holds the next page.")
    @APIResponse(responseCode = "200", description = "A Bundle of AuditEvent resources",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-period, invalid-cursor or invalid-limit")
    @APIResponse(responseCode = "404", description = "No such client of this organisation")
    @IntegrationAudited(event = "audit-log.export", action = AuditAction.EXPORT, objectType = "audit-log", scope = READ_SCOPE)
    public Response exportAsFhir(@PathParam("clientId") UUID clientId,
            @Parameter(description = "Start of the period: a date (yyyy-mm-dd, Europe/Amsterdam) or an instant") @QueryParam("from") String from,
            @Parameter(description = "End of the period: a date (included) or an instant (excluded)") @QueryParam("to") String to,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        AuditLogReader.ClientRef client = requireOwnClient(clientId);
        Page<AuditRow> page = reader.page(clientId, AuditPeriod.parse(from, to), KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        for (AuditRow row : page.items()) {
            bundle.addEntry().setResource(AuditEvents.of(row, client.fhirPatientId()));
        }
        if (page.nextCursor() != null) {
            bundle.addLink().setRelation("next").setUrl(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build().toString());
        }
        return Response.ok(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle))
                .type(FHIR_JSON + ";charset=UTF-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private AuditLogReader.ClientRef requireOwnClient(UUID clientId) {
        AuditLogReader.ClientRef client = reader.client(clientId);
        if (client == null || !client.organisationId().equals(caller.organisationId())) {
            throw ProblemException.notFound();
        }
        return client;
    }
}
