package io.scimitar.provisioner.connection;

import io.scimitar.provisioner.error.Problem.FieldError;

import java.util.Optional;

/**
 * What a target's secret token must look like before it is stored or sent: it travels in an HTTP header, so no
 * control characters (a pasted line break), no whitespace at the ends, ASCII, a sane length. Messages never repeat it.
 */
public final class SecretTokenRules {

    static final int SHORTEST = 8;
    static final int LONGEST = 4096;

    private SecretTokenRules() {
    }

    /** The problem with a given token (not null), if any, reported on {@code field}. */
    public static Optional<FieldError> check(String field, String token) {
        String problem = null;
        if (token.length() < SHORTEST || token.length() > LONGEST) {
            problem = "must be " + SHORTEST + " to " + LONGEST + " characters long";
        } else if (token.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            problem = "contains a control character (a pasted line break or tab?); paste the token alone";
        } else if (!token.equals(token.strip())) {
            problem = "starts or ends with whitespace; paste the token alone";
        } else if (token.chars().anyMatch(c -> c > 0x7E)) {
            problem = "may hold only ASCII characters, as an HTTP header value";
        }
        return Optional.ofNullable(problem).map(message -> new FieldError(field, message, null));
    }
}
