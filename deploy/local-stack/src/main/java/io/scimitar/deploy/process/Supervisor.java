package io.scimitar.deploy.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices when a child of the local stack dies without being asked to (Process.onExit), says so on the console
 * (which child, its exit code, its log) and starts it again with backoff ({@link RestartPolicy}); children stopped on
 * purpose are {@link #hold held} and left alone until {@link #resume resumed}. After each restart it runs
 * {@code afterRestart} (the launcher rewrites its pid file there, so that {@code ./scimitar stop} finds the new process).
 */
public final class Supervisor implements AutoCloseable {

    /** Where the supervisor reports, e.g. the launcher's console. */
    public interface Console {
        void report(String component, String message);
    }

    private final RestartPolicy policy;
    private final Console console;
    private final Runnable afterRestart;
    private final ScheduledExecutorService timer;
    private final Map<Supervised, Watch> watches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Supervisor(RestartPolicy policy, Console console, Runnable afterRestart) {
        this.policy = policy;
        this.console = console;
        this.afterRestart = afterRestart;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-stack-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching a running child. */
    public synchronized void watch(Supervised child) {
        Watch watch = watches.computeIfAbsent(child, c -> new Watch());
        watch.held = false;
        listen(child, watch);
    }

    /** The child is about to be stopped or killed on purpose: its exit is not a failure and it is not restarted. */
    public synchronized void hold(Supervised child) {
        Watch watch = watches.get(child);
        if (watch != null) {
            watch.held = true;
            watch.generation++;
        }
    }

    /** The child was started again on purpose: watch it again, with a clean failure record. */
    public synchronized void resume(Supervised child) {
        Watch watch = watches.computeIfAbsent(child, c -> new Watch());
        watch.failures.clear();
        watch(child);
    }

    /** Stops watching and restarting; waits for a restart in progress to finish, so that the caller can stop it. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            watches.values().forEach(watch -> watch.generation++);
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen(Supervised child, Watch watch) {
        CompletableFuture<Integer> exit = child.onExit();
        if (exit == null) {
            return;
        }
        long generation = ++watch.generation;
        exit.thenAccept(code -> died(child, generation, code));
    }

    private synchronized void died(Supervised child, long generation, int exitCode) {
        Watch watch = watches.get(child);
        if (closed || watch == null || watch.held || watch.generation != generation) {
            return;
        }
        String code = exitCode == Supervised.UNKNOWN_EXIT_CODE ? "an unknown exit code" : "exit code " + exitCode;
        failed(child, watch, "exited with " + code + " (log: " + child.logFile() + ")");
    }

    private void failed(Supervised child, Watch watch, String what) {
        long now = System.nanoTime();
        watch.failures.addLast(now);
        while (!watch.failures.isEmpty() && now - watch.failures.peekFirst() > policy.window().toNanos()) {
            watch.failures.removeFirst();
        }
        int failures = watch.failures.size();
        if (failures > policy.maxFailures()) {
            console.report(child.name(), what + "; it failed " + failures + " times within " + describe(policy.window())
                    + ", so it is left stopped: see its log, then run './scimitar stop' and './scimitar run'");
            return;
        }
        Duration delay = policy.delayAfter(failures);
        console.report(child.name(), what + "; restarting in " + describe(delay));
        long generation = watch.generation;
        timer.schedule(() -> restart(child, generation), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(Supervised child, long generation) {
        synchronized (this) {
            Watch watch = watches.get(child);
            if (closed || watch == null || watch.held || watch.generation != generation) {
                return;
            }
        }
        try {
            child.restart();
        } catch (RuntimeException e) {
            synchronized (this) {
                Watch watch = watches.get(child);
                if (!closed && watch != null && !watch.held && watch.generation == generation) {
                    failed(child, watch, "could not be restarted: " + e.getMessage());
                }
            }
            return;
        }
        synchronized (this) {
            Watch watch = watches.get(child);
            if (closed || watch == null || watch.held || watch.generation != generation) {
                return;
            }
            listen(child, watch);
        }
        afterRestart.run();
        console.report(child.name(), "restarted");
    }

    private static String describe(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /** What the supervisor knows of one child: whether it is held, its recent failures, the exit it waits for. */
    private static final class Watch {
        final Deque<Long> failures = new ArrayDeque<>();
        long generation;
        boolean held;
    }
}
