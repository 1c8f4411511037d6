package io.scimitar.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBarsTotalIsTheObjectsInScopeCountedByTheSourceSoItIsNotFullWhileWorkRemains() throws Exception {
        JsonNode progress = JSON.readTree("""
                {"objectsInScope": {"users": 190, "groups": 10, "total": 200,
                  "source": "assignment-service GET /api/v1/applications/{id}/assignedCounts"},
                 "objectsDone": 36, "percentComplete": 18.0, "eventsBehind": 0, "eventsCommitted": 36,
                 "changesPerSecond": 4.0, "estimatedSecondsLeft": 41}""");

        assertThat(ProvisioningWatch.bar(progress)).contains("36 / 200 objects").contains("18.0%")
                .contains("41 s left").doesNotContain("36 / 36");
        assertThat(ProvisioningWatch.sourceLine(progress)).contains("190 users and 10 groups in scope")
                .contains("assignment-service");
        assertThat(ProvisioningWatch.finished(progress)).isFalse();
    }

    @Test
    void withoutATotalTheBarSaysSoAndShowsTheEventsBehind() throws Exception {
        JsonNode progress = JSON.readTree("""
                {"objectsInScope": null, "percentComplete": null, "eventsBehind": 20, "eventsCommitted": 124,
                 "eventsPerSecond": 0.0, "estimatedSecondsLeft": null, "escrowed": 0, "eventsProcessed": 124}""");

        assertThat(ProvisioningWatch.bar(progress)).contains("124 events done, 20 behind, total unknown")
                .contains("time left ?").doesNotContain("#");
        assertThat(ProvisioningWatch.sourceLine(progress)).contains("did not count");
        assertThat(ProvisioningWatch.finished(progress)).isFalse();
    }

    @Test
    void isFinishedAtOneHundredPercent() throws Exception {
        assertThat(ProvisioningWatch.finished(JSON.readTree("{\"percentComplete\": 100.0}"))).isTrue();
        assertThat(ProvisioningWatch.finished(JSON.readTree("{\"percentComplete\": 99.9, \"eventsBehind\": 0}")))
                .isFalse();
    }

    @Test
    void onAnEightyColumnTerminalTheLastFrameShowsTheObjectsDoneWhenTheSyncEnds() throws Exception {
        Terminal terminal = new Terminal(ProvisioningWatch.TERMINAL_WIDTH);
        ProvisioningWatch watch = watching(terminal.stream(), true, frames(
                frame(0, 0.0, false), frame(50, 47.1, false), frame(106, 100.0, true), frame(106, 100.0, true),
                frame(106, 100.0, true), frame(106, 100.0, true)));

        watch.untilCaughtUp(Duration.ofMinutes(1));

        List<String> screen = terminal.rows();
        assertThat(screen).as("each frame stays on its row: none wraps and leaves an old one visible")
                .filteredOn(row -> row.contains("objects")).singleElement().asString()
                .contains("106 / 106 objects").contains("100.0%").doesNotContain(" 0 / 106");
    }

    @Test
    void withoutATerminalEachNewFigureGetsItsOwnLineAndTheLastShowsTheEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProvisioningWatch watch = watching(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, frames(
                frame(0, 0.0, false), frame(0, 0.0, false), frame(50, 47.1, false), frame(106, 100.0, true),
                frame(106, 100.0, true), frame(106, 100.0, true), frame(106, 100.0, true)));

        watch.untilCaughtUp(Duration.ofMinutes(1));

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("\r");
        List<String> bars = printed.lines().filter(line -> line.contains("objects")).toList();
        assertThat(bars).hasSize(3);
        assertThat(bars.get(0)).contains("0 / 106 objects");
        assertThat(bars.get(2)).contains("106 / 106 objects").contains("100.0%");
    }

    @Test
    void aFrameIsNarrowerThanTheTerminalWhateverItsFigures() throws Exception {
        JsonNode large = JSON.readTree("""
                {"objectsInScope": {"users": 1234567, "groups": 1000, "total": 1235567, "source": "x"},
                 "objectsDone": 1234500, "percentComplete": 99.9, "changesPerSecond": 12345.6,
                 "estimatedSecondsLeft": 123456}""");
        JsonNode unknown = JSON.readTree("""
                {"objectsInScope": null, "percentComplete": null, "eventsBehind": 12345678,
                 "eventsCommitted": 123456789, "eventsPerSecond": 12345.6, "estimatedSecondsLeft": null}""");

        assertThat(ProvisioningWatch.bar(large)).hasSizeLessThan(ProvisioningWatch.TERMINAL_WIDTH)
                .contains("1,234,500 / 1,235,567 objects");
        assertThat(ProvisioningWatch.bar(unknown)).hasSizeLessThan(ProvisioningWatch.TERMINAL_WIDTH);
    }

    private static ProvisioningWatch watching(PrintStream out, boolean terminal, Iterator<JsonNode> frames) {
        return new ProvisioningWatch(null, "job", frames::next, out, terminal, Duration.ZERO);
    }

    private static Iterator<JsonNode> frames(JsonNode... frames) {
        return List.of(frames).iterator();
    }

    /** A progress answer of the demo's job: 98 users and 8 groups in scope. */
    private static JsonNode frame(long done, double percent, boolean finished) throws Exception {
        return JSON.readTree("""
                {"objectsInScope": {"users": 98, "groups": 8, "total": 106, "source": "assignment-service"},
                 "objectsDone": %d, "percentComplete": %s, "eventsBehind": %d, "changesPerSecond": 12.5,
                 "estimatedSecondsLeft": %s}""".formatted(done, percent, finished ? 0 : 106 - done,
                finished ? "0" : "null"));
    }

    /** What a terminal of {@code width} columns shows: a carriage return goes back to the start of the row. */
    private static final class Terminal {

        private final int width;
        private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
        private int column;

        Terminal(int width) {
            this.width = width;
        }

        PrintStream stream() {
            return new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    put((char) b);
                }
            }, true, StandardCharsets.UTF_8);
        }

        private void put(char c) {
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                rows.add(new StringBuilder());
                column = 0;
            } else {
                if (column == width) {
                    rows.add(new StringBuilder());
                    column = 0;
                }
                StringBuilder row = rows.get(rows.size() - 1);
                while (row.length() <= column) {
                    row.append(' ');
                }
                row.setCharAt(column++, c);
            }
        }

        List<String> rows() {
            return rows.stream().map(StringBuilder::toString).toList();
        }
    }
}
