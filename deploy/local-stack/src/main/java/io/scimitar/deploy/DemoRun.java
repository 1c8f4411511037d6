package io.scimitar.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import io.scimitar.deploy.demo.ProvisioningWatch;

import java.time.Duration;

/**
 * The main job on the running stack: load the demo directory, provision it into the Miro mock, show how it went.
 * With several instances of a service, the loader and the watch talk to the first instance of each.
 */
final class DemoRun {

    private DemoRun() {
    }

    static void run(LocalStack stack, StackSettings settings, DemoOptions options) {
        long started = System.nanoTime();
        System.out.printf("Generating a demo directory of %,d users (seed %d)...%n", options.size(), options.seed());
        DemoDirectory demo = DemoDirectoryGenerator.generate(options.size(), options.seed());
        String mockUrl = "http://127.0.0.1:" + settings.mockPort();
        String provisionerUrl = "http://127.0.0.1:" + settings.provisionerPort();
        DemoLoader loader = new DemoLoader("http://127.0.0.1:" + settings.assignmentPort(), provisionerUrl, mockUrl,
                stack.apiKey(), stack.miroToken(), line -> System.out.println("  " + line));
        DemoLoader.Loaded loaded = loader.load(demo);
        System.out.println("Provisioning into the Miro mock (job " + loaded.jobId() + "):");
        if (settings.provisioners() > 1) {
            System.out.println("  (" + settings.provisioners() + " provisioner instances share the job's partitions;"
                    + " the bar shows the job's objects done, its rate and time left are the first instance's)");
        }
        ProvisioningWatch watch = ProvisioningWatch.of(loader, loaded.jobId(), System.out);
        JsonNode progress = watch.untilCaughtUp(Duration.ofMinutes(30));
        watch.summary(progress, Duration.ofNanos(System.nanoTime() - started), demo.expectedActiveUsers());
        long[] miro = loader.miroUsers();
        System.out.printf("The Miro mock holds %,d active and %,d deactivated users.%n", miro[0], miro[1]);
        System.out.printf("""

                Where to look next:
                  console       %2$s/console/   (sign in with the key in %1$s)
                  progress      curl -H "X-API-Key: $(cat %1$s)" %2$s/api/v1/jobs/%3$s/progress
                  logs          curl -H "X-API-Key: $(cat %1$s)" "%2$s/api/v1/jobs/%3$s/logs?limit=20"
                  logs as CSV   curl -H "X-API-Key: $(cat %1$s)" -o logs.zip "%2$s/api/v1/jobs/%3$s/logs/export?format=entra"
                  Miro mock     curl %4$s/admin/state   (teams: %4$s/admin/teams)
                  directory     http://127.0.0.1:%5$d/q/swagger-ui   provisioner %2$s/q/swagger-ui
                """, settings.apiKeyFile(), provisionerUrl, loaded.jobId(), mockUrl, settings.assignmentPort());
        if (options.follow()) {
            watch.follow();
        }
    }
}
