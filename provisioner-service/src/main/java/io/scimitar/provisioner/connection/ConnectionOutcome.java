package io.scimitar.provisioner.connection;

/**
 * How a Test Connection ended, as a fixed category: the answer never carries what the target sent, so the test
 * cannot be used to read other services or tell their kinds apart.
 */
public enum ConnectionOutcome {
    SUCCESS("The target answered as a SCIM 2.0 endpoint and accepted the credentials"),
    UNAUTHORIZED("The target rejected the secret token (401): check or regenerate it"),
    FORBIDDEN("The target refused access (403): is SCIM provisioning enabled in the application's settings?"),
    NOT_FOUND("The target answered 404: check the tenant URL (it should end with the SCIM base path)"),
    NON_COMPLIANT("The target answered, but not as SCIM 2.0 requires (a ListResponse with totalResults)"),
    REFUSED_BY_POLICY("The tenant URL's host is not a permitted target (scimitar.provisioner.target-hosts); "
            + "nothing was sent"),
    UNREACHABLE("No SCIM answer came from the tenant URL's host and port: the name does not resolve, nothing "
            + "accepts the connection, or it was closed"),
    TLS_ERROR("The TLS handshake failed: the certificate is not trusted, or the endpoint does not speak TLS"),
    TIMEOUT("The target did not answer in time"),
    SERVER_ERROR("The target failed to answer the request (a 5xx status)");

    private final String explanation;

    ConnectionOutcome(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
