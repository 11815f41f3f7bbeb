package nl.clientapp.fhir;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;

/** Parses request bodies into R4 resources and checks the rules every imported resource must meet. */
final class ResourceReader {

    /** Logical ids as FHIR R4 defines them (section 2.13, type id). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Types that describe an exchange, not dossier data, and are therefore never stored. */
    static final Set<String> NOT_ACCEPTED = Set.of("Bundle", "Parameters", "OperationOutcome", "CapabilityStatement");

    private ResourceReader() {
    }

    /** Parses a body; an empty or malformed body becomes a 400 with an OperationOutcome of code structure. */
    static IBaseResource parse(byte[] body, FhirFormat format, Charset charset, Stu3Input.Version version) {
        String text = body == null ? "" : new String(body, charset);
        if (text.isBlank()) {
            throw new FhirException(400, FhirIssue.error(IssueType.STRUCTURE, null, "fhir.error.empty-body"));
        }
        if (version == Stu3Input.Version.STU3) {
            return Stu3Input.parse(text, format);
        }
        IParser parser = Fhir.parser(format);
        // Keep each entry's own id: HAPI would otherwise replace it with the entry's fullUrl (urn:uuid:...).
        parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
        try {
            return parser.parseResource(text);
        } catch (DataFormatException | IllegalArgumentException e) {
            // The parser's message names the element and position; it goes back only to the sender.
            throw new FhirException(400, FhirIssue.error(IssueType.STRUCTURE, null, "fhir.error.unparseable", format.name(),
                    parserMessage(e)));
        }
    }

    /**
     * Parses the {@code patient} query parameter ({@code Patient/{id}} or a bare id) into
     * {@code Patient/{id}}, or null when absent.
     */
    static String patientContext(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return null;
        }
        String id = parameter.startsWith("Patient/") ? parameter.substring("Patient/".length()) : parameter;
        if (!ID.matcher(id).matches()) {
            throw new FhirException(400, FhirIssue.error(IssueType.INVALID, null, "fhir.error.invalid-patient-parameter", parameter));
        }
        return "Patient/" + id;
    }

    /** Checks that the path names a resource type this endpoint stores and a valid id. */
    static void checkPath(String type, String id) {
        if (!Fhir.CONTEXT.getResourceTypes().contains(type) || NOT_ACCEPTED.contains(type)) {
            throw new FhirException(400, FhirIssue.error(IssueType.NOTSUPPORTED, null, "fhir.error.type-not-accepted", type));
        }
        if (!ID.matcher(id).matches()) {
            throw new FhirException(400, FhirIssue.error(IssueType.INVALID, null, "fhir.error.invalid-id", id));
        }
    }

    /**
     * Checks a conditional update: the type is stored here and has identifiers, and the resource
     * carries one of the searched identifiers, so the next conditional update finds it. Returns the criteria.
     */
    static List<FhirIdentifiers.Criterion> conditionalCriteria(Resource resource, List<FhirIdentifiers.Criterion> criteria,
            String expressionPrefix) {
        String type = resource.fhirType();
        if (NOT_ACCEPTED.contains(type)) {
            throw new FhirException(400, FhirIssue.error(IssueType.NOTSUPPORTED, expressionPrefix, "fhir.error.type-not-accepted", type));
        }
        if (!FhirIdentifiers.hasIdentifiers(type)) {
            throw new FhirException(400, FhirIssue.error(IssueType.NOTSUPPORTED, expressionPrefix, "fhir.error.conditional-type", type));
        }
        boolean carried = FhirIdentifiers.of(resource).stream()
                .anyMatch(identifier -> criteria.stream().anyMatch(criterion -> criterion.matches(identifier)));
        if (!carried) {
            throw new FhirException(400, FhirIssue.error(IssueType.REQUIRED, expressionPrefix + ".identifier",
                    "fhir.error.identifier-not-in-resource", criteria.stream().map(Object::toString).collect(Collectors.joining(","))));
        }
        return criteria;
    }

    /** Returns the issue that makes a resource unacceptable, or null when it may be stored. */
    static FhirIssue problem(Resource resource, String expressionPrefix) {
        String type = resource.fhirType();
        if (NOT_ACCEPTED.contains(type)) {
            return FhirIssue.error(IssueType.NOTSUPPORTED, expressionPrefix, "fhir.error.type-not-accepted", type);
        }
        if (!resource.getIdElement().hasIdPart()) {
            return FhirIssue.error(IssueType.REQUIRED, expressionPrefix + ".id", "fhir.error.missing-id", type);
        }
        if (!ID.matcher(resource.getIdElement().getIdPart()).matches()) {
            return FhirIssue.error(IssueType.INVALID, expressionPrefix + ".id", "fhir.error.invalid-id", resource.getIdElement().getIdPart());
        }
        return null;
    }

    static String parserMessage(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        // HAPI prefixes its messages with a code such as "HAPI-1861: ", which means nothing to the sender.
        message = message.replaceFirst("^HAPI-\\d+:\\s*", "");
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }
}
