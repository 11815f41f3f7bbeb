package nl.clientapp.timeline;

import java.math.BigDecimal;
import java.util.UUID;

/** A measurement as the timeline shows it: its name and value with unit, or its value as text. */
public record TimelineMeasurementView(UUID measurementId, String name, BigDecimal value, String unit, String valueText) {
}
