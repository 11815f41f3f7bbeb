package nl.clientapp.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A measurement (meting) such as weight or blood pressure.
 *
 * @param value the numeric value in {@code unit}, or null when the source gives text or components
 * @param valueText the value as text, for results that are not a number
 * @param components the parts of a composite measurement such as systolic and diastolic pressure
 */
public record MeasurementView(UUID id, String codeSystem, String code, String name, BigDecimal value, String unit,
        String valueText, List<MeasurementComponentView> components, Instant measuredAt) {
}
