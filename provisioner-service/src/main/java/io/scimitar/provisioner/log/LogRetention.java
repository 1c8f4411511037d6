package io.scimitar.provisioner.log;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/** Deletes provisioning log entries older than the retention period, once at start and then every hour. */
@ApplicationScoped
public class LogRetention {

    private static final Logger LOG = Logger.getLogger(LogRetention.class);

    private final ProvisioningLogRepository log;
    private final Settings settings;
    private final Vertx vertx;
    private long timer = -1;

    /** How long provisioning logs are kept. */
    @ConfigMapping(prefix = "scimitar.provisioner.log")
    public interface Settings {
        /** Entra keeps 30 days (P1/P2). */
        @WithDefault("30d")
        Duration retention();

        @WithDefault("1h")
        Duration purgeInterval();
    }

    public LogRetention(ProvisioningLogRepository log, Settings settings, Vertx vertx) {
        this.log = log;
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

    /** Deletes what is older than the retention period; answers how many entries went. */
    public io.smallrye.mutiny.Uni<Integer> purgeNow() {
        return log.deleteOlderThan(Instant.now().minus(settings.retention()));
    }

    private void purge() {
        purgeNow().subscribe().with(count -> {
            if (count > 0) {
                LOG.infof("Deleted %d provisioning log entries older than %s", count, settings.retention());
            }
        }, failure -> LOG.warnf("Provisioning log retention failed: %s", failure.getMessage()));
    }
}
