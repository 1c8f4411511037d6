package io.scimitar.deploy.process;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A child OS process with its output appended to a log file, stopped gracefully or killed, never left behind. */
public final class ChildProcess {

    private static final int TAIL_BYTES = 64 * 1024;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} in {@code workingDirectory}, output appended to {@code logFile}. */
    public static ChildProcess start(String name, List<String> command, Path workingDirectory,
            Map<String, String> environment, Path logFile) {
        try {
            File log = logFile.toFile();
            log.getParentFile().mkdirs();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            builder.environment().putAll(environment);
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A command line that runs {@code mainClass} on {@code classpath} with the JVM that runs this code. */
    public static List<String> javaCommand(String classpath, List<String> jvmOptions, String mainClass,
            List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * The last {@code lines} lines of its log (fewer when it has fewer), read from at most its last 64 KiB; when the
     * log cannot be read, one line that says why.
     */
    public List<String> logTail(int lines) {
        try (RandomAccessFile log = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(0, log.length() - TAIL_BYTES);
            byte[] end = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(end);
            List<String> all = new String(end, StandardCharsets.UTF_8).lines().toList();
            // a read that starts inside the file may start inside a line
            List<String> whole = from > 0 && !all.isEmpty() ? all.subList(1, all.size()) : all;
            return List.copyOf(whole.subList(Math.max(0, whole.size() - lines), whole.size()));
        } catch (IOException e) {
            return List.of("(the log could not be read: " + e.getMessage() + ")");
        }
    }

    /** Completes with the exit code when the process ends, however it ends. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + logFile);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}; children of the process too. */
    public void stop(Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
