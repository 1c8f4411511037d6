package io.scimitar.assignment.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import java.util.Optional;

/**
 * Tells a record the broker or the producer refused for good, because of the record itself, from every other
 * failure. Only three kinds qualify: too large ({@link RecordTooLargeException}, from the producer's
 * {@code max.request.size} or the broker's {@code message.max.bytes}), refused by the broker's record validation
 * ({@link InvalidRecordException}) and not serializable ({@link SerializationException}). Everything else is not the
 * record's fault and is retried: broker outages and timeouts, authorization and configuration errors (which would
 * otherwise dead-letter every row), and the plain {@code KafkaException} that the producer gives the innocent records
 * sharing a batch with an invalid one.
 */
final class UnpublishableRecords {

    /** Long enough for any Kafka client message; the reason is stored and shown, never the payload. */
    private static final int MAX_REASON_LENGTH = 1000;

    private UnpublishableRecords() {
    }

    /** The reason in words when {@code failure} refuses the record for good; empty when a later try may succeed. */
    static Optional<String> reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return Optional.of(describe("Too large to publish", t));
            }
            if (t instanceof InvalidRecordException) {
                return Optional.of(describe("Refused by the broker as an invalid record", t));
            }
            if (t instanceof SerializationException) {
                return Optional.of(describe("Cannot be serialized", t));
            }
        }
        return Optional.empty();
    }

    private static String describe(String what, Throwable failure) {
        String text = failure.getMessage() == null || failure.getMessage().isBlank() ? what
                : what + ": " + failure.getMessage();
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }
}
