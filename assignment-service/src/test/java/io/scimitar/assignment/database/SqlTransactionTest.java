package io.scimitar.assignment.database;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A transaction's own settings end with it: the connection goes back to the pool as it came. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class SqlTransactionTest {

    /** The setting, where its value comes from ('session' once set for the connection) and the connection. */
    private static final String SETTING = "select setting || ' ' || source || ' ' || pg_backend_pid() from pg_settings "
            + "where name = 'synchronous_commit'";
    private static final int LATER_TRANSACTIONS = 20;

    @Inject
    Transactions transactions;

    @Test
    void aCommitThatDoesNotWaitForTheDiskIsThatTransactionsOnly() {
        List<String> inside = transactions.inTransaction(tx -> {
            tx.update("set local synchronous_commit = on");
            String before = setting(tx);
            tx.commitWithoutWaitingForTheDisk();
            return List.of(before, setting(tx));
        });
        String backend = inside.get(0).substring(inside.get(0).lastIndexOf(' ') + 1);
        assertThat(inside.get(0)).startsWith("on ");
        assertThat(inside.get(1)).startsWith("off ").endsWith(" " + backend);

        List<String> later = new ArrayList<>();
        for (int i = 0; i < LATER_TRANSACTIONS; i++) {
            later.add(transactions.inTransaction(SqlTransactionTest::setting));
        }
        assertThat(later).as("later transactions, one of them on the same connection")
                .anySatisfy(found -> assertThat(found).endsWith(" " + backend))
                .allSatisfy(found -> assertThat(found).doesNotContain(" session "));
    }

    private static String setting(SqlTransaction tx) {
        return tx.query(SETTING).iterator().next().getString(0);
    }
}
