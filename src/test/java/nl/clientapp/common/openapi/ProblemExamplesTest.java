package nl.clientapp.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a response description becomes the problem types whose examples the contract shows. */
class ProblemExamplesTest {

    @Test
    void listed_types_all_count() {
        assertEquals(List.of("invalid-period", "invalid-cursor", "invalid-limit"),
                ProblemExamples.types("400", "Problem type urn:clientapp:problem:invalid-period, invalid-cursor or invalid-limit"));
    }

    @Test
    void prose_after_type_is_ignored() {
        assertEquals(List.of("member-exists"),
                ProblemExamples.types("409", "Problem type urn:clientapp:problem:member-exists or the person is a member"));
    }

    @Test
    void several_named_types_keep_order() {
        assertEquals(List.of("own-membership", "terms-not-accepted"),
                ProblemExamples.types("403", "Problem type urn:clientapp:problem:own-membership: nobody changes their own role. "
                        + "Or Type urn:clientapp:problem:terms-not-accepted: the user has not accepted a terms version"));
    }

    @Test
    void unnamed_status_gets_generic_type() {
        assertEquals(List.of("not-found"), ProblemExamples.types("404", "No such client"));
        assertEquals(List.of("too-many-requests"), ProblemExamples.types("429", "Too many requests; see Retry-After"));
    }

    @Test
    void unnamed_uncommon_status_gets_none() {
        assertTrue(ProblemExamples.types("409", "A conflict").isEmpty());
    }

    @Test
    void unknown_named_type_fails() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ProblemExamples.types("409", "Problem type urn:clientapp:problem:no-such-problem: invented"));
        assertTrue(error.getMessage().contains("problem.no-such-problem.title"), error.getMessage());
    }
}
