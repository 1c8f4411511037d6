package io.scimitar.provisioner.link;

import java.util.Map;
import java.util.UUID;

/**
 * A source object and the target object it was provisioned to, with the values we last exported (what the next
 * change is compared with) and the newest source version applied.
 */
public record ObjectLink(UUID jobId, ObjectType objectType, String sourceId, String targetId, LinkState state,
        Map<String, Object> exported, long sourceVersion, String displayName) {

    public ObjectLink {
        exported = exported == null ? Map.of() : Map.copyOf(exported);
    }

    public ObjectLink with(String newTargetId, LinkState newState, Map<String, Object> newExported, long version,
            String newDisplayName) {
        return new ObjectLink(jobId, objectType, sourceId, newTargetId, newState, newExported, version,
                newDisplayName);
    }
}
