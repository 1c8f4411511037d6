package io.scimitar.deploy.process;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A part of the local stack that {@link Supervisor} watches and starts again when it dies unasked. */
public interface Supervised {

    /** What the console calls it, e.g. {@code provisioner-service}. */
    String name();

    /** Where its output goes, to point at when it dies. */
    Path logFile();

    /**
     * The end of the process running now: completes with its exit code, or {@link #UNKNOWN_EXIT_CODE} when the code
     * cannot be known (a process that is not this JVM's child); null when none runs.
     */
    CompletableFuture<Integer> onExit();

    /** Starts it again after it died; throws when it cannot (the supervisor then tries again later). */
    void restart();

    int UNKNOWN_EXIT_CODE = Integer.MIN_VALUE;
}
