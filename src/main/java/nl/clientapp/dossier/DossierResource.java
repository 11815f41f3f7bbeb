package nl.clientapp.dossier;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ClientRoles;
import nl.clientapp.access.Role;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.Audited;
import nl.clientapp.common.DutchTime;
import nl.clientapp.common.problem.ProblemException;

/**
 * The dossier sections of one client, for members with full access. Members without full
 * access, and users who are no member, get 404 so the client's existence is not disclosed.
 */
@Path("/app/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("app-user")
@APIResponse(responseCode = "401", description = "No valid access token, or the login session has ended")
@APIResponse(responseCode = "404", description = "No such client or object, or the caller has no full access to the client")
class DossierResource {

    /** Maximum length of a measurement code filter. LOINC codes and SNOMED CT ids are far shorter. */
    private static final int MAX_CODE_LENGTH = 64;

    @Inject
    ReportService reports;

    @Inject
    DossierSectionService sections;

    @Inject
    Clock clock;

    @GET
    @Path("/reports")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Tag(name = "Reports")
    @Operation(summary = "List reports", description = "Reports (rapportages) from the ECD, newest first. "
            + "Pass nextCursor as cursor to read the next page.")
    @APIResponse(responseCode = "200", description = "A page of reports")
    @APIResponse(responseCode = "400", description = "Invalid category, cursor or limit")
    @Audited(event = "dossier.reports.read", action = AuditAction.READ, objectType = "reports")
    public Page<ReportView> reports(@PathParam("clientId") UUID clientId,
            @Parameter(description = "CARE, WELLBEING or TREATMENT") @QueryParam("category") String category,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        return reports.reports(clientId, ReportCategory.parse(category), KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
    }

    @GET
    @Path("/reports/{reportId}")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Tag(name = "Reports")
    @Operation(operationId = "readReport", summary = "Read a report", description = "One report with all its sections, such as the S, O, E and P of a "
            + "SOEP report. A report of another client answers 404.")
    @APIResponse(responseCode = "200", description = "The report")
    @Audited(event = "dossier.report.read", action = AuditAction.READ, objectType = "report", objectIdParameter = "reportId")
    public ReportView report(@PathParam("clientId") UUID clientId, @PathParam("reportId") String reportId) {
        return reports.report(clientId, objectId(reportId)).orElseThrow(ProblemException::notFound);
    }

    @GET
    @Path("/measurements")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Tag(name = "Measurements")
    @Operation(summary = "List measurements", description = "Measurements (metingen) such as weight and blood pressure, "
            + "newest first. Pass nextCursor as cursor to read the next page.")
    @APIResponse(responseCode = "200", description = "A page of measurements")
    @APIResponse(responseCode = "400", description = "Invalid code, cursor or limit")
    @Audited(event = "dossier.measurements.read", action = AuditAction.READ, objectType = "measurements")
    public Page<MeasurementView> measurements(@PathParam("clientId") UUID clientId,
            @Parameter(description = "Only measurements with this code, for example the LOINC code of body weight") @QueryParam("code") String code,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        if (code != null && code.length() > MAX_CODE_LENGTH) {
            throw ProblemException.badRequest("invalid-code", MAX_CODE_LENGTH);
        }
        String codeFilter = code == null || code.isEmpty() ? null : code;
        return reports.measurements(clientId, codeFilter, KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
    }

    @GET
    @Path("/care-plan")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Tag(name = "Care plan")
    @Operation(summary = "Read the care plan", description = "The care and life plan (zorgleefplan) grouped by care domain: "
            + "per domain its plans, goals and agreed activities.")
    @APIResponse(responseCode = "200", description = "The care plan")
    @Audited(event = "dossier.care-plan.read", action = AuditAction.READ, objectType = "care-plan")
    public CarePlanView carePlan(@PathParam("clientId") UUID clientId) {
        return sections.carePlan(clientId);
    }

    @GET
    @Path("/agenda")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Tag(name = "Agenda")
    @Operation(summary = "List appointments", description = "Appointments that start from 'from' to 'to', both inclusive "
            + "Europe/Amsterdam dates, ordered by start. Without dates: today to 4 weeks later. The range is at most one year.")
    @APIResponse(responseCode = "200", description = "The appointments in the range")
    @APIResponse(responseCode = "400", description = "A date is not YYYY-MM-DD, or the range is reversed or longer than one year")
    @Audited(event = "dossier.agenda.read", action = AuditAction.READ, objectType = "agenda")
    public AgendaView agenda(@PathParam("clientId") UUID clientId,
            @Parameter(description = "First date, YYYY-MM-DD") @QueryParam("from") String from,
            @Parameter(description = "Last date, YYYY-MM-DD") @QueryParam("to") String to) {
        AgendaRange range = AgendaRange.parse(from, to, DutchTime.today(clock));
        return sections.agenda(clientId, range.from(), range.to());
    }

    @GET
    @Path("/profile")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Tag(name = "Profile")
    @Operation(summary = "Read the client profile", description = "Personal details, Mijn verhaal (myStory), "
            + "Beeldvorming (beeldvorming) and the care relationships.")
    @APIResponse(responseCode = "200", description = "The profile")
    @Audited(event = "dossier.profile.read", action = AuditAction.READ, objectType = "profile")
    public ProfileView profile(@PathParam("clientId") UUID clientId) {
        return sections.profile(clientId);
    }

    @GET
    @Path("/network")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Tag(name = "Network")
    @Operation(summary = "Read the network", description = "Relatives, informal carers and volunteers, and the professionals "
            + "involved with the client.")
    @APIResponse(responseCode = "200", description = "The network")
    @Audited(event = "dossier.network.read", action = AuditAction.READ, objectType = "network")
    public NetworkView network(@PathParam("clientId") UUID clientId) {
        return sections.network(clientId);
    }

    /** Parses an object id from the path; an id that is no UUID cannot exist, so it gets 404. */
    static UUID objectId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound();
        }
    }
}
