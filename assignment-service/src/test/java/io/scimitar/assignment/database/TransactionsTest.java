package io.scimitar.assignment.database;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code begin} goes with a unit of work's first statement; the unit commits or rolls back whole all the same. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class TransactionsTest {

    private static final String INSERT = "insert into audit_record (recorded_at, actor, method, path, operation, "
            + "field_names, status) values (now(), $1, 'TEST', '/test', 'TEST', '{}', 200)";

    @Inject
    Transactions transactions;

    @Test
    void theFirstStatementRunsInsideTheTransactionBegunWithIt() {
        List<Long> ids = transactions.inTransaction(tx -> List.of(
                tx.count("select txid_current()"), tx.count("select txid_current()")));

        assertThat(ids.get(1)).as("the second statement's transaction").isEqualTo(ids.get(0));
    }

    @Test
    void aFailureAfterTheFirstStatementRollsItBack() {
        String actor = "rolled-back-" + UUID.randomUUID();

        assertThatThrownBy(() -> transactions.inTransaction(tx -> {
            tx.update(INSERT, actor);
            return tx.count("select 1 / 0");
        })).isInstanceOf(PgException.class);

        assertThat(stored(actor)).isZero();
    }

    @Test
    void aFailedFirstStatementLeavesNothingBehind() {
        String actor = "after-failure-" + UUID.randomUUID();

        assertThatThrownBy(() -> transactions.inTransaction(tx -> tx.count("select 1 / 0")))
                .isInstanceOf(PgException.class);
        transactions.inTransaction(tx -> tx.update(INSERT, actor));

        assertThat(stored(actor)).isOne();
    }

    @Test
    void aUnitThatSendsNoStatementAnswersItsResult() {
        String answer = transactions.inTransaction(tx -> "nothing sent");

        assertThat(answer).isEqualTo("nothing sent");
    }

    private long stored(String actor) {
        return transactions.inTransaction(tx -> tx.count("select count(*) from audit_record where actor = $1",
                actor));
    }
}
