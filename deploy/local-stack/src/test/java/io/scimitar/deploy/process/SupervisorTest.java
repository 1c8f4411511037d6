package io.scimitar.deploy.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SupervisorTest {

    private static final RestartPolicy QUICK = new RestartPolicy(Duration.ofMillis(20), Duration.ofMillis(80), 3,
            Duration.ofMinutes(1));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path logs;

    private final List<String> console = new CopyOnWriteArrayList<>();
    private final AtomicInteger pidFileWrites = new AtomicInteger();
    private final List<Sleeper> children = new ArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stopEverything() {
        if (supervisor != null) {
            supervisor.close();
        }
        children.forEach(Sleeper::stop);
    }

    private Supervisor supervisor() {
        supervisor = new Supervisor(QUICK, (component, message) -> console.add(component + ": " + message),
                pidFileWrites::incrementAndGet);
        return supervisor;
    }

    private Sleeper sleeper(String... command) {
        Sleeper child = new Sleeper(List.of(command), logs);
        children.add(child);
        child.restart();
        return child;
    }

    @Test
    void restartsAChildKilledForciblyAndLeavesNoProcessOnceStopped() {
        Supervisor supervisor = supervisor();
        Sleeper child = sleeper("sleep", "600");
        supervisor.watch(child);
        ProcessHandle first = child.handle();

        first.destroyForcibly();

        await().atMost(PATIENCE).until(() -> child.starts() == 2 && child.isAlive());
        ProcessHandle second = child.handle();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(first.isAlive()).isFalse();
        await().atMost(PATIENCE).until(() -> pidFileWrites.get() == 1);
        assertThat(console).anySatisfy(line -> assertThat(line).startsWith("sleeper: exited with exit code 137")
                .contains("log: " + child.logFile()).contains("restarting in"));

        supervisor.hold(child);
        child.stop();
        supervisor.close();

        assertThat(second.isAlive()).isFalse();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().orElse("").endsWith("sleep"))).isEmpty();
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> child.starts() == 2);
    }

    @Test
    void givesUpAfterTooManyFailuresWithinTheWindowAndSaysSo() {
        Supervisor supervisor = supervisor();
        Sleeper child = sleeper("sh", "-c", "exit 3");
        supervisor.watch(child);

        await().atMost(PATIENCE).until(() -> console.stream().anyMatch(line -> line.contains("left stopped")));

        assertThat(child.starts()).isEqualTo(1 + QUICK.maxFailures());
        assertThat(console.stream().filter(line -> line.contains("exited"))).hasSize(1 + QUICK.maxFailures())
                .allSatisfy(line -> assertThat(line).contains("exit code 3"));
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> child.starts() == 1 + QUICK.maxFailures());
    }

    @Test
    void leavesAChildStoppedOnPurposeAloneUntilResumed() {
        Supervisor supervisor = supervisor();
        Sleeper child = sleeper("sleep", "600");
        supervisor.watch(child);

        supervisor.hold(child);
        child.handle().destroyForcibly();
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> child.starts() == 1);
        assertThat(console).isEmpty();

        child.restart();
        supervisor.resume(child);
        child.handle().destroyForcibly();
        await().atMost(PATIENCE).until(() -> child.starts() == 3 && child.isAlive());
    }

    @Test
    void doublesTheDelayUpToItsCap() {
        RestartPolicy policy = RestartPolicy.DEFAULT;

        List<Long> seconds = new ArrayList<>();
        for (int failures = 1; failures <= 7; failures++) {
            seconds.add(policy.delayAfter(failures).toSeconds());
        }

        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    /** A short-lived real child process (sleep, sh) as the supervisor sees a service. */
    private static final class Sleeper implements Supervised {
        private final List<String> command;
        private final Path logs;
        private final AtomicInteger starts = new AtomicInteger();
        private volatile ChildProcess process;

        Sleeper(List<String> command, Path logs) {
            this.command = command;
            this.logs = logs;
        }

        @Override
        public String name() {
            return "sleeper";
        }

        @Override
        public Path logFile() {
            return logs.resolve("sleeper.log");
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return process.onExit();
        }

        @Override
        public void restart() {
            process = ChildProcess.start(name(), command, logs, Map.of(), logFile());
            starts.incrementAndGet();
        }

        int starts() {
            return starts.get();
        }

        ProcessHandle handle() {
            return ProcessHandle.of(process.pid()).orElseThrow();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        void stop() {
            process.kill();
        }
    }
}
