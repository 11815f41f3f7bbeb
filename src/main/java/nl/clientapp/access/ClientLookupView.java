package nl.clientapp.access;

import java.util.UUID;

/** Our id of a client found by its FHIR Patient id. */
record ClientLookupView(UUID id, String displayName) {
}
