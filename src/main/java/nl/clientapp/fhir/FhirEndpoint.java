package nl.clientapp.fhir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.problem.DatabaseBusy;
import nl.clientapp.common.throttle.Throttled;
import nl.clientapp.integration.IntegratorCaller;

/**
 * FHIR R4 import for integrators: update of single resources, transaction and batch Bundles, and the
 * CapabilityStatement. Errors here are OperationOutcomes, as FHIR clients expect, not problem+json.
 */
@Path("/fhir")
@Tag(name = "FHIR import")
class FhirEndpoint {

    private static final Logger LOG = Logger.getLogger(FhirEndpoint.class);

    static final String WRITE_SCOPE = "fhir:write";

    private static final String FHIR_RESOURCE_SCHEMA = "#/components/schemas/FhirResource";
    private static final String OPERATION_OUTCOME_SCHEMA = "#/components/schemas/OperationOutcome";

    static final String PATIENT_PARAMETER_DESCRIPTION = "The optional query parameter patient (Patient/{id} or {id}) names the "
            + "client for resources that could name a patient (subject, patient or beneficiary) but name none, such as "
            + "examples exported without their subject; a resource that names its own patient keeps it.";

    private static final List<MediaType> ACCEPTED_BODIES = List.of(MediaType.valueOf(FhirFormat.FHIR_JSON), MediaType.valueOf(FhirFormat.FHIR_XML),
            MediaType.APPLICATION_JSON_TYPE, MediaType.APPLICATION_XML_TYPE);

    @Inject
    FhirImportService imports;

    @Inject
    IntegratorCaller caller;

    @Inject
    CapabilityStatements capabilityStatements;

    @Inject
    DatabaseBusy databaseBusy;

