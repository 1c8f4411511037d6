package io.scimitar.provisioner.link;

import java.util.Map;
import java.util.UUID;

/**
 * A source object and the target object it was provisioned to, with the values we last exported (what the next
 * change is compared with) and the newest source version applied. {@code inSourceScope}: the object was in the job's
 * scope as the source counts it at its latest decision (what the progress counts as done out of the objects in scope).
 */
public record ObjectLink(UUID jobId, ObjectType objectType, String sourceId, String targetId, LinkState state,
        Map<String, Object> exported, long sourceVersion, String displayName, boolean inSourceScope,
        boolean reevaluate) {

    public ObjectLink {
        exported = exported == null ? Map.of() : Map.copyOf(exported);
    }

    public ObjectLink(UUID jobId, ObjectType objectType, String sourceId, String targetId, LinkState state,
            Map<String, Object> exported, long sourceVersion, String displayName, boolean inSourceScope) {
        this(jobId, objectType, sourceId, targetId, state, exported, sourceVersion, displayName, inSourceScope, false);
    }

    /** A link whose scope in the source its writer cannot tell: in scope when active. */
    public ObjectLink(UUID jobId, ObjectType objectType, String sourceId, String targetId, LinkState state,
            Map<String, Object> exported, long sourceVersion, String displayName) {
        this(jobId, objectType, sourceId, targetId, state, exported, sourceVersion, displayName,
                state == LinkState.ACTIVE);
    }

    /**
     * True when an event of {@code version} was already applied: an older one always; the same one unless a restart
     * asked for the newest known event of each object to be evaluated again.
     */
    public boolean alreadyApplied(long version) {
        return version < sourceVersion || (version == sourceVersion && !reevaluate);
    }
}
