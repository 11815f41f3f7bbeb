package nl.clientapp.access;

import java.util.EnumSet;
import java.util.Set;

/** The role of a membership, as the terms of use name them. */
public enum Role {
    /** Volledige toegang + beheer: reads the whole dossier and manages the client's members. */
    FULL_ACCESS_ADMIN,
    /** Volledige toegang: reads the whole dossier. */
    FULL_ACCESS,
    /** Geen toegang: only the timeline, and on it only news posts written by app users. */
    TIMELINE_ONLY;

    public static final Set<Role> FULL = EnumSet.of(FULL_ACCESS_ADMIN, FULL_ACCESS);
    public static final Set<Role> ANY = EnumSet.allOf(Role.class);

    public boolean readsWholeDossier() {
        return FULL.contains(this);
    }
}