    @GET
    @Path("metadata")
    @PermitAll
    @Throttled("fhirCapabilityStatement")
    @Operation(operationId = "fhirCapabilityStatement", summary = "FHIR CapabilityStatement", description = "What this FHIR endpoint accepts and what each resource type becomes in the app. "
            + "Requests are limited per client IP address: 429 problem+json with Retry-After.")
    @APIResponse(responseCode = "200", description = "The CapabilityStatement", content = {
            @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)),
            @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)) })
    @APIResponse(responseCode = "429", description = "Too many requests from this address; see Retry-After")
    public Response metadata(@QueryParam("_format") String format, HttpHeaders headers) {
        FhirFormat responseFormat = FhirFormat.forResponse(format, headers.getAcceptableMediaTypes());
        return respond(200, responseFormat, capabilityStatements.current()).build();
    }

    @PUT
    @Path("{type}/{id}")
    @RolesAllowed(WRITE_SCOPE)
    @Operation(operationId = "fhirUpdate", summary = "Create or update one FHIR resource", description = "The id in the path must equal the resource id. "
            + PATIENT_PARAMETER_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Stored as a new version, or unchanged; the OperationOutcome states which",
            content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)),
                    @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)) })
    @APIResponse(responseCode = "201", description = "Created",
            content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)),
                    @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)) })
    public Response update(@PathParam("type") String type, @PathParam("id") String id, @QueryParam("_format") String format,
            @QueryParam("patient") String patient, HttpHeaders headers,
            @RequestBody(required = true, description = "One FHIR R4 resource whose type and id equal the path",
                    content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)),
                            @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)) }) byte[] body) {
        FhirFormat responseFormat = FhirFormat.forResponse(format, headers.getAcceptableMediaTypes());
        String patientContext = ResourceReader.patientContext(patient);
        UUID organisationId = caller.organisationId();
        ResourceReader.checkPath(type, id);
        IBaseResource parsed = ResourceReader.parse(body, requestFormat(headers), charset(headers), fhirVersion(headers));
        if (!type.equals(parsed.fhirType())) {
            throw new FhirException(400, FhirIssue.error(IssueType.INVALID, "resourceType", "fhir.error.type-mismatch", parsed.fhirType(), type));
        }
        Resource resource = (Resource) parsed;
        FhirIssue problem = ResourceReader.problem(resource, type);
        if (problem != null) {
            throw new FhirException(400, problem);
        }
        if (!id.equals(resource.getIdElement().getIdPart())) {
            throw new FhirException(400, FhirIssue.error(IssueType.INVALID, type + ".id", "fhir.error.id-mismatch",
                    resource.getIdElement().getIdPart(), id));
        }
        resource.setId(id);

        ImportResult result = imports.importResource(organisationId, imports.sourceOf(caller.integratorId()), resource, patientContext);
        LOG.infof("Imported %s version %d (%s) for organisation %s", result.reference(), result.version(), result.change(), organisationId);
        return imported(result, responseFormat, locale(headers));
    }

    @PUT
    @Path("{type}")
    @RolesAllowed(WRITE_SCOPE)
    @Operation(operationId = "fhirConditionalUpdate", summary = "Create or update one FHIR resource by business identifier",
            description = "Conditional update: identifier is system|value, |value (no system) or value (any system), several "
                    + "separated by commas. No resource of the type holds the identifier: the resource is created (201) with its "
                    + "own id, else a new one. One does: it is updated (200); an id in the body must equal its id. Several do: 412. "
                    + "The body must carry one of the identifiers, and the type must have an identifier element. "
                    + PATIENT_PARAMETER_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name the new version",
            content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)),
                    @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)) })
    @APIResponse(responseCode = "200", description = "Updated, or unchanged; Location and ETag name the current version",
            content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)),
                    @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)) })
    @APIResponse(responseCode = "412", description = "Several resources hold the identifier",
            content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)),
                    @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = OPERATION_OUTCOME_SCHEMA)) })
    public Response conditionalUpdate(@PathParam("type") String type,
            @Parameter(required = true, description = "system|value, |value or value; several separated by commas")
            @QueryParam("identifier") String identifier,
            @QueryParam("_format") String format, @QueryParam("patient") String patient, HttpHeaders headers,
            @RequestBody(required = true, description = "One FHIR R4 resource of the path's type that carries one of the identifiers",
                    content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)),
                            @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)) }) byte[] body) {
        FhirFormat responseFormat = FhirFormat.forResponse(format, headers.getAcceptableMediaTypes());
        String patientContext = ResourceReader.patientContext(patient);
        UUID organisationId = caller.organisationId();
        if (!Fhir.CONTEXT.getResourceTypes().contains(type) || ResourceReader.NOT_ACCEPTED.contains(type)) {
            throw new FhirException(400, FhirIssue.error(IssueType.NOTSUPPORTED, null, "fhir.error.type-not-accepted", type));
        }
        List<FhirIdentifiers.Criterion> criteria = FhirIdentifiers.parse(identifier);
        IBaseResource parsed = ResourceReader.parse(body, requestFormat(headers), charset(headers), fhirVersion(headers));
        if (!type.equals(parsed.fhirType())) {
            throw new FhirException(400, FhirIssue.error(IssueType.INVALID, "resourceType", "fhir.error.type-mismatch", parsed.fhirType(), type));
        }
        Resource resource = (Resource) parsed;
        ResourceReader.conditionalCriteria(resource, criteria, type);
        if (resource.getIdElement().hasIdPart()) {
            FhirIssue problem = ResourceReader.problem(resource, type);
            if (problem != null) {
                throw new FhirException(400, problem);
            }
            resource.setId(resource.getIdElement().getIdPart());
        }

        ImportResult result = imports.importConditional(organisationId, imports.sourceOf(caller.integratorId()), resource, criteria,
                patientContext, type);
        LOG.infof("Imported %s version %d (%s) by identifier for organisation %s", result.reference(), result.version(), result.change(),
                organisationId);
        return imported(result, responseFormat, locale(headers));
    }

    /** Builds the response to a single import: 201 or 200 with Location, ETag and an OperationOutcome describing the change. */
    private static Response imported(ImportResult result, FhirFormat responseFormat, Locale locale) {
        return respond(result.change() == StoredResources.Change.CREATED ? 201 : 200, responseFormat,
                OperationOutcomes.of(locale, OperationOutcomes.issues(result)))
                .header(HttpHeaders.LOCATION, "fhir/" + historyReference(result))
                .header(HttpHeaders.ETAG, "W/\"" + result.version() + "\"")
                .build();
    }

    @POST
    @RolesAllowed(WRITE_SCOPE)
    @Operation(operationId = "fhirTransactionOrBatch", summary = "Import a transaction or batch Bundle",
            description = "A transaction imports all entries or none; a batch imports each entry on its own. Entries use PUT or POST. "
                    + PATIENT_PARAMETER_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A transaction-response or batch-response Bundle with an entry per request entry",
            content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)),
                    @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)) })
    public Response transactionOrBatch(@QueryParam("_format") String format, @QueryParam("patient") String patient, HttpHeaders headers,
            @RequestBody(required = true, description = "A FHIR R4 Bundle of type transaction or batch",
                    content = { @Content(mediaType = FhirFormat.FHIR_JSON, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)),
                            @Content(mediaType = FhirFormat.FHIR_XML, schema = @Schema(ref = FHIR_RESOURCE_SCHEMA)) }) byte[] body) {
        FhirFormat responseFormat = FhirFormat.forResponse(format, headers.getAcceptableMediaTypes());
        String patientContext = ResourceReader.patientContext(patient);
        UUID organisationId = caller.organisationId();
        IBaseResource parsed = ResourceReader.parse(body, requestFormat(headers), charset(headers), fhirVersion(headers));
        if (!(parsed instanceof Bundle bundle) || (bundle.getType() != BundleType.TRANSACTION && bundle.getType() != BundleType.BATCH)) {
            throw new FhirException(400, FhirIssue.error(IssueType.INVALID, "Bundle.type", "fhir.error.not-a-transaction", parsed.fhirType()));
        }
        List<TransactionBundles.PreparedEntry> entries = TransactionBundles.prepare(bundle);
        String source = imports.sourceOf(caller.integratorId());
        Locale locale = locale(headers);

        Bundle response = bundle.getType() == BundleType.TRANSACTION
                ? transaction(organisationId, source, entries, patientContext, locale)
                : batch(organisationId, source, entries, patientContext, locale);
        LOG.infof("Imported a %s Bundle of %d entries for organisation %s", bundle.getType().toCode(), entries.size(), organisationId);
        return respond(200, responseFormat, response).build();
    }

    private Bundle transaction(UUID organisationId, String source, List<TransactionBundles.PreparedEntry> entries, String patientContext,
            Locale locale) {
        List<FhirIssue> errors = entries.stream().map(TransactionBundles.PreparedEntry::error).filter(error -> error != null).toList();
        if (!errors.isEmpty()) {
            throw new FhirException(400, errors);
        }
        Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
        for (ImportResult result : imports.importTransaction(organisationId, source, entries, patientContext)) {
            addResult(response, result, locale);
        }
        return response;
    }

    private Bundle batch(UUID organisationId, String source, List<TransactionBundles.PreparedEntry> entries, String patientContext,
            Locale locale) {
        Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
        for (TransactionBundles.PreparedEntry entry : entries) {
            if (entry.error() != null) {
                response.addEntry().getResponse().setStatus("400 Bad Request").setOutcome(OperationOutcomes.of(locale, List.of(entry.error())));
                continue;
            }
            try {
                addResult(response, entry.conditional() == null
                        ? imports.importResource(organisationId, source, entry.resource(), patientContext)
                        : imports.importConditional(organisationId, source, entry.resource(), entry.conditional(), patientContext,
                                "Bundle.entry[" + entry.index() + "].resource"), locale);
            } catch (FhirException e) {
                response.addEntry().getResponse().setStatus(e.status() + " " + Response.Status.fromStatusCode(e.status()).getReasonPhrase())
                        .setOutcome(OperationOutcomes.of(locale, e.issues()));
            } catch (RuntimeException e) {
                // One failing entry must not hide the outcome of the others, which are already committed.
                if (DatabaseBusy.explains(e)) {
                    // NOTE: no test runs this branch, because no test can empty the pool between two entries of one batch.
                    long retryAfterSeconds = databaseBusy.unavailable().retryAfterSeconds();
                    response.addEntry().getResponse().setStatus("503 Service Unavailable").setOutcome(OperationOutcomes.of(locale,
                            List.of(FhirIssue.error(IssueType.TRANSIENT, "Bundle.entry[" + entry.index() + "]", "fhir.error.database-busy",
                                    retryAfterSeconds))));
                    continue;
                }
                String errorId = UUID.randomUUID().toString();
                LOG.errorf(e, "Batch entry %d (%s/%s) failed for organisation %s, error id %s", entry.index(), entry.resource().fhirType(),
                        entry.resource().getIdElement().getIdPart(), organisationId, errorId);
                response.addEntry().getResponse().setStatus("500 Internal Server Error").setOutcome(OperationOutcomes.of(locale,
                        List.of(FhirIssue.error(IssueType.EXCEPTION, "Bundle.entry[" + entry.index() + "]", "fhir.error.entry-failed", errorId))));
            }
        }
        return response;
    }

    private static void addResult(Bundle response, ImportResult result, Locale locale) {
        BundleEntryComponent entry = response.addEntry();
        entry.getResponse()
                .setStatus(result.change() == StoredResources.Change.CREATED ? "201 Created" : "200 OK")
                .setLocation(historyReference(result))
                .setEtag("W/\"" + result.version() + "\"")
                .setOutcome(OperationOutcomes.of(locale, OperationOutcomes.issues(result)));
    }

    @ServerExceptionMapper
    Response rejected(FhirException exception, HttpHeaders headers) {
        return outcome(exception.status(), headers, new ArrayList<>(exception.issues()));
    }

    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException exception, HttpHeaders headers) {
        return Response.fromResponse(outcome(401, headers, List.of(FhirIssue.error(IssueType.LOGIN, null, "fhir.error.unauthorized"))))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** A bearer token that fails its checks: FHIR clients get an OperationOutcome here too, as for a missing token. */
    @ServerExceptionMapper
    Response authenticationFailed(AuthenticationFailedException exception, HttpHeaders headers) {
        return unauthorized(new UnauthorizedException(), headers);
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException exception, HttpHeaders headers) {
        return outcome(403, headers, List.of(FhirIssue.error(IssueType.FORBIDDEN, null, "fhir.error.forbidden", WRITE_SCOPE)));
    }

    private static Response outcome(int status, HttpHeaders headers, List<FhirIssue> issues) {
        FhirFormat format = FhirFormat.forResponse(null, headers.getAcceptableMediaTypes());
        return respond(status, format, OperationOutcomes.of(locale(headers), issues)).build();
    }

    private static Response.ResponseBuilder respond(int status, FhirFormat format, IBaseResource body) {
        String encoded = format == FhirFormat.XML
                ? Fhir.CONTEXT.newXmlParser().encodeResourceToString(body)
                : Fhir.CONTEXT.newJsonParser().encodeResourceToString(body);
        return Response.status(status)
                .type(format.mediaType + ";charset=UTF-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(encoded);
    }

    /** Returns the body's format from Content-Type; a type other than FHIR JSON or XML (or plain JSON or XML) is rejected with 415. */
    private static FhirFormat requestFormat(HttpHeaders headers) {
        MediaType contentType = headers.getMediaType();
        if (contentType == null || ACCEPTED_BODIES.stream().noneMatch(accepted -> accepted.isCompatible(contentType))) {
            throw new FhirException(415, FhirIssue.error(IssueType.NOTSUPPORTED, null, "fhir.error.content-type",
                    contentType == null ? "-" : contentType.getType() + "/" + contentType.getSubtype()));
        }
        return FhirFormat.ofContentType(contentType);
    }

    /** Returns the FHIR version that the Content-Type's fhirVersion parameter names: R4 when absent, STU3 for 3.0; others get 415. */
    private static Stu3Input.Version fhirVersion(HttpHeaders headers) {
        MediaType contentType = headers.getMediaType();
        String parameter = contentType == null ? null : contentType.getParameters().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase("fhirVersion")).map(Map.Entry::getValue).findFirst().orElse(null);
        return Stu3Input.Version.of(parameter);
    }

    /** Returns the charset named in Content-Type, else UTF-8, the FHIR default. */
    private static Charset charset(HttpHeaders headers) {
        String name = headers.getMediaType() == null ? null : headers.getMediaType().getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new FhirException(415, FhirIssue.error(IssueType.NOTSUPPORTED, null, "fhir.error.charset", name));
        }
    }

    private static Locale locale(HttpHeaders headers) {
        return RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static String historyReference(ImportResult result) {
        return result.reference() + "/_history/" + result.version();
    }
}
