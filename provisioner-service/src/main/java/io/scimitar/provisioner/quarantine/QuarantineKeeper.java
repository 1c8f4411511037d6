package io.scimitar.provisioner.quarantine;

import io.scimitar.provisioner.pipeline.JobDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts jobs into quarantine and takes them out: stored so that a restarted service and every other instance keep it
 * (each running job follows the stored one, {@link #follow}), cached for the job's runner, and announced once per
 * reason by email to the job's notification address.
 */
@ApplicationScoped
public class QuarantineKeeper {

    private static final Logger LOG = Logger.getLogger(QuarantineKeeper.class);
    /**
     * How long a claim on an episode's email holds before another caller may send it: longer than a send takes, so a
     * send in progress is not doubled; a sender that stopped leaves the email to the next look after it.
     */
    static final Duration NOTIFICATION_LEASE = Duration.ofSeconds(30);

    private final QuarantineRepository repository;
    private final QuarantineNotifier notifier;
    private final QuarantineSettings settings;
    private final Map<UUID, Quarantine> current = new ConcurrentHashMap<>();

    public QuarantineKeeper(QuarantineRepository repository, QuarantineNotifier notifier,
            QuarantineSettings settings) {
        this.repository = repository;
        this.notifier = notifier;
        this.settings = settings;
    }

    /** Reads the job's quarantine from the database into the cache, when its runner starts. */
    public Uni<Optional<Quarantine>> load(UUID jobId) {
        return repository.find(jobId).invoke(found -> {
            if (found.isPresent()) {
                current.put(jobId, found.get());
            } else {
                current.remove(jobId);
            }
        });
    }

    /**
     * Takes the job's quarantine as stored into the cache: one entered, tried again or lifted by another instance
     * (with several instances running the job) holds or frees the job here too.
     */
    public Uni<Optional<Quarantine>> follow(UUID jobId) {
        return repository.find(jobId).invoke(found -> {
            Quarantine before = found.isPresent() ? current.put(jobId, found.get()) : current.remove(jobId);
            if (found.isPresent() && (before == null || before.reason() != found.get().reason())) {
                LOG.warnf("Job %s is in quarantine (entered through another instance): %s: %s", jobId,
                        found.get().reason(), found.get().detail());
            } else if (found.isEmpty() && before != null) {
                LOG.infof("Job %s left quarantine (through another instance)", jobId);
            }
        });
    }

    public Optional<Quarantine> current(UUID jobId) {
        return Optional.ofNullable(current.get(jobId));
    }

    public boolean isQuarantined(UUID jobId, QuarantineReason reason) {
        Quarantine quarantine = current.get(jobId);
        return quarantine != null && quarantine.reason() == reason;
    }

    /**
     * Quarantines the job (or keeps it quarantined) and sends the episode's one email if it was not sent yet: one
     * email per episode, claimed in the database first, so that changes entering it at once send one.
     */
    public Uni<Quarantine> enter(JobDefinition job, QuarantineReason reason, String detail) {
        Instant now = Instant.now();
        return repository.enter(job.id(), reason, detail, now, now.plus(settings.firstRetry()))
                .invoke(quarantine -> {
                    Quarantine before = current.put(job.id(), quarantine);
                    if (before == null || before.reason() != reason) {
                        LOG.warnf("Job %s (%s) is in quarantine: %s: %s", job.id(), job.name(), reason, detail);
                    }
                })
                .call(quarantine -> quarantine.notified() ? Uni.createFrom().voidItem() : notifyOnce(job, quarantine));
    }

    /**
     * Sends the email of the job's current quarantine if it was not delivered: its sender stopped before the mail
     * server took it (a process killed while sending) or the mail server refused it. Called when the job starts and
     * while it runs; the claim's lease ({@link #NOTIFICATION_LEASE}) keeps a send in progress from being doubled.
     */
    public Uni<Void> notifyIfUndelivered(JobDefinition job) {
        Quarantine quarantine = current.get(job.id());
        if (quarantine == null || quarantine.notified() || !QuarantineNotifier.hasAddress(job)) {
            return Uni.createFrom().voidItem();
        }
        return notifyOnce(job, quarantine);
    }

    private Uni<Void> notifyOnce(JobDefinition job, Quarantine quarantine) {
        QuarantineReason reason = quarantine.reason();
        Instant now = Instant.now();
        return repository.claimNotification(job.id(), reason, now, now.minus(NOTIFICATION_LEASE)).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().voidItem();
            }
            // a failed send keeps its claim: the email is tried again once the claim's lease is over
            return notifier.notify(job, quarantine).chain(sent -> !sent ? Uni.createFrom().voidItem()
                    : repository.delivered(job.id(), reason).invoke(() -> current.computeIfPresent(job.id(),
                            (id, q) -> q.reason() == reason ? withNotified(q) : q)));
        });
    }

    /** The job tried its target again and it still failed: the next try waits twice as long (up to a day). */
    public Uni<Void> stillFailing(UUID jobId) {
        Quarantine quarantine = current.get(jobId);
        if (quarantine == null) {
            return Uni.createFrom().voidItem();
        }
        Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(20, quarantine.attempts() + 1));
        if (wait.compareTo(settings.longestRetry()) > 0) {
            wait = settings.longestRetry();
        }
        Instant next = Instant.now().plus(wait);
        current.computeIfPresent(jobId, (id, q) -> new Quarantine(q.jobId(), q.reason(), q.detail(), q.since(), next,
                q.attempts() + 1, q.notified()));
        return repository.attempted(jobId, next);
    }

    /** Ends the job's quarantine (only one for {@code onlyFor}, when given); true if there was one. */
    public Uni<Boolean> leave(UUID jobId, QuarantineReason onlyFor) {
        return repository.leave(jobId, onlyFor).invoke(left -> {
            if (left) {
                current.remove(jobId);
                LOG.infof("Job %s left quarantine", jobId);
            }
        });
    }

    /** Whether a quarantined job may try its target now. */
    public boolean due(UUID jobId) {
        Quarantine quarantine = current.get(jobId);
        return quarantine == null || !Instant.now().isBefore(quarantine.nextAttempt());
    }

    private static Quarantine withNotified(Quarantine q) {
        return new Quarantine(q.jobId(), q.reason(), q.detail(), q.since(), q.nextAttempt(), q.attempts(), true);
    }
}
