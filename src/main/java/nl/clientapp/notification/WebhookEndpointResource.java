package nl.clientapp.notification;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API through which an organisation registers the endpoints that receive its webhooks. */
@Path("/integration/v1/webhook-endpoints")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
class WebhookEndpointResource {

    /** OAuth scope for managing webhook endpoints. */
    static final String SCOPE = "webhooks:write";

    /**
     * A new endpoint.
     *
     * @param url where events are POSTed: https (http to a loopback address in dev and test only)
     * @param secret signing secret "whsec_" + base64 of 24 to 64 random bytes; generated when left out
     */
    record RegisterEndpointRequest(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 200) @Schema(description = "Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 bytes; generated when absent") String secret) {
    }

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    IntegratorCaller caller;

    @POST
    @RolesAllowed(SCOPE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerWebhookEndpoint", summary = "Register a webhook endpoint",
            description = "Events about the organisation's clients are POSTed to the URL as JSON {type, timestamp, data}, "
                    + "signed per the Standard Webhooks specification (headers webhook-id, webhook-timestamp, "
                    + "webhook-signature: v1, HMAC-SHA256 of id.timestamp.body under the secret). The answer is the only "
                    + "one that shows the secret. Failed deliveries are retried with exponential backoff, each with the "
                    + "same webhook-id. Event types: member.registered, member.activated, membership.ended, terms.accepted.")
    @APIResponse(responseCode = "201", description = "Registered, with the secret",
            content = @Content(schema = @Schema(implementation = WebhookEndpoints.EndpointView.class)))
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:webhook-endpoint-limit: "
            + "the organisation has the maximum number of endpoints")
    public Response register(@Valid @NotNull RegisterEndpointRequest request) {
        WebhookEndpoints.EndpointView view = endpoints.register(caller.organisationId(), request.url(), request.secret());
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @RolesAllowed(SCOPE)
    @Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints",
            description = "The organisation's registered endpoints, oldest first, without their secrets.")
    @APIResponse(responseCode = "200", description = "The endpoints",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookEndpoints.EndpointView.class)))
    public List<WebhookEndpoints.EndpointView> list() {
        return endpoints.list(caller.organisationId());
    }

    @DELETE
    @Path("/{endpointId}")
    @RolesAllowed(SCOPE)
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint",
            description = "Stops deliveries to the endpoint; messages not yet delivered to it are dropped.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such endpoint of the organisation")
    public void delete(@PathParam("endpointId") String endpointId) {
        endpoints.delete(caller.organisationId(), parseId(endpointId));
    }

    static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound();
        }
    }
}
