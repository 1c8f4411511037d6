package io.scimitar.assignment.outbox;

import io.scimitar.assignment.database.Transactions;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Listens on the {@code scimitar_outbox} channel (notified after the commit of a transaction that wrote outbox rows
 * in an instance that is not relaying itself, and of every import chunk: {@link Transactions}) and runs a callback for
 * each notification, reconnecting after a lost connection.
 */
@ApplicationScoped
public class OutboxNotifications {

    static final String CHANNEL = Transactions.OUTBOX_CHANNEL;
    private static final Logger LOG = Logger.getLogger(OutboxNotifications.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    public OutboxNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    public synchronized void listen(Runnable onNotification) {
        subscriber = PgSubscriber.subscriber(vertx, options);
        subscriber.reconnectPolicy(retries -> 500L);
        subscriber.channel(CHANNEL).handler(payload -> onNotification.run());
        subscriber.closeHandler(closed -> LOG.debug("Outbox notification connection closed"));
        subscriber.connect().onFailure(e -> LOG.warnf("Cannot listen for outbox notifications (%s); polling only",
                e.getMessage()));
    }

    public synchronized void close() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }
}
