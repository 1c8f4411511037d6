package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.support.Api;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A big bulk request leaves its table analysed for the next request's plans when its statistics are missing or
 * outgrown; a small one, or one the table's statistics still describe, leaves it to autovacuum. A
 * chunk of assignments analyses its events' staging table once it has filled it, whatever autovacuum saw last.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ImportStatisticsTest {

    @Inject
    BulkImporter importer;

    @Inject
    Transactions transactions;

    @Test
    void aRequestAnalysesTheUserTableOnlyWhenItChangedByAsManyRowsAsItsStatisticsCounted() {
        long first = manualAnalyses();
        long held = transactions.inTransaction(tx -> {
            tx.query("analyze app_user");
            return tx.query("select reltuples::bigint from pg_class where relname = 'app_user'").iterator().next()
                    .getLong(0);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyses() > first);
        long before = manualAnalyses();

        importUsers(ImportStatistics.AFTER_ROWS - 1);
        importUsers(Math.max(ImportStatistics.AFTER_ROWS, held));
        // PostgreSQL 14's statistics collector receives the counts a moment later
        await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyses() > before);
        assertThat(manualAnalyses()).as("one analysis, after the second request only").isEqualTo(before + 1);

        // the table now holds more than twice the next request's rows: its statistics stay
        importUsers(ImportStatistics.AFTER_ROWS);
        transactions.inTransaction(tx -> tx.query("analyze app_user"));
        await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyses() > before + 1);
        assertThat(manualAnalyses()).as("only the test's own analysis since").isEqualTo(before + 2);
    }

    @Test
    void statisticsAreStaleWhenNeverTakenOrOutgrown() {
        assertThat(ImportStatistics.stale(-1, 0, 1_000)).as("never analysed").isTrue();
        assertThat(ImportStatistics.stale(0, 0, 1_000)).as("analysed empty").isTrue();
        assertThat(ImportStatistics.stale(50_000, 0, 5_000)).as("a tenth more").isFalse();
        assertThat(ImportStatistics.stale(50_000, 45_000, 5_000)).as("nine tenths more").isFalse();
        assertThat(ImportStatistics.stale(50_000, 50_000, 5_000)).as("as many changed as counted").isTrue();
        assertThat(ImportStatistics.stale(5_000, 0, 5_000)).as("doubled by this request").isTrue();
    }

    @Test
    void aChunkOfAssignmentsPlansOnItsOwnStagingRows() {
        String app = Api.createApplication("Staging statistics");
        String group = Api.createGroup("Staging statistics");
        for (int i = 0; i < 3; i++) {
            Api.addMember(group, Api.createUser("staging" + i));
        }
        long eventStage = manualAnalyses("import_event_stage");

        ObjectNode assignment = JsonNodeFactory.instance.objectNode();
        assignment.put("applicationId", app);
        assignment.put("principalId", group);
        boolean[] read = {false};
        RowReader rows = () -> {
            if (read[0]) {
                return null;
            }
            read[0] = true;
            return ImportRow.of(1, assignment);
        };
        ImportSummary summary = importer.run(ImportKind.ASSIGNMENTS, ImportMode.MERGE, rows, result -> { });

        assertThat(summary.byStatus()).containsEntry("created", 1L);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(manualAnalyses("import_event_stage"))
                .as("the events' staging table analysed").isGreaterThan(eventStage));
    }

    private void importUsers(long count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long[] line = {0};
        RowReader rows = () -> {
            if (line[0] == count) {
                return null;
            }
            line[0]++;
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            row.put("userPrincipalName", "stats" + line[0] + "-" + run + "@contoso.com");
            row.put("displayName", "Stats " + line[0]);
            return ImportRow.of(line[0], row);
        };
        ImportSummary summary = importer.run(ImportKind.USERS, ImportMode.MERGE, rows, result -> { });
        assertThat(summary.byStatus()).containsEntry("created", count);
    }

    private long manualAnalyses() {
        return manualAnalyses("app_user");
    }

    /** How many times {@code table} was analysed by a statement (autovacuum's analyses are counted apart). */
    private long manualAnalyses(String table) {
        return transactions.inTransaction(tx -> {
            tx.query("select pg_stat_clear_snapshot()");
            return tx.query("select analyze_count from pg_stat_user_tables where relname = $1", table)
                    .iterator().next().getLong(0);
        });
    }
}
