package nl.clientapp.fhir;

/** Outcome of projecting a stored resource; every kind is reported to the sender as an information issue. */
record ProjectionOutcome(Kind kind, String detail) {

    enum Kind {
        /** Rows were written for the client. */
        PROJECTED,
        /** The resource type is stored only. */
        TYPE_NOT_PROJECTED,
        /** The resource names a Patient that has not been imported; it is projected when that Patient arrives. */
        WAITING_FOR_PATIENT,
        /** The resource names no Patient, so the app cannot show it. */
        NO_PATIENT,
        /** The resource is of a projected type, but this one carries nothing to show; the detail names the reason. */
        SKIPPED
    }

    static final ProjectionOutcome PROJECTED = new ProjectionOutcome(Kind.PROJECTED, null);

    static ProjectionOutcome skipped(String detail) {
        return new ProjectionOutcome(Kind.SKIPPED, detail);
    }
}
