package io.scimitar.provisioner.job;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.pipeline.JobDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Starts every stored job that is on when the service starts. */
@ApplicationScoped
public class JobStartup {

    private static final Logger LOG = Logger.getLogger(JobStartup.class);

    private final JobService jobs;
    private final JobRunnerRegistry runners;

    public JobStartup(JobService jobs, JobRunnerRegistry runners) {
        this.jobs = jobs;
        this.runners = runners;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        var definitions = VertxContextSupport.subscribeAndAwait(jobs::definitions);
        definitions.forEach(runners::resume); // keeps a complete target index (issue 15)
        LOG.infof("%d job(s) stored, %d running", definitions.size(),
                definitions.stream().filter(JobDefinition::isOn).count());
    }
}
