package io.scimitar.assignment.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UnpublishableRecordsTest {

    @Test
    void refusesForGoodARecordTooLargeInvalidOrNotSerializable() {
        assertThat(UnpublishableRecords.reason(new RecordTooLargeException("The message is 2000000 bytes")))
                .hasValue("Too large to publish: The message is 2000000 bytes");
        assertThat(UnpublishableRecords.reason(new InvalidRecordException("null key on a compacted topic")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("Refused by the broker as an invalid"));
        assertThat(UnpublishableRecords.reason(new KafkaException("wrapped", new SerializationException("bad"))))
                .hasValue("Cannot be serialized: bad");
    }

    @Test
    void retriesOutagesTimeoutsConfigurationErrorsAndInnocentBatchMates() {
        assertThat(UnpublishableRecords.reason(new TimeoutException("Expiring 3 records"))).isEmpty();
        assertThat(UnpublishableRecords.reason(new NetworkException("Disconnected"))).isEmpty();
        assertThat(UnpublishableRecords.reason(new NotLeaderOrFollowerException("moved"))).isEmpty();
        assertThat(UnpublishableRecords.reason(new TopicAuthorizationException(Set.of("topic")))).isEmpty();
        assertThat(UnpublishableRecords.reason(new KafkaException(
                "Failed to append record because it was part of a batch which had one more more invalid records")))
                .isEmpty();
        assertThat(UnpublishableRecords.reason(new IllegalStateException("Cannot send after the producer is closed")))
                .isEmpty();
    }

    @Test
    void keepsTheReasonShort() {
        assertThat(UnpublishableRecords.reason(new RecordTooLargeException("x".repeat(5000))).orElseThrow())
                .hasSize(1000).endsWith("...");
    }
}
