package io.scimitar.provisioner.job;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the jobs other provisioner instances change: every {@code scimitar.provisioner.jobs.follow-interval} it reads
 * the stored jobs and lets the {@link JobRunnerRegistry} run what was created or changed elsewhere and stop what was
 * paused or deleted elsewhere. The instance whose API took a change acts on it at once; the others within the interval.
 */
@ApplicationScoped
public class JobFollower {

    private static final Logger LOG = Logger.getLogger(JobFollower.class);

    private final JobService jobs;
    private final JobRunnerRegistry runners;
    private final Settings settings;
    private ScheduledExecutorService timer;

    /** How often the stored jobs are read for changes made through another instance. */
    @ConfigMapping(prefix = "scimitar.provisioner.jobs")
    public interface Settings {
        @WithDefault("5s")
        Duration followInterval();
    }

    public JobFollower(JobService jobs, JobRunnerRegistry runners, Settings settings) {
        this.jobs = jobs;
        this.runners = runners;
        this.settings = settings;
    }

    void start(@Observes StartupEvent start) {
        long every = settings.followInterval().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "job-follower");
            thread.setDaemon(true);
            return thread;
        });
        // on its own thread: stopping a runner waits for its batch, which must not hold up the event loop
        timer.scheduleWithFixedDelay(this::follow, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Reads the stored jobs once and follows them; a failure is logged and the next tick tries again. */
    void follow() {
        try {
            runners.follow(VertxContextSupport.subscribeAndAwait(jobs::definitions));
        } catch (Throwable e) {
            LOG.warnf("Could not follow the stored jobs (%s); trying again in %s", e.getMessage(),
                    settings.followInterval());
        }
    }
}
