package io.scimitar.provisioner.connection;

/** How a Test Connection ended. */
public enum ConnectionOutcome {
    SUCCESS("The target answered as a SCIM 2.0 endpoint and accepted the credentials"),
    UNAUTHORIZED("The target rejected the secret token (401): check or regenerate it"),
    FORBIDDEN("The target refused access (403): is SCIM provisioning enabled in the application's settings?"),
    NOT_FOUND("The target answered 404: check the tenant URL (it should end with the SCIM base path)"),
    NON_COMPLIANT("The target answered, but not as SCIM 2.0 requires (a ListResponse with totalResults)"),
    TIMEOUT("The target did not answer in time"),
    CONNECTION_REFUSED("Nothing accepted the connection at the tenant URL's host and port"),
    DNS_ERROR("The tenant URL's host name could not be resolved"),
    TLS_ERROR("The TLS handshake failed: the certificate is not trusted, or the endpoint does not speak TLS"),
    ERROR("The request failed");

    private final String explanation;

    ConnectionOutcome(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
