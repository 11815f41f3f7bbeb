package nl.clientapp.terms;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ActiveSession;
import nl.clientapp.access.AppCaller;
import nl.clientapp.auth.TokenAudience;
import nl.clientapp.common.problem.ProblemException;

/** The terms of use in the app: reading them and accepting a version. Both stay open while acceptance is required. */
@Path(TermsGate.TERMS_PATH)
@Tag(name = "Terms of use")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(TokenAudience.APP_USER_GROUP)
class AppTermsResource {

    @Inject
    AppCaller caller;

    @Inject
    TermsAcceptanceService acceptances;

    @GET
    @ActiveSession
    @Operation(operationId = "readTerms", summary = "Show the terms of use that apply to me",
            description = "Per organisation whose clients the user follows: the version in effect (the latest whose "
                    + "effective date has passed) and the next published version, each with its text and whether the user "
                    + "accepted it. acceptanceRequired is true while a version in effect is not accepted; until then every "
                    + "other app call returns 403 with type urn:clientapp:problem:terms-not-accepted.")
    @APIResponse(responseCode = "200", description = "The terms",
            content = @Content(schema = @Schema(implementation = TermsView.class)))
    public TermsView terms() {
        return acceptances.termsOf(caller.userId());
    }

    @POST
    @Path("/{versionId}/acceptance")
    @ActiveSession
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "acceptTerms", summary = "Accept a terms version",
            description = "Records that the user accepted the version, with the time. A version that is not yet in effect "
                    + "can be accepted in advance. Accepting again changes nothing and returns the first acceptance.")
    @APIResponse(responseCode = "201", description = "Accepted",
            content = @Content(schema = @Schema(implementation = TermsAcceptanceView.class)))
    @APIResponse(responseCode = "200", description = "Accepted earlier; the first acceptance",
            content = @Content(schema = @Schema(implementation = TermsAcceptanceView.class)))
    @APIResponse(responseCode = "404", description = "No such version for an organisation whose clients the user follows")
    public Response accept(@PathParam("versionId") String versionId) {
        TermsAcceptanceService.Recorded recorded = acceptances.accept(caller.userId(), parseId(versionId));
        return Response.status(recorded.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(recorded.acceptance())
                .build();
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound();
        }
    }
}
