package nl.clientapp.dossier;

import java.math.BigDecimal;

/** One part of a composite measurement, for example the systolic blood pressure. */
public record MeasurementComponentView(String name, BigDecimal value, String unit) {
}
