package nl.clientapp.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.util.FhirTerser;

/**
 * Prepares the entries of a transaction or batch Bundle for import: gives each entry its Type/id
 * (the resource's id, else the id in a PUT url, else a new UUID) and rewrites {@code urn:uuid:}
 * references between entries to those Type/id references. An entry whose PUT url is a condition
 * ({@code Patient?identifier=system|value}) gets its id only at import, from the resource that
 * holds the identifier; references to its fullUrl are rewritten then.
 */
final class TransactionBundles {

    /**
     * One entry ready to import, or the error that stops it. {@code conditional} contains the
     * identifiers of a conditional update, else it is null.
     */
    record PreparedEntry(int index, Resource resource, FhirIssue error, List<FhirIdentifiers.Criterion> conditional, String fullUrl) {
    }

    /** Import order: resources that others read (patients, people, report lines) before the resources reading them. */
    private static final Map<String, Integer> ORDER = Map.of(
            "Patient", 0,
            "Practitioner", 1, "Organization", 1, "Location", 1, "Binary", 1,
            "PractitionerRole", 2, "RelatedPerson", 2,
            "Observation", 3);

    private TransactionBundles() {
    }

    static List<PreparedEntry> prepare(Bundle bundle) {
        List<PreparedEntry> entries = new ArrayList<>();
        Map<String, String> fullUrls = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < bundle.getEntry().size(); index++) {
            BundleEntryComponent entry = bundle.getEntry().get(index);
            String expression = "Bundle.entry[" + index + "]";
            List<FhirIdentifiers.Criterion> conditional = null;
            FhirIssue error;
            try {
                conditional = condition(entry, expression);
                error = conditional == null ? assignId(entry, expression) : null;
            } catch (FhirException e) {
                error = e.issues().get(0);
            }
            if (error == null && (conditional == null || entry.getResource().getIdElement().hasIdPart())) {
                error = ResourceReader.problem(entry.getResource(), expression + ".resource");
            }
            String key = error == null ? (conditional == null ? reference(entry.getResource())
                    : entry.getResource().fhirType() + "?identifier=" + conditional) : null;
            if (error == null && !seen.add(key)) {
                error = FhirIssue.error(IssueType.DUPLICATE, expression, "fhir.error.duplicate-entry", key);
            }
            if (error == null && conditional == null && entry.hasFullUrl()) {
                fullUrls.put(entry.getFullUrl(), reference(entry.getResource()));
            }
            entries.add(new PreparedEntry(index, error == null ? entry.getResource() : null, error, conditional,
                    entry.hasFullUrl() ? entry.getFullUrl() : null));
        }
        rewriteReferences(entries, fullUrls);
        return entries;
    }

    /** Rewrites references to the given fullUrls in every entry's resource. */
    static void rewriteReferences(List<PreparedEntry> entries, Map<String, String> fullUrls) {
        if (fullUrls.isEmpty()) {
            return;
        }
        FhirTerser terser = Fhir.CONTEXT.newTerser();
        for (PreparedEntry entry : entries) {
            if (entry.resource() != null) {
                rewriteReferences(terser, entry.resource(), fullUrls);
            }
        }
    }

    /**
     * Returns the identifiers of an entry whose request url is a condition ({@code Type?identifier=...}),
     * or null for a url without a query. Only PUT with the identifier parameter is supported.
     */
    private static List<FhirIdentifiers.Criterion> condition(BundleEntryComponent entry, String expression) {
        String url = entry.getRequest().getUrl();
        if (url == null || url.indexOf('?') < 0 || !entry.hasResource()) {
            return null;
        }
        String[] parts = url.split("\\?", 2);
        Resource resource = entry.getResource();
        if (entry.getRequest().getMethod() != HTTPVerb.PUT) {
            throw new FhirException(400, FhirIssue.error(IssueType.NOTSUPPORTED, expression + ".request.method", "fhir.error.entry-method",
                    entry.getRequest().getMethod() == null ? "-" : entry.getRequest().getMethod().toCode()));
        }
        if (!resource.fhirType().equals(parts[0])) {
            throw new FhirException(400, FhirIssue.error(IssueType.INVALID, expression + ".request.url", "fhir.error.entry-url-type", url,
                    resource.fhirType()));
        }
        String identifier = null;
        for (String parameter : parts[1].split("&")) {
            String[] nameAndValue = parameter.split("=", 2);
            if (!nameAndValue[0].equals("identifier") || nameAndValue.length < 2 || identifier != null) {
                throw new FhirException(400, FhirIssue.error(IssueType.NOTSUPPORTED, expression + ".request.url",
                        "fhir.error.condition-parameters", url));
            }
            identifier = URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8);
        }
        return ResourceReader.conditionalCriteria(resource, FhirIdentifiers.parse(identifier), expression + ".resource");
    }

    /** Returns the indexes of the entries in import order; entries of equal rank keep the Bundle's order. */
    static List<Integer> importOrder(List<PreparedEntry> entries) {
        return IntStream.range(0, entries.size()).boxed()
                .sorted(Comparator.comparingInt(index -> entries.get(index).resource() == null ? 9
                        : ORDER.getOrDefault(entries.get(index).resource().fhirType(), 4)))
                .toList();
    }

    private static FhirIssue assignId(BundleEntryComponent entry, String expression) {
        if (!entry.hasResource()) {
            return FhirIssue.error(IssueType.REQUIRED, expression + ".resource", "fhir.error.entry-without-resource");
        }
        Resource resource = entry.getResource();
        HTTPVerb method = entry.getRequest().getMethod();
        if (method != HTTPVerb.PUT && method != HTTPVerb.POST) {
            return FhirIssue.error(IssueType.NOTSUPPORTED, expression + ".request.method", "fhir.error.entry-method",
                    method == null ? "-" : method.toCode());
        }
        String url = entry.getRequest().getUrl();
        String[] path = url == null ? new String[0] : url.split("\\?", 2)[0].split("/");
        if (path.length == 0 || !resource.fhirType().equals(path[0])) {
            return FhirIssue.error(IssueType.INVALID, expression + ".request.url", "fhir.error.entry-url-type", url, resource.fhirType());
        }
        String urlId = path.length >= 2 ? path[1] : null;
        String ownId = resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : null;
        if (ownId != null && urlId != null && !ownId.equals(urlId)) {
            return FhirIssue.error(IssueType.INVALID, expression + ".resource.id", "fhir.error.id-mismatch", ownId, urlId);
        }
        if (ownId == null) {
            // NOTE: an entry without any id gets a new UUID, so re-sending it creates a second resource.
            // Integrators should send ids.
            resource.setId(urlId != null ? urlId : UUID.randomUUID().toString());
        } else {
            resource.setId(ownId);
        }
        return null;
    }

    private static void rewriteReferences(FhirTerser terser, Resource resource, Map<String, String> fullUrls) {
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = reference.hasReference() ? fullUrls.get(reference.getReference()) : null;
            if (target != null) {
                reference.setReference(target);
            }
        }
        for (Attachment attachment : terser.getAllPopulatedChildElementsOfType(resource, Attachment.class)) {
            String target = attachment.hasUrl() ? fullUrls.get(attachment.getUrl()) : null;
            if (target != null) {
                attachment.setUrl(target);
            }
        }
    }

    private static String reference(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
