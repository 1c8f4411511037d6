package io.scimitar.provisioner.provisioning;

import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores what an applied change leaves behind in one statement, committed at once: the object's link, the removal
 * of the object's escrow entry (this state succeeded), and the change's provisioning log entry. A crash can therefore
 * not keep the link and lose the log entry (the replayed event would be stale and never logged), and the usual change
 * costs PostgreSQL one commit instead of three.
 */
@ApplicationScoped
public class AppliedChangeStore {

    private static final String STORE = "with saved_link as (" + LinkRepository.UPSERT + "), resolved as ("
            + EscrowRepository.resolveStatement(9) + ") " + ProvisioningLogRepository.insertStatement(12);

    private final Pool database;
    private final ProvisioningLogRepository log;

    public AppliedChangeStore(Pool database, ProvisioningLogRepository log) {
        this.database = database;
        this.log = log;
    }

    /** Saves {@code link}, resolves the escrow entry {@code escrowKey} up to the link's version, and logs {@code entry}. */
    public Uni<Void> store(ObjectLink link, String escrowKey, ProvisioningLogEntry entry) {
        List<Object> values = new ArrayList<>(LinkRepository.upsertValues(link));
        values.add(link.jobId());
        values.add(escrowKey);
        values.add(link.sourceVersion());
        values.addAll(log.insertValues(entry));
        return database.preparedQuery(STORE).execute(Tuple.from(values)).replaceWithVoid();
    }
}
