package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A big bulk request leaves its table analysed for the next request's plans; a small one leaves it to autovacuum. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ImportStatisticsTest {

    @Inject
    BulkImporter importer;

    @Inject
    Transactions transactions;

    @Test
    void aRequestOfAThousandUsersAnalysesTheUserTableAndOneOfFewerDoesNot() {
        long before = manualAnalyses();
        importUsers(ImportStatistics.AFTER_ROWS - 1);
        importUsers(ImportStatistics.AFTER_ROWS);

        // PostgreSQL 14's statistics collector receives the counts a moment later
        await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyses() > before);
        assertThat(manualAnalyses()).as("one analysis, after the second request only").isEqualTo(before + 1);
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

    /** How many times app_user was analysed by a statement (autovacuum's analyses are counted apart). */
    private long manualAnalyses() {
        return transactions.inTransaction(tx -> {
            tx.query("select pg_stat_clear_snapshot()");
            return tx.query("select analyze_count from pg_stat_user_tables where relname = 'app_user'")
                    .iterator().next().getLong(0);
        });
    }
}
