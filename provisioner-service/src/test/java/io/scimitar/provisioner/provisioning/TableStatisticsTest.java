package io.scimitar.provisioner.provisioning;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class TableStatisticsTest {

    @Inject
    TableStatistics statistics;

    @Inject
    Pool database;

    /** When the least recently analysed of the tables a sync fills was analysed last. */
    private OffsetDateTime lastAnalyze() {
        return database.query("select min(greatest(last_analyze, '-infinity')) from pg_stat_user_tables "
                        + "where relname in ('object_link', 'group_membership', 'escrow', 'membership_user_scope')")
                .execute().await().indefinitely().iterator().next().getOffsetDateTime(0);
    }

    @Test
    void analysesEveryTableASyncFillsEachTimeTheStoredChangesDouble() {
        OffsetDateTime before = lastAnalyze();
        long due = statistics.nextRefresh();
        // other jobs of this application may store changes meanwhile: count until the refresh at `due` was taken
        for (long i = 0; i < due && statistics.nextRefresh() == due; i++) {
            statistics.changeStored();
        }

        assertThat(statistics.stored()).isGreaterThanOrEqualTo(due);
        assertThat(statistics.nextRefresh()).isGreaterThanOrEqualTo(due * 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastAnalyze().isAfter(before));
    }
}
