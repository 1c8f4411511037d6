package io.scimitar.assignment.outbox;

import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.events.ApplicationEvent;
import io.scimitar.events.ApplicationEventCodec;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;

/** Appends events to the outbox, each row naming its topic, inside the caller's transaction, in the order given. */
@ApplicationScoped
public class OutboxWriter {

    private static final String APPEND = """
            insert into outbox (event_key, event_type, payload)
            select k, t, p from unnest($1::text[], $2::text[], $3::text[]) with ordinality as e(k, t, p, n) order by n""";

    /** Appends an application event for the application topic. */
    public void append(SqlTransaction tx, ApplicationEvent event) {
        tx.wroteOutbox();
        tx.query("insert into outbox (topic, event_key, event_type, payload) values ($1, $2, $3, $4)",
                OutboxTopic.APPLICATIONS.column(), event.key(), event.type(),
                ApplicationEventCodec.encodeToString(event));
    }

    /** Appends assignment events for the assignment topic. */
    public void append(SqlTransaction tx, List<? extends AssignmentEvent> events) {
        append(tx, events, AssignmentEventCodec::encodeToString);
    }

    /** Appends assignment events for the assignment topic, each written as JSON by {@code encoder}. */
    public void append(SqlTransaction tx, List<? extends AssignmentEvent> events,
            Function<AssignmentEvent, String> encoder) {
        if (events.isEmpty()) {
            return;
        }
        tx.wroteOutbox();
        String[] keys = new String[events.size()];
        String[] types = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            AssignmentEvent event = events.get(i);
            keys[i] = event.key();
            types[i] = event.type();
            payloads[i] = encoder.apply(event);
        }
        tx.query(APPEND, keys, types, payloads);
    }
}
