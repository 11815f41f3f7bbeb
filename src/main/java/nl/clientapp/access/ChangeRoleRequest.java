package nl.clientapp.access;

import jakarta.validation.constraints.NotNull;

/** A request to give a membership another role. */
record ChangeRoleRequest(@NotNull Role role) {
}
