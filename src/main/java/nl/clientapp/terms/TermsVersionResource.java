package nl.clientapp.terms;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.common.RequestLanguage;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API through which an organisation publishes the terms of use of the app. */
@Path("/integration/v1/terms-versions")
@Tag(name = "Terms of use")
@Produces(MediaType.APPLICATION_JSON)
class TermsVersionResource {

    /** OAuth scope for publishing and listing terms versions. */
    static final String SCOPE = "terms:write";

    @Inject
    TermsPublicationService publication;

    @Inject
    IntegratorCaller caller;

    @POST
    @RolesAllowed(SCOPE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishTermsVersion", summary = "Publish a terms version",
            description = "Stores a new version of the organisation's terms of use and e-mails every app user with an "
                    + "active membership of one of the organisation's clients once, in Dutch or in the user's language, "
                    + "stating the date the version takes effect. From 00:00 Europe/Amsterdam on effectiveDate, those "
                    + "users must accept the version in the app before they can use it. effectiveDate must be today or "
                    + "later (Europe/Amsterdam).")
    @APIResponse(responseCode = "201", description = "Published; the e-mails are sent",
            content = @Content(schema = @Schema(implementation = TermsVersionSummaryView.class)))
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:terms-version-exists: "
            + "the organisation already has a version with this label or effective date")
    public Response publish(@Valid @NotNull PublishTermsVersionRequest request, HttpHeaders headers) {
        var locale = RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        TermsVersionSummaryView view = publication.publish(caller.organisationId(), request, locale);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @RolesAllowed(SCOPE)
    @Operation(operationId = "listTermsVersions", summary = "List terms versions",
            description = "The organisation's published terms versions without their text, latest effective date first, "
                    + "each with the number of app users who accepted it.")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TermsVersionSummaryView.class)))
    public List<TermsVersionSummaryView> list() {
        return publication.list(caller.organisationId());
    }
}
