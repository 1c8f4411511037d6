package io.scimitar.security.audit;

import java.time.Instant;
import java.util.List;

/**
 * One write to {@code /api}: who (the API key's name, the OIDC subject or {@code anonymous}), what (method, path,
 * operation, resource, the names of the JSON fields sent, never their values), the HTTP status, when, from where.
 * {@code id} is null until stored.
 */
public record AuditRecord(Long id, Instant recordedAt, String actor, String method, String path, String operation,
        String resourceType, String resourceId, List<String> fields, int status, String remoteAddress) {
}
