package io.scimitar.provisioner.directory;

import io.quarkus.arc.Arc;
import io.scimitar.events.ApplicationDeletedEvent;
import io.scimitar.events.ApplicationStateEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Test data: applications the provisioner knows, stored as the application topic's consumer stores them, for tests
 * that create jobs without running assignment-service.
 */
public final class KnownApplications {

    private KnownApplications() {
    }

    /** A new application id the provisioner knows (as if assignment-service had just announced it). */
    public static String known() {
        String id = UUID.randomUUID().toString();
        repository().apply(ApplicationStateEvent.of(UUID.randomUUID(), Instant.now(), id, 1,
                ApplicationStateEvent.CREATED, "Test application " + id.substring(0, 8)))
                .await().atMost(Duration.ofSeconds(30));
        return id;
    }

    /** Records that the directory deleted {@code applicationId}. */
    public static void deleted(String applicationId) {
        repository().apply(ApplicationDeletedEvent.of(UUID.randomUUID(), Instant.now(), applicationId,
                Long.MAX_VALUE, null)).await().atMost(Duration.ofSeconds(30));
    }

    private static KnownApplicationRepository repository() {
        return Arc.container().instance(KnownApplicationRepository.class).get();
    }
}
