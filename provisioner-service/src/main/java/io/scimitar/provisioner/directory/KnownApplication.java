package io.scimitar.provisioner.directory;

import java.time.Instant;

/** An application as the provisioner knows it from the application topic; {@code deletedAt} is set once deleted. */
public record KnownApplication(String applicationId, String displayName, long version, Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
