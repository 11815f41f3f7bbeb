package nl.clientapp.terms;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import nl.clientapp.common.problem.Problem;

/**
 * The problem detail of a call refused for unaccepted terms, with the extension member
 * {@code termsVersionId}: a version in effect that the user has not accepted yet.
 */
record TermsNotAcceptedProblem(@JsonUnwrapped Problem problem, UUID termsVersionId) {
}
