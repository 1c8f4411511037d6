package io.scimitar.deploy.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A supervised part of the local stack that runs as one child process of this JVM: started and waited for until it
 * answers (killed, and the start refused, when it does not in time), stopped gracefully or killed, its end watched by
 * the {@link Supervisor}. Subclasses say how to launch it and when it answers.
 */
public abstract class SupervisedChildProcess implements Supervised {

    private static final int LOG_LINES_QUOTED = 20;

    private final String startedName;
    private final Duration readyTimeout;
    private ChildProcess process;

    /**
     * @param startedName  how a failed start names it, e.g. {@code Kafka}
     * @param readyTimeout how long a start waits for it to answer
     */
    protected SupervisedChildProcess(String startedName, Duration readyTimeout) {
        this.startedName = startedName;
        this.readyTimeout = readyTimeout;
    }

    /** Prepares what it needs and starts its process. */
    protected abstract ChildProcess launch();

    /** Whether the process, alive, answers as ready. */
    protected abstract boolean answers();

    @Override
    public synchronized CompletableFuture<Integer> onExit() {
        return process == null ? null : process.onExit();
    }

    /** Starts it again, on the same ports and data (after it died; see {@link Supervisor}). */
    @Override
    public void restart() {
        start();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /**
     * Starts it unless it runs, and waits until it answers. A process that exits first fails the start at once; the
     * failure quotes the end of its log, which may not outlive the failure (a test's temporary directory).
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        ChildProcess started = launch();
        process = started;
        boolean settled = Ports.await(() -> !started.isAlive() || answers(), readyTimeout);
        if (settled && started.isAlive()) {
            return;
        }
        String failure = started.isAlive()
                ? startedName + " did not become ready within " + readyTimeout
                : startedName + " exited with code " + started.onExit().join() + " before it became ready";
        started.kill();
        throw new IllegalStateException(failure + "; the end of " + started.logFile() + ":\n"
                + String.join("\n", started.logTail(LOG_LINES_QUOTED)));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; false when it was never started. */
    protected synchronized boolean stopProcess(Duration grace) {
        if (process == null) {
            return false;
        }
        process.stop(grace);
        return true;
    }

    /** SIGKILL, as a crash would; false when it was never started. */
    protected synchronized boolean killProcess() {
        if (process == null) {
            return false;
        }
        process.kill();
        return true;
    }
}
