package io.scimitar.assignment.change;

import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.database.SqlTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.BiFunction;

/** Runs a change to the directory and publishes its effects to the outbox, all in one database transaction. */
@ApplicationScoped
public class ChangeTransactions {

    private final Transactions transactions;
    private final ChangePublisher publisher;

    public ChangeTransactions(Transactions transactions, ChangePublisher publisher) {
        this.transactions = transactions;
        this.publisher = publisher;
    }

    public <T> T run(BiFunction<SqlTransaction, ChangeSet, T> work) {
        return transactions.inTransaction(tx -> {
            ChangeSet changes = new ChangeSet();
            T result = work.apply(tx, changes);
            publisher.publish(tx, changes);
            return result;
        });
    }
}
