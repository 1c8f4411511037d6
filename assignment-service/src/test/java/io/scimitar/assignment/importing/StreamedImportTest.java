package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A bulk request of any length is held one chunk at a time: each row's result is out before a chunk later is read. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class StreamedImportTest {

    private static final long ROWS = 1_000_000;
    private static final long VALID_EVERY = 250_000;

    @Inject
    BulkImporter importer;

    @Inject
    ImportConfig config;

    @Test
    void aMillionUserRowsGoThroughHoldingAtMostOneChunk() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicLong read = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong mostHeld = new AtomicLong();
        AtomicLong lastLine = new AtomicLong();
        RowReader generated = () -> {
            long line = read.get() + 1;
            if (line > ROWS) {
                return null;
            }
            read.set(line);
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            // most rows break a rule Java checks, so the test costs parsing and checking, not a million inserts
            row.put("userPrincipalName", line % VALID_EVERY == 0 ? "m" + line + "-" + run + "@contoso.com"
                    : "not a name " + line);
            row.put("displayName", "Row " + line);
            return ImportRow.of(line, row);
        };
        ImportSummary summary = importer.run(ImportKind.USERS, ImportMode.REPLACE, generated, result -> {
            assertThat(result.line()).isEqualTo(lastLine.get() + 1);
            lastLine.set(result.line());
            answered.incrementAndGet();
            mostHeld.accumulateAndGet(read.get() - answered.get(), Math::max);
        });

        assertThat(summary.rows()).isEqualTo(ROWS);
        assertThat(summary.byStatus()).containsEntry("created", ROWS / VALID_EVERY)
                .containsEntry("rejected", ROWS - ROWS / VALID_EVERY);
        assertThat(mostHeld.get()).isLessThan(config.batchSize());
    }
}
