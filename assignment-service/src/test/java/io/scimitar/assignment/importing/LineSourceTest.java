package io.scimitar.assignment.importing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineSourceTest {

    @Test
    void splitsLinesOnNewLinesAndDropsACarriageReturnBeforeThem() throws IOException {
        assertThat(lines(new StringReader("a\r\n\nbc\nd"), 100)).containsExactly("a", "", "bc", "d");
        assertThat(lines(new StringReader("a\n"), 100)).containsExactly("a");
        assertThat(lines(new StringReader(""), 100)).isEmpty();
        assertThat(lines(new StringReader("\n"), 100)).containsExactly("");
    }

    @Test
    void readsLinesThatCrossTheBufferAndReadsThatReturnFewCharacters() throws IOException {
        String longLine = "x".repeat(20_000);
        String text = "first\n" + longLine + "\nlast\n";
        assertThat(lines(new StringReader(text), 30_000)).containsExactly("first", longLine, "last");
        assertThat(lines(new Trickle(text, 3), 30_000)).containsExactly("first", longLine, "last");
    }

    @Test
    void reportsALineLongerThanTheLimitAndGoesOnWithTheNext() throws IOException {
        String text = "12345\n123456\n" + "y".repeat(10_000) + "\nok\n";
        LineSource source = new LineSource(new Trickle(text, 7), 5);
        assertThat(source.next()).isEqualTo("12345");
        assertThat(source.next()).isSameAs(LineSource.TOO_LONG);
        assertThat(source.next()).isSameAs(LineSource.TOO_LONG);
        assertThat(source.next()).isEqualTo("ok");
        assertThat(source.lineNumber()).isEqualTo(4);
        assertThat(source.next()).isNull();
    }

    private static List<String> lines(Reader in, int maxLength) throws IOException {
        LineSource source = new LineSource(in, maxLength);
        List<String> lines = new ArrayList<>();
        for (String line = source.next(); line != null; line = source.next()) {
            lines.add(line);
        }
        return lines;
    }

    /** A reader that hands out at most {@code most} characters a read, as a network body may. */
    private static final class Trickle extends Reader {
        private final StringReader in;
        private final int most;

        Trickle(String text, int most) {
            this.in = new StringReader(text);
            this.most = most;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, Math.min(length, most));
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
