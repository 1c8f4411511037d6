package io.scimitar.provisioner.rules.dotnet;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A .NET custom (or standard, one-letter) date and time format string translated to java.time, for FormatDateTime.
 * Invariant culture; the server's local time zone is UTC, as it is for Entra's service.
 */
public final class NetDateFormat {

    private static final Map<String, NetDateFormat> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 512;
    private static final Map<String, String> STANDARD_FORMATS = Map.ofEntries(
            Map.entry("d", "MM/dd/yyyy"), Map.entry("D", "dddd, dd MMMM yyyy"),
            Map.entry("f", "dddd, dd MMMM yyyy HH:mm"), Map.entry("F", "dddd, dd MMMM yyyy HH:mm:ss"),
            Map.entry("g", "MM/dd/yyyy HH:mm"), Map.entry("G", "MM/dd/yyyy HH:mm:ss"),
            Map.entry("m", "MMMM dd"), Map.entry("M", "MMMM dd"),
            Map.entry("o", "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"),
            Map.entry("O", "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"),
            Map.entry("r", "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"), Map.entry("R", "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"),
            Map.entry("s", "yyyy'-'MM'-'dd'T'HH':'mm':'ss"), Map.entry("t", "HH:mm"), Map.entry("T", "HH:mm:ss"),
            Map.entry("u", "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"), Map.entry("U", "dddd, dd MMMM yyyy HH:mm:ss"),
            Map.entry("y", "yyyy MMMM"), Map.entry("Y", "yyyy MMMM"));
    private static final Map<Long, String> MONTHS = names("January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December");
    private static final Map<Long, String> MONTHS_SHORT = names("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
            "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final Map<Long, String> DAYS = names("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");
    private static final Map<Long, String> DAYS_SHORT = names("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    private final String pattern;
    private final DateTimeFormatter printer;
    private final DateTimeFormatter parser;
    private final boolean hasDate;
    private final boolean hasYear;
    private final boolean hasOffset;

    private NetDateFormat(String pattern) {
        this.pattern = pattern;
        String custom = pattern.length() == 1 ? STANDARD_FORMATS.get(pattern) : pattern;
        if (custom == null) {
            throw new IllegalArgumentException("\"" + pattern + "\" is not a .NET standard date format");
        }
        List<Token> tokens = tokenize(custom);
        this.printer = build(tokens, false);
        this.parser = build(tokens, true);
        this.hasYear = tokens.stream().anyMatch(t -> t.letter == 'y');
        this.hasDate = tokens.stream().anyMatch(t -> t.letter == 'y' || t.letter == 'M' || t.letter == 'd');
        this.hasOffset = tokens.stream().anyMatch(t -> t.letter == 'z' || t.letter == 'K');
    }

    /** Compiles (and caches) a format string; throws IllegalArgumentException if .NET would reject it. */
    public static NetDateFormat of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("the date format is empty");
        }
        NetDateFormat cached = CACHE.get(pattern);
        if (cached != null) {
            return cached;
        }
        NetDateFormat compiled = new NetDateFormat(pattern);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(pattern, compiled);
        return compiled;
    }

    public String pattern() {
        return pattern;
    }

