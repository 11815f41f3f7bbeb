package nl.clientapp.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import nl.clientapp.integration.IntegratorCaller;

/**
 * The organisation's maximum retention of audit entries (N2). Entries are kept at least 5 years;
 * without a setting they are kept indefinitely. {@link AuditRetentionJob} removes entries about
 * the organisation's clients once they are older than the maximum.
 */
@Path("/integration/v1/audit-retention")
@Tag(name = "Access log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditRetentionResource {

    static final String WRITE_SCOPE = "audit:write";

    private static final Logger LOG = Logger.getLogger(AuditRetentionResource.class);

    /** The maximum retention in whole years, from 5 to 100; null in a response when none is set. */
    @Schema(name = "AuditRetention")
    public record RetentionSetting(@NotNull @Min(AuditRetentionJob.MINIMUM_YEARS) @Max(100) Integer maxRetentionYears) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    IntegratorCaller caller;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed(WRITE_SCOPE)
    @Transactional
    @Operation(operationId = "readAuditRetention", summary = "Show the maximum retention of audit entries",
            description = "The organisation's maximum retention in years; null when none is set, and entries are kept indefinitely.")
    @APIResponse(responseCode = "200", description = "The setting", content = @Content(schema = @Schema(implementation = RetentionSetting.class)))
    public RetentionSetting read() {
        @SuppressWarnings("unchecked")
        List<Number> years = entityManager.createNativeQuery("select max_retention_years from audit_retention where organisation_id = :organisation")
                .setParameter("organisation", caller.organisationId())
                .getResultList();
        return new RetentionSetting(years.isEmpty() ? null : years.get(0).intValue());
    }

    @PUT
    @RolesAllowed(WRITE_SCOPE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "setAuditRetention", summary = "Set the maximum retention of audit entries",
            description = "From the next run of the retention job on, audit entries about the organisation's clients older "
                    + "than maxRetentionYears are removed. The law requires at least 5 years, so a smaller value is refused, "
                    + "and no entry younger than 5 years is ever removed.")
    @APIResponse(responseCode = "200", description = "Set", content = @Content(schema = @Schema(implementation = RetentionSetting.class)))
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-request: maxRetentionYears is missing or not from 5 to 100")
    public RetentionSetting set(@Valid @NotNull RetentionSetting setting) {
        entityManager.createNativeQuery("""
                insert into audit_retention (organisation_id, max_retention_years, updated_at, updated_by)
                values (:organisation, :years, :now, :integrator)
                on conflict (organisation_id) do update
                   set max_retention_years = excluded.max_retention_years, updated_at = excluded.updated_at,
                       updated_by = excluded.updated_by""")
                .setParameter("organisation", caller.organisationId())
                .setParameter("years", setting.maxRetentionYears())
                .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter("integrator", caller.integratorId())
                .executeUpdate();
        LOG.infof("Integrator %s set the audit retention of organisation %s to %d years", caller.integratorId(),
                caller.organisationId(), setting.maxRetentionYears());
        return setting;
    }

    @DELETE
    @RolesAllowed(WRITE_SCOPE)
    @Transactional
    @Operation(operationId = "removeAuditRetention", summary = "Remove the maximum retention of audit entries",
            description = "Audit entries about the organisation's clients are kept indefinitely from now on.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Removed, or none was set")
    public Response remove() {
        entityManager.createNativeQuery("delete from audit_retention where organisation_id = :organisation")
                .setParameter("organisation", caller.organisationId())
                .executeUpdate();
        LOG.infof("Integrator %s removed the audit retention of organisation %s", caller.integratorId(), caller.organisationId());
        return Response.noContent().build();
    }
}
