package io.scimitar.security.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Deletes audit records older than {@code scimitar.audit.retention}, at start and then every purge interval. */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditRepository repository;
    private final AuditSettings settings;
    private final Vertx vertx;
    private long timer = -1;

    public AuditRetention(AuditRepository repository, AuditSettings settings, Vertx vertx) {
        this.repository = repository;
        this.settings = settings;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent start) {
        purge();
        timer = vertx.setPeriodic(settings.purgeInterval().toMillis(), id -> purge());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes what is older than the retention period; answers how many records went. */
    public Uni<Integer> purgeNow() {
        return repository.deleteOlderThan(Instant.now().minus(settings.retention()));
    }

    private void purge() {
        purgeNow().subscribe().with(count -> {
            if (count > 0) {
                LOG.infof("Deleted %d audit records older than %s", count, settings.retention());
            }
        }, failure -> LOG.errorf("Audit trail retention failed: %s", failure.getMessage()));
    }
}
