package io.scimitar.assignment.importing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Runs a bulk import chunk in one transaction of the service's JDBC datasource, where PostgreSQL's COPY (through
 * the driver's {@code CopyManager}) fills the staging tables that the chunk's set-based statements then merge.
 * A chunk that fails leaves nothing: its transaction is rolled back, staging rows included.
 */
@ApplicationScoped
public class CopyImport {

    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");
    private static final int ATTEMPTS = 5;

    /** Work on the chunk's connection. */
    @FunctionalInterface
    public interface ChunkWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public CopyImport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(ChunkWork<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (!RETRYABLE.contains(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Throws when {@code failure} is the database's unavailability rather than its refusal of the rows (a lost or
     * refused connection, a server shutting down, exhausted resources): rows must never be reported as rejected for
     * that; the import fails instead, as every other write does when the database is gone.
     */
    public static void requireDatabaseReachable(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"))) {
            throw new IllegalStateException("The database is not available (SQL state " + state + ")", failure);
        }
    }

    /** Copies rows (null for SQL null) into {@code table}'s {@code columns} with one COPY in text format. */
    public static long copy(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendValue(text, row[i]);
            }
            text.append('\n');
        }
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }

    private static void appendValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
