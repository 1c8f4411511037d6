package io.scimitar.deploy.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupervisedChildProcessTest {

    @TempDir
    Path logs;

    @Test
    void aChildThatExitsBeforeItAnswersFailsTheStartWithItsExitCodeAndTheEndOfItsLog() {
        // a ready timeout far longer than the test may take: the start must not wait it out
        Shell child = new Shell("for i in $(seq 1 40); do echo line $i; done; echo 'port 9092 is taken'; exit 3",
                Duration.ofMinutes(10));

        assertThatThrownBy(child::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("shell exited with code 3 before it became ready; the end of "
                        + logs.resolve("shell.log") + ":")
                .hasMessageEndingWith("line 40\nport 9092 is taken")
                .hasMessageContaining("line 22\n")
                .hasMessageNotContaining("line 21\n");
        assertThat(child.isRunning()).isFalse();
    }

    @Test
    void aChildThatNeverAnswersIsKilledAfterTheTimeoutAndItsLogQuoted() {
        Shell child = new Shell("echo 'waiting for a disk that never comes'; exec sleep 600", Duration.ofSeconds(1));

        assertThatThrownBy(child::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("shell did not become ready within PT1S; the end of")
                .hasMessageEndingWith("waiting for a disk that never comes");
        assertThat(child.isRunning()).isFalse();
    }

    @Test
    void theTailOfALogLongerThanItsReadWindowStartsAtAWholeLine() throws Exception {
        Path log = logs.resolve("long.log");
        // 3,000 lines of 30 bytes: the read window of 64 KiB starts inside a line, which is not quoted in part
        Files.write(log, IntStream.rangeClosed(1, 3000).mapToObj(i -> String.format("%029d", i)).toList());
        ChildProcess done = ChildProcess.start("true", List.of("true"), logs, Map.of(), log);
        done.waitFor(Duration.ofSeconds(30));

        assertThat(done.logTail(3)).containsExactly(String.format("%029d", 2998), String.format("%029d", 2999),
                String.format("%029d", 3000));
        assertThat(done.logTail(5000)).allSatisfy(line -> assertThat(line).hasSize(29)).hasSizeLessThan(3000);
    }

    /** A child that runs one shell script and never answers as ready. */
    private final class Shell extends SupervisedChildProcess {
        private final String script;

        Shell(String script, Duration readyTimeout) {
            super("shell", readyTimeout);
            this.script = script;
        }

        @Override
        protected ChildProcess launch() {
            return ChildProcess.start(name(), List.of("sh", "-c", script), logs, Map.of(), logFile());
        }

        @Override
        protected boolean answers() {
            return false;
        }

        @Override
        public String name() {
            return "shell";
        }

        @Override
        public Path logFile() {
            return logs.resolve("shell.log");
        }
    }
}
