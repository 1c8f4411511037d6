package io.scimitar.assignment.deadletter;

import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Reads, retries and discards dead letters. A retry puts the row back at the end of the outbox; it is refused when a
 * later row of the same key was published since or is waiting, because events are full snapshots and the older one
 * would overwrite the newer state, unless the caller forces it.
 */
@ApplicationScoped
public class DeadLetterService {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class);
    private static final String KIND = "Dead letter";

    private final Transactions transactions;
    private final DeadLetterRepository repository;

    public DeadLetterService(Transactions transactions, DeadLetterRepository repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    public Page<DeadLetter> list(DeadLetterPageRequest request) {
        List<DeadLetter> fetched = transactions.inTransaction(
                tx -> repository.list(tx, request.after(), request.limit() + 1));
        return request.page(fetched);
    }

    public DeadLetter get(long id) {
        return transactions.inTransaction(tx -> repository.find(tx, id))
                .orElseThrow(() -> new NotFoundException(KIND, id));
    }

    /** Moves the dead letter back to the end of the outbox; returns the new outbox row's id. */
    public long retry(long id, boolean force) {
        long requeued = transactions.inTransaction(tx -> {
            DeadLetter letter = repository.lock(tx, id).orElseThrow(() -> new NotFoundException(KIND, id));
            if (!force) {
                Optional<Long> newer = letter.supersededBy() != null ? Optional.of(letter.supersededBy())
                        : repository.pendingNewerRow(tx, letter.eventKey(), id);
                if (newer.isPresent()) {
                    throw new ConflictException(null, "A later event of the same key (outbox row " + newer.get()
                            + ") was written since dead letter " + id + "; events are full snapshots, so retrying "
                            + "it would bring back an older state. Discard it, or retry with force=true");
                }
            }
            return repository.requeue(tx, id);
        });
        LOG.infof("Dead letter %d moved back to the outbox as row %d%s", id, requeued,
                force ? " (forced)" : "");
        return requeued;
    }

    public void discard(long id) {
        if (!transactions.inTransaction(tx -> repository.delete(tx, id))) {
            throw new NotFoundException(KIND, id);
        }
        LOG.infof("Dead letter %d discarded", id);
    }
}
