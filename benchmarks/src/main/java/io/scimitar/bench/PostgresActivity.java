package io.scimitar.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where PostgreSQL's time goes, by statement: every {@value #INTERVAL_MILLIS} ms the active backends of
 * {@code pg_stat_activity} (what each runs and what it waits for, "CPU" when nothing) are noted, and a phase's report
 * counts them per statement. A sample count times the interval is the time backends spent in that statement (CPU
 * and waits apart), the way a sampling profiler counts, without {@code pg_stat_statements}, which the embedded
 * PostgreSQL does not ship. Each sample is one query of a few backends' rows: about 1 % of a core.
 */
final class PostgresActivity implements AutoCloseable {

    static final int INTERVAL_MILLIS = 100;
    private static final int STATEMENT_CHARACTERS = 110;
    private static final String QUERY = "select coalesce(wait_event_type || ':' || wait_event, 'CPU'), query"
            + " from pg_stat_activity where state = 'active' and pid <> pg_backend_pid()";

    private record Sample(long nanos, String state, String statement) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Connection connection;
    private final Thread sampler;
    private volatile boolean running = true;

    private PostgresActivity(Connection connection) {
        this.connection = connection;
        this.sampler = new Thread(this::sample, "postgres-activity");
        this.sampler.setDaemon(true);
    }

    /** Starts sampling the PostgreSQL at {@code jdbcUrl} (the local stack's, user {@code postgres}). */
    static PostgresActivity start(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        PostgresActivity activity = new PostgresActivity(DriverManager.getConnection(jdbcUrl, properties));
        activity.sampler.start();
        return activity;
    }

    private void sample() {
        try (Statement statement = connection.createStatement()) {
            while (running) {
                long now = System.nanoTime();
                List<Sample> taken = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(QUERY)) {
                    while (rows.next()) {
                        taken.add(new Sample(now, rows.getString(1), normalise(rows.getString(2))));
                    }
                }
                synchronized (samples) {
                    samples.addAll(taken);
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException e) {
            if (running) {
                System.out.println("  (PostgreSQL activity sampling stopped: " + e.getMessage() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String normalise(String query) {
        String flat = query == null ? "" : query.replaceAll("\\s+", " ").trim();
        return flat.length() <= STATEMENT_CHARACTERS ? flat : flat.substring(0, STATEMENT_CHARACTERS) + "...";
    }

    /**
     * The statements PostgreSQL's backends were busy with between two instants ({@link System#nanoTime}), the
     * {@code top} most sampled first, each with its estimated backend seconds, on CPU and waiting.
     */
    String report(long fromNanos, long toNanos, int top) {
        Map<String, long[]> byStatement = new HashMap<>();
        long cpu = 0;
        long waiting = 0;
        synchronized (samples) {
            for (Sample sample : samples) {
                if (sample.nanos() < fromNanos || sample.nanos() >= toNanos) {
                    continue;
                }
                long[] counts = byStatement.computeIfAbsent(sample.statement(), s -> new long[2]);
                if (sample.state().equals("CPU")) {
                    counts[0]++;
                    cpu++;
                } else {
                    counts[1]++;
                    waiting++;
                }
            }
        }
        double seconds = INTERVAL_MILLIS / 1000.0;
        StringBuilder report = new StringBuilder(String.format("  backend seconds (sampled every %d ms): %.1f on CPU,"
                + " %.1f waiting (locks, WAL, I/O, autovacuum's delay)%n", INTERVAL_MILLIS, cpu * seconds,
                waiting * seconds));
        report.append(String.format("  %8s %8s  %s%n", "CPU s", "wait s", "statement"));
        byStatement.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .limit(top)
                .forEach(entry -> report.append(String.format("  %8.1f %8.1f  %s%n", entry.getValue()[0] * seconds,
                        entry.getValue()[1] * seconds, entry.getKey())));
        return report.toString();
    }

    /** The waits seen between two instants, most frequent first: what held backends up. */
    String waits(long fromNanos, long toNanos) {
        Map<String, Long> byWait = new HashMap<>();
        synchronized (samples) {
            samples.stream().filter(s -> s.nanos() >= fromNanos && s.nanos() < toNanos && !s.state().equals("CPU"))
                    .forEach(s -> byWait.merge(s.state(), 1L, Long::sum));
        }
        return byWait.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() * INTERVAL_MILLIS / 1000.0))
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2_000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing at the end of the run
        }
    }
}
