package io.scimitar.assignment.application;

import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.events.ObjectVersions;
import io.scimitar.assignment.outbox.OutboxWriter;
import io.scimitar.events.ApplicationDeletedEvent;
import io.scimitar.events.ApplicationEvent;
import io.scimitar.events.ApplicationStateEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an application's lifecycle (created, changed, deleted) to the outbox for the application topic, in the
 * transaction of the change; versions come from the per-object versions, so they grow across a delete and re-create.
 */
@ApplicationScoped
public class ApplicationEventPublisher {

    private final ObjectVersions versions;
    private final OutboxWriter outbox;

    public ApplicationEventPublisher(ObjectVersions versions, OutboxWriter outbox) {
        this.versions = versions;
        this.outbox = outbox;
    }

    public void created(SqlTransaction tx, Application app) {
        outbox.append(tx, ApplicationStateEvent.of(UUID.randomUUID(), Instant.now(), app.id().toString(),
                nextVersion(tx, app.id()), ApplicationStateEvent.CREATED, app.displayName()));
    }

    public void changed(SqlTransaction tx, Application app) {
        outbox.append(tx, ApplicationStateEvent.of(UUID.randomUUID(), Instant.now(), app.id().toString(),
                nextVersion(tx, app.id()), ApplicationStateEvent.UPDATED, app.displayName()));
    }

    public void deleted(SqlTransaction tx, Application app) {
        ApplicationEvent event = ApplicationDeletedEvent.of(UUID.randomUUID(), Instant.now(), app.id().toString(),
                nextVersion(tx, app.id()), app.displayName());
        outbox.append(tx, event);
    }

    private long nextVersion(SqlTransaction tx, UUID applicationId) {
        return versions.reserve(tx, Map.of(applicationId, 1)).get(applicationId);
    }
}
