package io.scimitar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Memory and CPU of the stack's processes, from Linux's {@code /proc}: VmRSS and VmHWM of {@code status}, Pss of
 * {@code smaps_rollup}, and the CPU ticks of {@code stat}. PostgreSQL is a postmaster with one process per connection: its figures are summed over
 * the postmaster and its live children, and its CPU includes the children it has reaped ({@code cutime},
 * {@code cstime}).
 */
final class ProcessStats {

    /** Linux reports /proc CPU times in USER_HZ, 100 per second on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Supplier<List<Long>>> processes = new LinkedHashMap<>();

    /** Adds a process by name; {@code pids} answers the pids to sum (the first one also counts its reaped children). */
    ProcessStats track(String name, Supplier<List<Long>> pids) {
        processes.put(name, pids);
        return this;
    }

    /** One reading of every tracked process, with the machine's busy CPU time. */
    Snapshot snapshot() {
        Map<String, Reading> readings = new LinkedHashMap<>();
        processes.forEach((name, pids) -> readings.put(name, read(pids.get())));
        readings.put("benchmark (this JVM)", read(List.of(ProcessHandle.current().pid())));
        return new Snapshot(System.nanoTime(), machineBusyTicks(), readings);
    }

    /** Memory in kB and CPU in ticks of one process (or the sum of a process family). */
    record Reading(long rssKb, long peakRssKb, long pssKb, long cpuTicks, int processes) {
    }

    record Snapshot(long nanos, long machineBusyTicks, Map<String, Reading> readings) {

        /** The memory table: RSS now and peak RSS, per process. */
        String memoryTable() {
            StringBuilder table = new StringBuilder(String.format("  %-26s %12s %14s %10s%n", "process", "RSS (MiB)",
                    "peak RSS (MiB)", "PSS (MiB)"));
            long total = 0;
            for (Map.Entry<String, Reading> entry : readings.entrySet()) {
                Reading reading = entry.getValue();
                String name = entry.getKey() + (reading.processes() > 1 ? " (" + reading.processes() + " procs)" : "");
                table.append(String.format("  %-26s %12.0f %14.0f %10.0f%n", name, reading.rssKb() / 1024.0,
                        reading.peakRssKb() / 1024.0, reading.pssKb() / 1024.0));
                total += reading.pssKb();
            }
            table.append(String.format("  %-26s %12s %14s %10.0f%n", "total", "", "", total / 1024.0));
            return table.toString();
        }

        /** CPU seconds one process used since {@code before}. */
        double cpuSeconds(Snapshot before, String name) {
            Reading earlier = before.readings.get(name);
            return (readings.get(name).cpuTicks() - (earlier == null ? 0 : earlier.cpuTicks())) / TICKS_PER_SECOND;
        }

        /** CPU milliseconds each process used since {@code before} per object of the work done meanwhile. */
        String cpuPerObject(Snapshot before, long objects, String object) {
            if (objects <= 0) {
                return "";
            }
            StringBuilder table = new StringBuilder(String.format("  %-26s %16s%n", "process",
                    "CPU ms per " + object));
            double ours = 0;
            for (String name : readings.keySet()) {
                double cpu = cpuSeconds(before, name);
                ours += cpu;
                table.append(String.format("  %-26s %16.3f%n", name, 1000 * cpu / objects));
            }
            table.append(String.format("  %-26s %16.3f%n", "all of these", 1000 * ours / objects));
            return table.toString();
        }

        /** CPU seconds each process used since {@code before}, and its share of the machine's cores. */
        String cpuTable(Snapshot before, int cores) {
            double seconds = (nanos - before.nanos) / 1e9;
            double busy = (machineBusyTicks - before.machineBusyTicks) / TICKS_PER_SECOND;
            StringBuilder table = new StringBuilder(String.format("  %-26s %10s %12s%n", "process", "CPU (s)",
                    "of " + cores + " cores"));
            double ours = 0;
            for (Map.Entry<String, Reading> entry : readings.entrySet()) {
                Reading earlier = before.readings.get(entry.getKey());
                double cpu = (entry.getValue().cpuTicks() - (earlier == null ? 0 : earlier.cpuTicks()))
                        / TICKS_PER_SECOND;
                ours += cpu;
                table.append(String.format("  %-26s %10.1f %11.0f%%%n", entry.getKey(), cpu,
                        100 * cpu / (seconds * cores)));
            }
            table.append(String.format("  %-26s %10.1f %11.0f%%%n", "rest of the machine", Math.max(0, busy - ours),
                    100 * Math.max(0, busy - ours) / (seconds * cores)));
            table.append(String.format("  %-26s %10.1f %11.0f%%  (over %.1f s)%n", "machine busy", busy,
                    100 * busy / (seconds * cores), seconds));
            return table.toString();
        }
    }

    private static Reading read(List<Long> pids) {
        long rss = 0;
        long peak = 0;
        long pss = 0;
        long cpu = 0;
        int alive = 0;
        for (int i = 0; i < pids.size(); i++) {
            long pid = pids.get(i);
            Map<String, Long> status = status(pid);
            long[] ticks = cpuTicks(pid);
            if (status.isEmpty() || ticks == null) {
                continue;
            }
            alive++;
            rss += status.getOrDefault("VmRSS", 0L);
            peak += status.getOrDefault("VmHWM", 0L);
            pss += proportionalKb(pid);
            cpu += ticks[0] + ticks[1] + (i == 0 ? ticks[2] + ticks[3] : 0);
        }
        return new Reading(rss, peak, pss, cpu, alive);
    }

    /** The pid and every live descendant, the parent first. */
    static List<Long> family(long pid) {
        List<Long> pids = new ArrayList<>();
        if (pid > 0) {
            pids.add(pid);
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        }
        return pids;
    }

    private static Map<String, Long> status(long pid) {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    values.put(line.substring(0, 5), Long.parseLong(line.substring(6).replace("kB", "").trim()));
                }
            }
        } catch (IOException | RuntimeException gone) {
            values.clear();
        }
        return values;
    }

    /**
     * Proportional set size ({@code Pss} of {@code smaps_rollup}): shared pages divided among the processes sharing
     * them, so that PostgreSQL's shared buffers count once over all its processes.
     */
    private static long proportionalKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // not readable: counted as zero
        }
        return 0;
    }

    /** utime, stime, cutime, cstime; null when the process is gone. */
    private static long[] cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }
}
