package io.scimitar.provisioner.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.targetindex.TargetIndexSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads every user or group of a job's target in pages of {@code startIndex}/{@code count} through the job's SCIM
 * client, so within its rate-limit budgets (a throttled page waits and is asked again); groups come with members.
 * Page sizes and retries are those of the target index.
 */
@ApplicationScoped
public class TargetPager {

    private final TargetIndexSettings index;
    private final DriftSettings settings;

    public TargetPager(TargetIndexSettings index, DriftSettings settings) {
        this.index = index;
        this.settings = settings;
    }

    /** Hands each page's resources to {@code sink}; answers how many were read. Stops when {@code running} fails. */
    public int readAll(JobDefinition job, ScimClient client, ObjectType type, BooleanSupplier running,
            Consumer<List<JsonNode>> sink) {
        int pageSize = type == ObjectType.GROUP ? settings.groupPageSize()
                : job.profile() == ConnectorProfile.MIRO ? index.miroPageSize() : index.genericPageSize();
        int startIndex = 1;
        int read = 0;
        while (true) {
            if (!running.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            ScimResult.Success page = page(client, type, startIndex, pageSize);
            List<JsonNode> resources = ScimClient.resources(page);
            sink.accept(resources);
            read += resources.size();
            startIndex += resources.size();
            JsonNode total = page.body().get("totalResults");
            if (resources.isEmpty() || (total != null && total.canConvertToInt() && startIndex > total.asInt())) {
                return read;
            }
        }
    }

    private ScimResult.Success page(ScimClient client, ObjectType type, int startIndex, int count) {
        Duration wait = index.pageRetryBackoff();
        for (int attempt = 1; ; attempt++) {
            ScimResult result = client.pageWithMembers(type.scimResourceType(), startIndex, count)
                    .await().indefinitely();
            if (result instanceof ScimResult.Success success) {
                return success;
            }
            ScimResult.Failure failure = (ScimResult.Failure) result;
            boolean transientFailure = failure.kind() == ScimResult.FailureKind.TRANSIENT
                    || failure.kind() == ScimResult.FailureKind.THROTTLED;
            if (!transientFailure || attempt >= index.pageAttempts()) {
                throw new IllegalStateException("reading the target's " + type.scimResourceType() + " at "
                        + startIndex + " failed: HTTP " + failure.status() + " " + failure.detail());
            }
            sleep(failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0
                    ? failure.retryAfter() : wait);
            wait = wait.multipliedBy(2);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }
}
