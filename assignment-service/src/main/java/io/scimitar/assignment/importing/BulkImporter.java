package io.scimitar.assignment.importing;

import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.change.ChangePublisher;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs a bulk request: reads rows as they arrive, applies them in batches (one transaction per batch), publishes the
 * batch's events in the same transaction, and hands each row's result on before the next batch is read.
 * <p>
 * A rejected row leaves nothing behind while its neighbours go in. Every rule a row can break is checked before the
 * row writes anything, so a batch runs in one transaction; only when the database itself refuses a statement (e.g. a
 * concurrent insert of the same userPrincipalName) is the batch rolled back and run again, one transaction per row.
 */
@ApplicationScoped
public class BulkImporter {

    private static final Logger LOG = Logger.getLogger(BulkImporter.class);

    private final Transactions transactions;
    private final ChangePublisher publisher;
    private final GroupAndAssignmentRowImport handlers;
    private final UserRowsImport userRows;
    private final MembershipRowsImport membershipRows;
    private final AssignmentCopyImport assignmentRows;
    private final ImportStatistics statistics;
    private final ImportConfig config;

    public BulkImporter(Transactions transactions, ChangePublisher publisher, GroupAndAssignmentRowImport handlers,
            UserRowsImport userRows, MembershipRowsImport membershipRows, AssignmentCopyImport assignmentRows,
            ImportStatistics statistics, ImportConfig config) {
        this.transactions = transactions;
        this.publisher = publisher;
        this.handlers = handlers;
        this.userRows = userRows;
        this.membershipRows = membershipRows;
        this.assignmentRows = assignmentRows;
        this.statistics = statistics;
        this.config = config;
    }

    public ImportSummary run(ImportKind kind, ImportMode mode, RowReader rows, Consumer<RowResult> results) {
        long start = System.nanoTime();
        ImportSummary summary = new ImportSummary();
        List<ImportRow> batch = new ArrayList<>(config.batchSize());
        try {
            for (ImportRow row = rows.next(); row != null; row = rows.next()) {
                batch.add(row);
                if (batch.size() == config.batchSize()) {
                    apply(kind, mode, batch, summary, results);
                    batch.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
        apply(kind, mode, batch, summary, results);
        statistics.imported(kind, summary.rows() - summary.byStatus().getOrDefault("rejected", 0L));
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        LOG.infof("Imported %d %s rows in %d ms (%d rows/s)", summary.rows(), kind.name().toLowerCase(Locale.ROOT),
                millis, summary.rows() * 1000L / millis);
        return summary;
    }

    private void apply(ImportKind kind, ImportMode mode, List<ImportRow> batch, ImportSummary summary,
            Consumer<RowResult> results) {
        if (batch.isEmpty()) {
            return;
        }
        List<RowResult> outcomes;
        if (kind == ImportKind.ASSIGNMENTS) {
            // COPY into staging, set-based merge and fan-out in SQL; falls back to a row at a time itself
            outcomes = assignmentRows.apply(batch);
        } else {
            outcomes = applyInOneTransaction(kind, mode, batch);
        }
        for (RowResult outcome : outcomes) {
            summary.count(outcome);
            results.accept(outcome);
        }
    }

    private List<RowResult> applyInOneTransaction(ImportKind kind, ImportMode mode, List<ImportRow> batch) {
        List<RowResult> outcomes;
        try {
            outcomes = transactions.inTransaction(tx -> applyAll(kind, mode, batch, tx));
        } catch (RuntimeException e) {
            // the database refused a statement and the transaction is lost: run the batch again, a transaction a row
            outcomes = new ArrayList<>(batch.size());
            for (ImportRow row : batch) {
                try {
                    outcomes.addAll(transactions.inTransaction(tx -> applyAll(kind, mode, List.of(row), tx)));
                } catch (PgException refused) {
                    outcomes.add(RowResult.rejected(row.line(), List.of(new FieldError(null,
                            "the database refused the row: " + refused.getErrorMessage()))));
                }
            }
        }
        return outcomes;
    }

    private List<RowResult> applyAll(ImportKind kind, ImportMode mode, List<ImportRow> batch, SqlTransaction tx) {
        ChangeSet changes = new ChangeSet();
        if (kind == ImportKind.USERS || kind == ImportKind.MEMBERSHIPS) {
            List<RowResult> done = kind == ImportKind.USERS ? userRows.apply(tx, batch, mode, changes)
                    : membershipRows.apply(tx, batch, changes);
            publisher.publish(tx, changes);
            return done;
        }
        List<RowResult> done = new ArrayList<>(batch.size());
        for (ImportRow row : batch) {
            if (!row.unreadable().isEmpty()) {
                done.add(RowResult.rejected(row.line(), row.unreadable()));
                continue;
            }
            ChangeSet rowChanges = new ChangeSet();
            try {
                done.add(handlers.apply(kind, mode, tx, row, rowChanges));
                changes.addAll(rowChanges);
            } catch (InvalidInputException e) {
                done.add(RowResult.rejected(row.line(), e.errors()));
            } catch (MalformedInputException e) {
                done.add(RowResult.rejected(row.line(), List.of(new FieldError(e.field(), e.getMessage()))));
            } catch (ConflictException e) {
                done.add(RowResult.rejected(row.line(), List.of(new FieldError(e.field(), e.getMessage()))));
            } catch (NotFoundException e) {
                done.add(RowResult.rejected(row.line(), List.of(new FieldError(null, e.getMessage()))));
            }
        }
        publisher.publish(tx, changes);
        return done;
    }
}
