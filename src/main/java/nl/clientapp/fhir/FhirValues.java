package nl.clientapp.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import nl.clientapp.common.DutchTime;

/** Reads display values (names, codes, dates, narrative text) out of FHIR R4 data types. */
final class FhirValues {

    /** Systems whose displays are Dutch; their display wins when a concept has several codings. */
    private static final List<String> DUTCH_SYSTEMS = List.of("urn:oid:2.16.840.1.113883.2.4.");

    private FhirValues() {
    }

    /** Returns the name as people write it: the name's text, else given names and family name. */
    static String displayName(HumanName name) {
        if (name == null) {
            return null;
        }
        if (name.hasText()) {
            return name.getText().trim();
        }
        List<String> parts = new ArrayList<>();
        name.getPrefix().forEach(prefix -> parts.add(prefix.getValue()));
        name.getGiven().forEach(given -> parts.add(given.getValue()));
        if (name.hasFamily()) {
            parts.add(name.getFamily());
        }
        String joined = String.join(" ", parts.stream().filter(part -> part != null && !part.isBlank()).toList()).trim();
        return joined.isEmpty() ? null : joined;
    }

    /** Returns the official name of a person, else the first name without a use, else the first name. */
    static String displayName(List<HumanName> names) {
        Optional<HumanName> official = names.stream().filter(name -> name.getUse() == HumanName.NameUse.OFFICIAL).findFirst();
        Optional<HumanName> unspecified = names.stream().filter(name -> !name.hasUse()).findFirst();
        HumanName chosen = official.or(() -> unspecified).orElse(names.isEmpty() ? null : names.get(0));
        return displayName(chosen);
    }

    /** Returns the concept's text, else the display of its Dutch coding, else of its first coding. */
    static String display(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay() && coding.hasSystem() && DUTCH_SYSTEMS.stream().anyMatch(coding.getSystem()::startsWith)) {
                return coding.getDisplay();
            }
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                return coding.getDisplay();
            }
        }
        return concept.getCodingFirstRep().getCode();
    }

    /** Returns the displays of several concepts joined by ", ", or null when none has one. */
    static String display(List<CodeableConcept> concepts) {
        List<String> displays = concepts.stream().map(FhirValues::display).filter(value -> value != null && !value.isBlank()).distinct().toList();
        return displays.isEmpty() ? null : String.join(", ", displays);
    }

    static boolean hasCoding(CodeableConcept concept, String system, String code) {
        return concept != null && concept.getCoding().stream().anyMatch(coding -> system.equals(coding.getSystem()) && code.equals(coding.getCode()));
    }

    /** Returns the first phone number, preferring a mobile one. */
    static String phone(List<ContactPoint> telecom) {
        List<ContactPoint> phones = telecom.stream()
                .filter(point -> point.getSystem() == ContactPoint.ContactPointSystem.PHONE && point.hasValue())
                .toList();
        return phones.stream().filter(point -> point.getUse() == ContactPoint.ContactPointUse.MOBILE).findFirst()
                .or(() -> phones.stream().findFirst())
                .map(ContactPoint::getValue)
                .orElse(null);
    }

    /**
     * Returns the instant a FHIR date or dateTime stands for. A value without a time of day is taken
     * as the start of that day in Europe/Amsterdam, because the ECD records Dutch calendar dates.
     */
    static Instant instant(BaseDateTimeType value) {
        if (value == null || value.isEmpty() || value.getValue() == null) {
            return null;
        }
        if (value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            return DutchTime.startOfDay(localDate(value));
        }
        return value.getValue().toInstant();
    }

    /** Returns the calendar date of a FHIR date or dateTime as written, without converting time zones. */
    static LocalDate localDate(BaseDateTimeType value) {
        if (value == null || value.isEmpty() || value.getValue() == null) {
            return null;
        }
        int month = value.getPrecision() == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1;
        int day = value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal() ? 1 : value.getDay();
        return LocalDate.of(value.getYear(), month, day);
    }

    /** Returns the plain text of a narrative: tags removed, entities decoded, white space collapsed. */
    static String narrativeText(Narrative narrative) {
        if (narrative == null || narrative.isEmpty() || narrative.getDiv() == null || narrative.getDiv().isEmpty()) {
            return null;
        }
        String html = narrative.getDivAsString();
        String text = html.replaceAll("(?i)<br\\s*/?>|</p>|</li>|</tr>|</div>", "\n")
                .replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" *\\n[ \\n]*", "\n")
                .trim();
        return text.isEmpty() ? null : text;
    }

    /** Returns the 'Type/id' of a relative or absolute reference, or null for a contained, logical or empty one. */
    static String relativeReference(Reference reference) {
        if (reference == null || !reference.hasReference() || reference.getReference().startsWith("#")) {
            return null;
        }
        var element = reference.getReferenceElement();
        if (!element.hasResourceType() || !element.hasIdPart()) {
            return null;
        }
        return element.getResourceType() + "/" + element.getIdPart();
    }

    static String string(StringType value) {
        return value == null || value.isEmpty() ? null : value.getValue();
    }
}
