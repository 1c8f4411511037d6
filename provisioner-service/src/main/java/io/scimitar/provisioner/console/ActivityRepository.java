package io.scimitar.provisioner.console;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Counts a job's provisioning log entries per time bucket and action, in PostgreSQL (the log's job-time index). */
@ApplicationScoped
public class ActivityRepository {

    private static final String COUNT = """
            select floor(extract(epoch from activity_time) / $4::bigint)::bigint * $4::bigint as bucket, action,
                count(*) as entries
            from provisioning_log
            where job_id = $1 and activity_time >= $2 and activity_time < $3
            group by 1, 2""";

    private final Pool database;

    public ActivityRepository(Pool database) {
        this.database = database;
    }

    /** One bucket's count of one action: the bucket starts at {@code bucketStart}. */
    public record Count(Instant bucketStart, String action, long entries) {
    }

    public Uni<List<Count>> count(UUID jobId, Instant from, Instant to, long bucketSeconds) {
        return database.preparedQuery(COUNT).execute(Tuple.of(jobId, from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC), bucketSeconds)).map(rows -> {
                    List<Count> counts = new ArrayList<>();
                    for (Row row : rows) {
                        counts.add(new Count(Instant.ofEpochSecond(row.getLong("bucket")), row.getString("action"),
                                row.getLong("entries")));
                    }
                    return counts;
                });
    }
}