    /** Parses text exactly in this format; no offset in the text means UTC. Empty when the text does not fit. */
    public Optional<Instant> parse(String text, LocalDate today) {
        try {
            TemporalAccessor parsed = parser.parse(text.trim());
            LocalDate date = parsedDate(parsed, today);
            LocalTime time = parsedTime(parsed);
            ZoneOffset offset = hasOffset && parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return Optional.of(LocalDateTime.of(date, time).toInstant(offset));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Formats an instant in UTC. */
    public String format(Instant instant) {
        return printer.format(instant.atOffset(ZoneOffset.UTC));
    }

    private LocalDate parsedDate(TemporalAccessor parsed, LocalDate today) {
        if (!hasDate) {
            return today;
        }
        int year = hasYear ? parsed.get(ChronoField.YEAR) : today.getYear();
        int month = parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? parsed.get(ChronoField.MONTH_OF_YEAR) : 1;
        int day = parsed.isSupported(ChronoField.DAY_OF_MONTH) ? parsed.get(ChronoField.DAY_OF_MONTH) : 1;
        LocalDate date = LocalDate.of(year, month, day);
        if (parsed.isSupported(ChronoField.DAY_OF_WEEK)
                && parsed.get(ChronoField.DAY_OF_WEEK) != date.getDayOfWeek().getValue()) {
            throw new DateTimeException("day of week does not match the date");
        }
        return date;
    }

    private static LocalTime parsedTime(TemporalAccessor parsed) {
        int hour = 0;
        boolean pm = parsed.isSupported(ChronoField.AMPM_OF_DAY) && parsed.get(ChronoField.AMPM_OF_DAY) == 1;
        if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
            hour = parsed.get(ChronoField.HOUR_OF_DAY);
        } else if (parsed.isSupported(ChronoField.HOUR_OF_AMPM)) {
            hour = parsed.get(ChronoField.HOUR_OF_AMPM) + (pm ? 12 : 0);
        } else if (parsed.isSupported(ChronoField.CLOCK_HOUR_OF_AMPM)) {
            hour = parsed.get(ChronoField.CLOCK_HOUR_OF_AMPM) % 12 + (pm ? 12 : 0);
        }
        int minute = parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0;
        int second = parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0;
        int nano = parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0;
        return LocalTime.of(hour, minute, second, nano);
    }

    /** One piece of a format string: a specifier letter repeated {@code count} times, or literal text. */
    private record Token(char letter, int count, String literal) {
        boolean numeric() {
            return "dMyhHmsfF".indexOf(letter) >= 0 && !(letter == 'd' && count > 2) && !(letter == 'M' && count > 2);
        }
    }

    private static List<Token> tokenize(String format) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '\'' || c == '"') {
                int end = format.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quoted text in date format \"" + format + "\"");
                }
                tokens.add(new Token('\0', 0, format.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '\\') {
                if (i + 1 >= format.length()) {
                    throw new IllegalArgumentException("date format \"" + format + "\" ends with a backslash");
                }
                tokens.add(new Token('\0', 0, String.valueOf(format.charAt(i + 1))));
                i += 2;
            } else if (c == '%') {
                i++;
            } else if ("dfFghHKmMstyz".indexOf(c) >= 0) {
                int j = i;
                while (j < format.length() && format.charAt(j) == c) {
                    j++;
                }
                int count = j - i;
                if ((c == 'f' || c == 'F') && count > 7) {
                    throw new IllegalArgumentException("too many '" + c + "' in date format \"" + format + "\"");
                }
                tokens.add(new Token(c, count, null));
                i = j;
            } else {
                tokens.add(new Token('\0', 0, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static DateTimeFormatter build(List<Token> tokens, boolean forParsing) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean flexible = forParsing && (i + 1 == tokens.size() || !tokens.get(i + 1).numeric());
            if (t.letter == '\0' && t.literal.equals(".") && i + 1 < tokens.size() && tokens.get(i + 1).letter == 'F') {
                // .NET drops the decimal point together with an all-zero F fraction
                b.appendFraction(ChronoField.NANO_OF_SECOND, 0, tokens.get(i + 1).count, true);
                i++;
                continue;
            }
            switch (t.letter) {
                case '\0' -> b.appendLiteral(t.literal);
                case 'd' -> {
                    if (t.count <= 2) {
                        number(b, ChronoField.DAY_OF_MONTH, t.count, flexible);
                    } else {
                        b.appendText(ChronoField.DAY_OF_WEEK, t.count == 3 ? DAYS_SHORT : DAYS);
                    }
                }
                case 'M' -> {
                    if (t.count <= 2) {
                        number(b, ChronoField.MONTH_OF_YEAR, t.count, flexible);
                    } else {
                        b.appendText(ChronoField.MONTH_OF_YEAR, t.count == 3 ? MONTHS_SHORT : MONTHS);
                    }
                }
                case 'y' -> {
                    if (t.count <= 2) {
                        b.appendValueReduced(ChronoField.YEAR, t.count, 2, 1950);
                    } else if (t.count == 3) {
                        b.appendValue(ChronoField.YEAR, 3, 9, SignStyle.NOT_NEGATIVE);
                    } else {
                        b.appendValue(ChronoField.YEAR, t.count);
                    }
                }
                case 'h' -> number(b, ChronoField.CLOCK_HOUR_OF_AMPM, Math.min(t.count, 2), flexible);
                case 'H' -> number(b, ChronoField.HOUR_OF_DAY, Math.min(t.count, 2), flexible);
                case 'm' -> number(b, ChronoField.MINUTE_OF_HOUR, Math.min(t.count, 2), flexible);
                case 's' -> number(b, ChronoField.SECOND_OF_MINUTE, Math.min(t.count, 2), flexible);
                case 'f' -> b.appendFraction(ChronoField.NANO_OF_SECOND, t.count, t.count, false);
                case 'F' -> b.appendFraction(ChronoField.NANO_OF_SECOND, 0, t.count, false);
                case 't' -> b.appendText(ChronoField.AMPM_OF_DAY,
                        t.count == 1 ? Map.of(0L, "A", 1L, "P") : Map.of(0L, "AM", 1L, "PM"));
                case 'g' -> b.appendText(ChronoField.ERA, Map.of(0L, "B.C.", 1L, "A.D."));
                case 'z' -> b.appendOffset(t.count == 1 ? "+H" : t.count == 2 ? "+HH" : "+HH:MM",
                        t.count == 1 ? "+0" : t.count == 2 ? "+00" : "+00:00");
                case 'K' -> {
                    b.optionalStart();
                    b.appendOffset("+HH:MM", "Z");
                    b.optionalEnd();
                }
                default -> throw new IllegalStateException("unhandled date format letter " + t.letter);
            }
        }
        return b.toFormatter(Locale.ROOT);
    }

    private static void number(DateTimeFormatterBuilder b, ChronoField field, int count, boolean flexible) {
        if (count == 1 || flexible) {
            b.appendValue(field, count == 1 ? 1 : (flexible ? 1 : 2), 2, SignStyle.NOT_NEGATIVE);
        } else {
            b.appendValue(field, 2);
        }
    }

    private static Map<Long, String> names(String... names) {
        Map<Long, String> map = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put((long) i + 1, names[i]);
        }
        return Map.copyOf(map);
    }
}
