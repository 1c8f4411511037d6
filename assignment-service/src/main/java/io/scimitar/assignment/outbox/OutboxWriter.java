package io.scimitar.assignment.outbox;

import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Appends events to the outbox inside the caller's transaction, in the order given. */
@ApplicationScoped
public class OutboxWriter {

    private static final String APPEND = """
            insert into outbox (event_key, event_type, payload)
            select k, t, p from unnest($1::text[], $2::text[], $3::text[]) with ordinality as e(k, t, p, n) order by n""";

    public void append(SqlTransaction tx, List<? extends AssignmentEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String[] keys = new String[events.size()];
        String[] types = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            AssignmentEvent event = events.get(i);
            keys[i] = event.key();
            types[i] = event.type();
            payloads[i] = AssignmentEventCodec.encodeToString(event);
        }
        tx.query(APPEND, keys, types, payloads);
    }
}
