package io.scimitar.provisioner.connection;

import java.util.List;

/**
 * What Test Connection found: the overall outcome and each request it sent.
 *
 * @param success true when every check passed
 */
public record ConnectionTestResult(boolean success, ConnectionOutcome outcome, String message, List<Check> checks) {

    /** One request of the test: what was asked, the HTTP status (0 without an answer) and what it showed. */
    public record Check(String request, int status, boolean passed, String detail) {
    }
}
