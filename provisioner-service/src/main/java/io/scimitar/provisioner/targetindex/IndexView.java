package io.scimitar.provisioner.targetindex;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The target index of one object type of a job as matching sees it: its status, the read whose rows to use, the
 * matching attributes it covers (exact target paths), how many objects it holds and since when.
 */
public record IndexView(IndexStatus status, UUID readId, List<String> attributes, int objects, Instant since,
        String detail) {

    public IndexView {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** Whether matching may trust the index for {@code attribute}. */
    public boolean covers(String attribute) {
        return status == IndexStatus.COMPLETE && attributes.contains(attribute);
    }
}
