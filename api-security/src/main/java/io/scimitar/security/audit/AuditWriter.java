package io.scimitar.security.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores audit records off the request path, in batches: a record waits {@value #GATHER_MILLIS} ms for others (less
 * once {@value #BATCH} wait), and while one batch is being written the next records gather.
 * A batch that cannot be stored is logged at ERROR (without field values, which are never held), kept and retried;
 * meanwhile {@link #isFailing()} tells the recorder to refuse writes when the trail fails closed.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final int BATCH = 500;
    /**
     * How long a record waits for others to be stored with: at 100 changes a second, five records a statement and a
     * commit instead of one each. A crash loses what waits, as it loses a batch being written; the window adds 50 ms.
     */
    static final long GATHER_MILLIS = 50;

    private final AuditRepository repository;
    private final AuditSettings settings;
    private final Vertx vertx;
    private final ConcurrentLinkedDeque<AuditRecord> pending = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean gathering = new AtomicBoolean();
    private volatile boolean failing;
    private long timer = -1;

    public AuditWriter(AuditRepository repository, AuditSettings settings, Vertx vertx) {
        this.repository = repository;
        this.settings = settings;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(settings.retryInterval().toMillis(), id -> flush());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Queues {@code record} for storing; never blocks and never fails the caller. */
    public void write(AuditRecord record) {
        pending.addLast(record);
        if (pendingCount.incrementAndGet() > settings.maxPending()) {
            AuditRecord dropped = pending.pollFirst();
            if (dropped != null) {
                pendingCount.decrementAndGet();
                LOG.errorf("Audit record DROPPED (more than %d waiting to be stored): %s", settings.maxPending(),
                        describe(dropped));
            }
        }
        if (pendingCount.get() >= BATCH) {
            flush();
        } else if (gathering.compareAndSet(false, true)) {
            vertx.setTimer(GATHER_MILLIS, id -> {
                gathering.set(false);
                flush();
            });
        }
    }

    /** True while the last attempt to store records failed and some are still waiting. */
    public boolean isFailing() {
        return failing;
    }

    /** How many records wait to be stored. */
    public int pending() {
        return pendingCount.get();
    }

    private void flush() {
        if (pending.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<AuditRecord> batch = new ArrayList<>();
        AuditRecord next;
        while (batch.size() < BATCH && (next = pending.pollFirst()) != null) {
            batch.add(next);
        }
        pendingCount.addAndGet(-batch.size());
        repository.insert(batch).subscribe().with(stored -> {
            if (failing) {
                LOG.infof("The audit trail is stored again (%d records were waiting)", batch.size());
            }
            failing = false;
            writing.set(false);
            flush();
        }, failure -> {
            if (!failing) {
                LOG.errorf("AUDIT RECORDS COULD NOT BE STORED (%s); %d kept and retried every %s%s. First: %s",
                        failure.getMessage(), batch.size(), settings.retryInterval(),
                        settings.failClosed() ? ", writes are refused meanwhile" : "", describe(batch.get(0)));
            }
            failing = true;
            for (int i = batch.size() - 1; i >= 0; i--) {
                pending.addFirst(batch.get(i));
            }
            pendingCount.addAndGet(batch.size());
            writing.set(false);
        });
    }

    private static String describe(AuditRecord record) {
        return record.recordedAt() + " " + record.actor() + " " + record.method() + " " + record.path() + " -> "
                + record.status() + " fields " + record.fields();
    }
}
