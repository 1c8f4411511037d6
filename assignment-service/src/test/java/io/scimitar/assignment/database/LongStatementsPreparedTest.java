package io.scimitar.assignment.database;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.user.UserSql;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement longer than the reactive client keeps prepared by default (2,048 characters), as a user's PATCH statement
 * is, stays prepared on its connection: PostgreSQL plans it once there, not at every execution.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class LongStatementsPreparedTest {

    private static final int CLIENT_DEFAULT_LIMIT = 2048;

    @Inject
    Transactions transactions;

    @Test
    void aStatementAsLongAsAUsersChangeStaysPreparedOnItsConnection() {
        assertThat(UserSql.STANDARD.change().length()).as("the PATCH statement's length")
                .isGreaterThan(CLIENT_DEFAULT_LIMIT);
        String statement = "select $1::text as echoed /* " + "x".repeat(UserSql.STANDARD.change().length()) + " */";

        long prepared = transactions.inTransaction(tx -> {
            tx.query(statement, "first");
            tx.query(statement, "second");
            return tx.count("select count(*) from pg_prepared_statements where statement = $1", statement);
        });

        assertThat(prepared).isEqualTo(1);
    }
}
