package io.scimitar.provisioner.progress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where progress takes the objects in scope from: assignment-service's count of an application's assignments. */
@ConfigMapping(prefix = "scimitar.provisioner.progress")
public interface ProgressSettings {

    /** assignment-service's base URL (e.g. {@code http://127.0.0.1:8081}); unset: the total of a sync is unknown. */
    Optional<URI> directoryUrl();

    /** An API key of assignment-service (a reader key is enough), sent as {@code X-API-Key}. */
    Optional<String> directoryApiKey();

    /** How long one count of the objects in scope is reused before assignment-service is asked again. */
    @WithDefault("5s")
    Duration scopeCountReuse();

    /** How long a job's backlog read from the broker (Kafka Admin) is reused before the broker is asked again. */
    @WithDefault("1s")
    Duration backlogReuse();

    /**
     * How long one count over a job's links is reused while events are behind, as in a sync: its objects done
     * ({@link ObjectsDone}, and only while short of the total), its active objects and waiting changes
     * ({@code ObjectCounter}). Once nothing is behind, they are counted fresh (the latter at most once a second).
     */
    @WithDefault("5s")
    Duration syncCountReuse();

    /** How long to wait for assignment-service's answer. */
    @WithDefault("3s")
    Duration directoryTimeout();
}
