package io.scimitar.mock.state;

import java.time.Instant;

/** {@code meta.created} / {@code meta.lastModified} values: the current instant in milliseconds, ISO-8601. */
public final class Timestamps {

    /** The last value written, reused within the same millisecond (formatting an Instant is the costly part). */
    private static volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    public static String now() {
        long millis = System.currentTimeMillis();
        Stamp stamp = last;
        if (stamp.millis == millis) {
            return stamp.text;
        }
        String text = Instant.ofEpochMilli(millis).toString();
        last = new Stamp(millis, text);
        return text;
    }

    private record Stamp(long millis, String text) {
    }
}
