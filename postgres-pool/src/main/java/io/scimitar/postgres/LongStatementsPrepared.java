package io.scimitar.postgres;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates a service's reactive PostgreSQL pool from Quarkus' options (through Quarkus' public {@link PgPoolCreator}
 * hook), keeping statements of up to {@link #CACHED_STATEMENT_LENGTH} characters prepared on their connection. The
 * client keeps only statements of at most 2,048 characters by default, so PostgreSQL parsed and planned the longer ones
 * again on every execution: assignment-service's user PATCH statement (every column, the version, the outbox rows) and
 * the provisioner's write of a poll (links, log entries, statistics in one statement) are longer. Planning the PATCH
 * statement took about 2 ms of PostgreSQL's time per change, twice its execution.
 */
@Singleton
public class LongStatementsPrepared implements PgPoolCreator {

    /** Longer than any statement the services send; a connection still keeps at most 256 statements, as before. */
    public static final int CACHED_STATEMENT_LENGTH = 32_768;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        input.pgConnectOptionsList().forEach(options -> servers.add(
                options.setPreparedStatementCacheSqlLimit(CACHED_STATEMENT_LENGTH)));
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
