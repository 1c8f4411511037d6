package io.scimitar.provisioner.directory;

import io.scimitar.events.ApplicationDeletedEvent;
import io.scimitar.events.ApplicationEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code known_application} table (SQL on the reactive pool). */
@ApplicationScoped
public class KnownApplicationRepository {

    /* an event not newer than the stored one (a re-delivery after a newer one) changes nothing */
    private static final String APPLY = """
            insert into known_application (application_id, display_name, version, deleted_at, updated_at)
            values ($1, $2, $3, $4, now())
            on conflict (application_id) do update
                set display_name = excluded.display_name, version = excluded.version,
                    deleted_at = excluded.deleted_at, updated_at = now()
                where known_application.version < excluded.version""";

    private final Pool database;

    public KnownApplicationRepository(Pool database) {
        this.database = database;
    }

    /** Stores what the event says of its application; answers whether it was newer than what was known. */
    public Uni<Boolean> apply(ApplicationEvent event) {
        boolean deleted = event instanceof ApplicationDeletedEvent;
        return database.preparedQuery(APPLY).execute(Tuple.of(event.applicationId(), event.displayName(),
                        event.version(), deleted ? event.occurredAt().atOffset(ZoneOffset.UTC) : null))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<KnownApplication>> find(String applicationId) {
        return database.preparedQuery("select application_id, display_name, version, deleted_at "
                        + "from known_application where application_id = $1").execute(Tuple.of(applicationId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The ids of the jobs that provision {@code applicationId}. */
    public Uni<List<UUID>> jobsOf(String applicationId) {
        return database.preparedQuery("select id from provisioning_job where application_id = $1 order by id")
                .execute(Tuple.of(applicationId)).map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }

    private static KnownApplication read(Row row) {
        var deletedAt = row.getOffsetDateTime("deleted_at");
        return new KnownApplication(row.getString("application_id"), row.getString("display_name"),
                row.getLong("version"), deletedAt == null ? null : deletedAt.toInstant());
    }
}
