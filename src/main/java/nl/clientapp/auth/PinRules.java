package nl.clientapp.auth;

import nl.clientapp.common.problem.ProblemException;

/**
 * Rules for a new PIN: 5 to 12 digits, and not trivial. Trivial PINs are all one digit (11111),
 * or each digit one more (12345, 89012) or one less (54321) than the one before, wrapping 9 to 0.
 */
final class PinRules {

    static final int MIN_LENGTH = 5;
    static final int MAX_LENGTH = 12;

    private PinRules() {
    }

    /** Throws a 400 problem when {@code pin} breaks a rule. */
    static void requireAcceptable(String pin) {
        if (pin == null || pin.length() < MIN_LENGTH || pin.length() > MAX_LENGTH || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ProblemException.badRequest("invalid-pin", MIN_LENGTH, MAX_LENGTH);
        }
        if (hasConstantStep(pin, 0) || hasConstantStep(pin, 1) || hasConstantStep(pin, 9)) {
            throw ProblemException.badRequest("trivial-pin");
        }
    }

    /** Checks whether each digit equals the one before plus {@code step}, modulo 10. */
    private static boolean hasConstantStep(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            int previous = pin.charAt(i - 1) - '0';
            if (pin.charAt(i) - '0' != (previous + step) % 10) {
                return false;
            }
        }
        return true;
    }
}
