package io.scimitar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each JVM's heap after a full GC against its maximum ({@code -Xmx}), read with the JDK's {@code jcmd}
 * ({@code GC.run}, {@code GC.heap_info}, {@code VM.flags}): the live data a process holds, which RSS and PSS do not
 * show (a JVM keeps the heap it has grown to).
 */
final class JvmHeaps {

    /** A heap's size and use: one line for G1's heap, one per generation for the serial and parallel collectors. */
    private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern MAX = Pattern.compile("MaxHeapSize=(\\d+)");
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private JvmHeaps() {
    }

    /** The table: per JVM, heap used after a full GC, committed heap and maximum, in MiB. */
    static String afterFullGc(Map<String, Long> pids) {
        StringBuilder table = new StringBuilder(String.format("  %-26s %22s %16s %12s %8s%n", "JVM",
                "heap after full GC (MiB)", "committed (MiB)", "-Xmx (MiB)", "of -Xmx"));
        pids.forEach((name, pid) -> {
            if (pid == ProcessHandle.current().pid()) {
                System.gc();
            } else {
                jcmd(pid, "GC.run");
            }
            Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
            long committedKib = 0;
            long usedKib = 0;
            boolean read = false;
            while (used.find()) {
                committedKib += Long.parseLong(used.group(1));
                usedKib += Long.parseLong(used.group(2));
                read = true;
            }
            Matcher max = MAX.matcher(jcmd(pid, "VM.flags"));
            if (read && max.find()) {
                double usedMib = usedKib / 1024.0;
                double maxMib = Long.parseLong(max.group(1)) / 1024.0 / 1024.0;
                table.append(String.format("  %-26s %22.0f %16.0f %12.0f %7.0f%%%n", name, usedMib,
                        committedKib / 1024.0, maxMib, 100 * usedMib / maxMib));
            } else {
                table.append(String.format("  %-26s %22s%n", name, "not readable (pid " + pid + ")"));
            }
        });
        return table.toString();
    }

    private static String jcmd(long pid, String command) {
        try {
            Process process = new ProcessBuilder(List.of(JCMD.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
