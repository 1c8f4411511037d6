package io.scimitar.provisioner.deletions;

import java.time.Instant;

/** A disable or delete the deletion guard keeps, as stored: who, what, why and in which state. */
public record HeldDeletion(String objectKey, long objectVersion, String kind, Instant since, String objectType,
        String action, String cause, String userPrincipalName, String displayName, String targetId, String event) {

    /** The object's id in the directory (its escrow key is {@code applicationId/objectId}). */
    public String objectId() {
        int slash = objectKey.lastIndexOf('/');
        return slash < 0 ? objectKey : objectKey.substring(slash + 1);
    }

    /** The state as the API shows it. */
    public String state() {
        return switch (kind) {
            case "SETTLING_DELETE" -> "SETTLING";
            case "STAGED_DELETE" -> "HELD";
            case "REJECTED_DELETE" -> "REJECTED";
            default -> "RELEASED";
        };
    }
}
