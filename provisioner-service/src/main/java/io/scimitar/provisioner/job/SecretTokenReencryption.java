package io.scimitar.provisioner.job;

import io.quarkus.runtime.StartupEvent;
import io.scimitar.provisioner.secret.SecretCipher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * At start-up, before any job runs, moves every job's token to the active key: the plain ones migration V6 marked
 * and those encrypted with an older key. A token no configured key can read stops the start, naming the job and key.
 */
@ApplicationScoped
public class SecretTokenReencryption {

    private static final Logger LOG = Logger.getLogger(SecretTokenReencryption.class);

    private final Pool database;
    private final SecretCipher cipher;

    public SecretTokenReencryption(Pool database, SecretCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    void onStart(@Observes @Priority(10) StartupEvent start) {
        int moved = reencrypt(cipher).await().indefinitely();
        if (moved > 0) {
            LOG.infof("Encrypted %d job token(s) with the active key", moved);
        }
    }

    /**
     * Re-encrypts with {@code target}'s active key every token that is not under it yet; answers how many. A row
     * changed meanwhile is left alone (compared and set), and its version moves on so no stale copy overwrites it.
     */
    public Uni<Integer> reencrypt(SecretCipher target) {
        return database.preparedQuery("select id, secret_token from provisioning_job where secret_token is not null")
                .execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .filter(row -> target.needsReencryption(row.getString("secret_token")))
                .onItem().transformToUniAndConcatenate(row -> move(target, row))
                .collect().asList()
                .map(updated -> updated.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> move(SecretCipher target, Row row) {
        UUID id = row.getUUID("id");
        String stored = row.getString("secret_token");
        String reencrypted = target.encrypt(id, target.decrypt(id, stored));
        return database.preparedQuery("update provisioning_job set secret_token = $1, version = version + 1 "
                        + "where id = $2 and secret_token = $3")
                .execute(Tuple.of(reencrypted, id, stored))
                .map(result -> result.rowCount());
    }
}
