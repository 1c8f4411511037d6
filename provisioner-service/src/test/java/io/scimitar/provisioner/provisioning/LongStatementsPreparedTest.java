package io.scimitar.provisioner.provisioning;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement longer than the reactive client keeps prepared by default (2,048 characters), as the write of a poll
 * ({@link BatchWriter}) is, stays prepared on its connection: PostgreSQL plans it there once, not at every execution.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class LongStatementsPreparedTest {

    @Inject
    Pool database;

    @Test
    void aStatementLongerThanTheClientsDefaultStaysPreparedOnItsConnection() {
        String statement = "select $1::text as echoed /* " + "x".repeat(4096) + " */";

        long prepared = database.withConnection(connection -> connection.preparedQuery(statement)
                        .execute(Tuple.of("first"))
                        .chain(() -> connection.preparedQuery(statement).execute(Tuple.of("second")))
                        .chain(() -> connection.preparedQuery("select count(*) from pg_prepared_statements "
                                + "where statement = $1").execute(Tuple.of(statement))))
                .await().indefinitely().iterator().next().getLong(0);

        assertThat(prepared).isEqualTo(1);
    }
}
