package io.scimitar.provisioner.rules.dotnet;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Date parsing and printing as Entra's .NET runtime does it: lenient parse, UTC, "M/d/yyyy h:mm:ss tt" output. */
public final class NetDateTimes {

    /** Active Directory dates count 100-ns ticks from 1601-01-01T00:00Z. */
    private static final Instant FILETIME_EPOCH = Instant.parse("1601-01-01T00:00:00Z");
    private static final DateTimeFormatter GENERAL =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);
    private static final String OFFSET = "\\s*(Z|z|[+-]\\d{1,2}(?::?\\d{2})?)?";
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[Tt ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?" + OFFSET);
    private static final Pattern US = Pattern.compile(
            "(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?:\\s*([AaPp])\\.?[Mm]\\.?)?)?"
                    + OFFSET);
    private static final Pattern COMPACT = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{1,9}))?)?" + OFFSET);

    private NetDateTimes() {
    }

    /** Formats as .NET's en-US general pattern "M/d/yyyy h:mm:ss tt", in UTC. */
    public static String formatGeneral(Instant instant) {
        return GENERAL.format(instant);
    }

    /**
     * Parses the date strings Entra accepts in CDate, DateAdd, DateDiff and NumFromDate: ISO 8601 (with or without time,
     * with or without offset, also "2020-03-16-07:00"), US "M/d/yyyy h:mm:ss tt" and "yyyyMMddHHmmss". A missing offset
     * means UTC.
     */
    public static Optional<Instant> parseFlexible(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            Matcher m = ISO.matcher(t);
            if (m.matches()) {
                return Optional.of(build(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
                        m.group(7), null, m.group(8)));
            }
            m = US.matcher(t);
            if (m.matches()) {
                return Optional.of(build(m.group(3), m.group(1), m.group(2), m.group(4), m.group(5), m.group(6),
                        m.group(7), m.group(8), m.group(9)));
            }
            m = COMPACT.matcher(t);
            if (m.matches()) {
                return Optional.of(build(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
                        m.group(7), null, m.group(8)));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant build(String year, String month, String day, String hour, String minute, String second,
                                 String fraction, String amPm, String offset) {
        int h = hour == null ? 0 : Integer.parseInt(hour);
        if (amPm != null) {
            if (h < 1 || h > 12) {
                throw new DateTimeException("hour out of range for AM/PM");
            }
            boolean pm = Character.toUpperCase(amPm.charAt(0)) == 'P';
            h = (h % 12) + (pm ? 12 : 0);
        }
        int nanos = 0;
        if (fraction != null) {
            nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
        }
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day),
                h, minute == null ? 0 : Integer.parseInt(minute), second == null ? 0 : Integer.parseInt(second), nanos);
        return local.toInstant(parseOffset(offset));
    }

    private static ZoneOffset parseOffset(String offset) {
        if (offset == null || offset.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        int sign = offset.charAt(0) == '-' ? -1 : 1;
        String digits = offset.substring(1).replace(":", "");
        int hours;
        int minutes = 0;
        if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
        } else {
            hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
            minutes = Integer.parseInt(digits.substring(digits.length() - 2));
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** Converts an Active Directory integer date (FILETIME ticks) to an instant. */
    public static Instant fromFileTime(long ticks) {
        return FILETIME_EPOCH.plusSeconds(Math.floorDiv(ticks, 10_000_000L))
                .plusNanos(Math.floorMod(ticks, 10_000_000L) * 100L);
    }

    /** Converts an instant to an Active Directory integer date (FILETIME ticks). */
    public static long toFileTime(Instant instant) {
        long seconds = ChronoUnit.SECONDS.between(FILETIME_EPOCH, instant.truncatedTo(ChronoUnit.SECONDS));
        return Math.addExact(Math.multiplyExact(seconds, 10_000_000L), instant.getNano() / 100L);
    }
}
