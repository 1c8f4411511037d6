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
 * Where PostgreSQL's time goes, by statement, two ways. Every {@value #INTERVAL_MILLIS} ms the active backends of
 * {@code pg_stat_activity} (what each runs and what it waits for, "CPU" when nothing) are noted, and a phase's report
 * counts them per statement: a sample count times the interval is the time backends spent in that statement (CPU and
 * waits apart), the way a sampling profiler counts. And every second {@code pg_stat_statements} (loaded by the local
 * stack when asked, {@code LocalStack.COUNT_STATEMENTS_PROPERTY}) is read, so a phase's report also gives each
 * statement's exact calls, plannings, rows and time executing and planning. Together about 1 % of a core.
 */
final class PostgresActivity implements AutoCloseable {

    static final int INTERVAL_MILLIS = 100;
    private static final int STATEMENT_CHARACTERS = 110;
    private static final String QUERY = "select coalesce(wait_event_type || ':' || wait_event, 'CPU'), query"
            + " from pg_stat_activity where state = 'active' and pid <> pg_backend_pid()";

    private static final int COUNTS_EVERY = 1000 / INTERVAL_MILLIS;
    /** The statements' counts, but this sampler's own (the only statements that read these two views). */
    private static final String COUNTS = "select dbid || '/' || queryid, calls, plans, rows, total_exec_time,"
            + " total_plan_time, query from pg_stat_statements"
            + " where query not like '%pg_stat_activity%' and query not like '%pg_stat_statements%'";

    private record Sample(long nanos, String state, String statement) {
    }

    /** A statement's totals in {@code pg_stat_statements} (milliseconds), as read at one instant. */
    private record Counts(long calls, long plans, long rows, double execMillis, double planMillis) {
        Counts since(Counts earlier) {
            return earlier == null ? this : new Counts(calls - earlier.calls, plans - earlier.plans,
                    rows - earlier.rows, execMillis - earlier.execMillis, planMillis - earlier.planMillis);
        }
    }

    private record CountsAt(long nanos, Map<String, Counts> byStatement) {
    }

    private final List<CountsAt> counts = new ArrayList<>();
    /** Each counted statement's text, kept once rather than in every second's read. */
    private final Map<String, String> statementTexts = new HashMap<>();
    private boolean counting;

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
        try (Statement statement = activity.connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.executeQuery("select count(*) from pg_stat_statements").close();
            activity.counting = true;
        } catch (SQLException e) {
            System.out.println("  (PostgreSQL does not count statements: " + e.getMessage().strip() + ")");
        }
        activity.sampler.start();
        return activity;
    }

    private void sample() {
        try (Statement statement = connection.createStatement()) {
            for (long round = 0; running; round++) {
                long now = System.nanoTime();
                if (counting && round % COUNTS_EVERY == 0) {
                    readCounts(statement, now);
                }
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

    private void readCounts(Statement statement, long now) throws SQLException {
        Map<String, Counts> byStatement = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        try (ResultSet rows = statement.executeQuery(COUNTS)) {
            while (rows.next()) {
                byStatement.put(rows.getString(1), new Counts(rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getDouble(5), rows.getDouble(6)));
                texts.put(rows.getString(1), rows.getString(7));
            }
        }
        synchronized (counts) {
            texts.forEach((key, text) -> statementTexts.computeIfAbsent(key, k -> normalise(text)));
            counts.add(new CountsAt(now, byStatement));
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

    /**
     * The statements that took PostgreSQL the most time between two instants ({@link System#nanoTime}, to the second
     * of the counts' reads), from {@code pg_stat_statements}: time executing (waits for locks and I/O included, not
     * the commit's flush) and planning, calls, plannings and rows. Empty when PostgreSQL does not count statements.
     */
    String statements(long fromNanos, long toNanos, int top) {
        CountsAt first;
        CountsAt last;
        synchronized (counts) {
            first = counts.stream().filter(c -> c.nanos() <= fromNanos).reduce((a, b) -> b)
                    .orElse(counts.isEmpty() ? null : counts.get(0));
            last = counts.stream().filter(c -> c.nanos() <= toNanos).reduce((a, b) -> b).orElse(null);
        }
        if (first == null || last == null || last.nanos() <= first.nanos()) {
            return "";
        }
        StringBuilder report = new StringBuilder(String.format("  counted by pg_stat_statements over %.0f s:%n",
                (last.nanos() - first.nanos()) / 1e9));
        report.append(String.format("  %8s %8s %8s %8s %9s  %s%n", "exec s", "plan s", "calls", "plans", "rows",
                "statement"));
        Map<String, Counts> counted = new HashMap<>();
        last.byStatement().forEach((key, total) -> counted.put(key, total.since(first.byStatement().get(key))));
        synchronized (counts) {
            counted.entrySet().stream()
                    .filter(entry -> entry.getValue().calls() > 0 || entry.getValue().plans() > 0)
                    .sorted((a, b) -> Double.compare(b.getValue().execMillis() + b.getValue().planMillis(),
                            a.getValue().execMillis() + a.getValue().planMillis()))
                    .limit(top)
                    .forEach(entry -> report.append(String.format("  %8.2f %8.2f %8d %8d %9d  %s%n",
                            entry.getValue().execMillis() / 1000, entry.getValue().planMillis() / 1000,
                            entry.getValue().calls(), entry.getValue().plans(), entry.getValue().rows(),
                            statementTexts.get(entry.getKey()))));
        }
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
