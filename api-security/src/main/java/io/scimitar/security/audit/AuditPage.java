package io.scimitar.security.audit;

import java.util.List;

/** A page of audit records, newest first, and the cursor to pass as {@code after} for the next (null on the last). */
public record AuditPage(List<AuditRecord> items, String nextCursor) {
}
