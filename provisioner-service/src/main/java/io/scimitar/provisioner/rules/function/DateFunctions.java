package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.dotnet.NetDateFormat;
import io.scimitar.provisioner.rules.dotnet.NetDateTimes;
import io.scimitar.provisioner.rules.expression.EmptyArgument;
import io.scimitar.provisioner.rules.expression.ExpressionNode;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** CDate, Now, DateAdd, DateDiff, DateFromNum, NumFromDate and FormatDateTime (UTC, .NET formats). */
final class DateFunctions {

    private static final Set<String> INTERVALS = Set.of("yyyy", "q", "m", "y", "d", "w", "ww", "h", "n", "s");
    private static final Set<String> DATE_TIME_STYLES = Set.of("none", "allowleadingwhite", "allowtrailingwhite",
            "allowinnerwhite", "allowwhitespaces", "nocurrentdatedefault", "adjusttouniversal", "assumelocal",
            "assumeuniversal", "roundtripkind");

    private DateFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("CDate", 1, 1, DateFunctions::cdate),
                FunctionDefinition.of("Now", 0, 0, args -> Instant.now(args.context().environment().clock())),
                FunctionDefinition.of("DateAdd", 3, 3, DateFunctions::dateAdd)
                        .withCheck((arguments, position) -> ArgumentChecks.validateLiteral(arguments, 0,
                                "The interval", DateFunctions::interval)),
                FunctionDefinition.of("DateDiff", 3, 3, DateFunctions::dateDiff)
                        .withCheck((arguments, position) -> ArgumentChecks.validateLiteral(arguments, 0,
                                "The interval", DateFunctions::interval)),
                FunctionDefinition.of("DateFromNum", 1, 1, args -> args.value(0) == null ? null
                        : NetDateTimes.fromFileTime(ValueConversions.requireLong(args.value(0), "DateFromNum", "value"))),
                FunctionDefinition.of("NumFromDate", 1, 1, DateFunctions::numFromDate),
                FunctionDefinition.of("FormatDateTime", 3, 4, DateFunctions::formatDateTime)
                        .withCheck(DateFunctions::checkFormatDateTime));
    }

    private static Instant requireDate(FunctionArguments args, int index, String argument) {
        Object value = args.value(index);
        if (value == null) {
            return null;
        }
        Instant instant = ValueConversions.toInstantOrNull(value);
        if (instant == null) {
            throw args.error(argument + " " + ValueConversions.describe(value) + " is not a date");
        }
        return instant;
    }

    private static Object cdate(FunctionArguments args) {
        return requireDate(args, 0, "the value");
    }

    static String interval(String text) {
        String interval = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!INTERVALS.contains(interval)) {
            throw new IllegalArgumentException("\"" + text + "\" is not one of yyyy, q, m, y, d, w, ww, h, n, s");
        }
        return interval;
    }

    private static String requireInterval(FunctionArguments args) {
        try {
            return interval(args.text(0));
        } catch (IllegalArgumentException e) {
            throw args.error("the interval " + e.getMessage());
        }
    }

    private static Object dateAdd(FunctionArguments args) {
        String interval = requireInterval(args);
        Double amount = ValueConversions.parseNumberOrNull(args.value(1));
        if (amount == null || amount.isNaN() || amount.isInfinite() || Math.abs(amount) > 1e12) {
            throw args.error("the value to add must be a number but was " + ValueConversions.describe(args.value(1)));
        }
        Instant date = requireDate(args, 2, "the date");
        if (date == null) {
            return null;
        }
        long n = amount.longValue();
        ZonedDateTime utc = date.atZone(ZoneOffset.UTC);
        try {
            ZonedDateTime result = switch (interval) {
                case "yyyy" -> utc.plusYears(n);
                case "q" -> utc.plusMonths(Math.multiplyExact(n, 3));
                case "m" -> utc.plusMonths(n);
                case "y", "d", "w" -> utc.plusDays(n);
                case "ww" -> utc.plusWeeks(n);
                case "h" -> utc.plusHours(n);
                case "n" -> utc.plusMinutes(n);
                default -> utc.plusSeconds(n);
            };
            return result.toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            throw args.error("the result is outside the supported date range");
        }
    }

    /** Visual Basic DateDiff: whole elapsed units for d/h/n/s, calendar boundaries for m/q/yyyy, Sundays for ww. */
    private static Object dateDiff(FunctionArguments args) {
        String interval = requireInterval(args);
        Instant first = requireDate(args, 1, "date1");
        Instant second = requireDate(args, 2, "date2");
        if (first == null || second == null) {
            return null;
        }
        Duration span = Duration.between(first, second);
        long seconds = span.getSeconds() < 0 && span.getNano() > 0 ? span.getSeconds() + 1 : span.getSeconds();
        ZonedDateTime a = first.atZone(ZoneOffset.UTC);
        ZonedDateTime b = second.atZone(ZoneOffset.UTC);
        return switch (interval) {
            case "yyyy" -> (long) b.getYear() - a.getYear();
            case "q" -> ((long) b.getYear() - a.getYear()) * 4 + (quarter(b) - quarter(a));
            case "m" -> ((long) b.getYear() - a.getYear()) * 12 + (b.getMonthValue() - a.getMonthValue());
            case "y", "d" -> seconds / 86_400;
            case "w" -> seconds / 86_400 / 7;
            case "ww" -> ChronoUnit.DAYS.between(startOfWeek(a.toLocalDate()), startOfWeek(b.toLocalDate())) / 7;
            case "h" -> seconds / 3_600;
            case "n" -> seconds / 60;
            default -> seconds;
        };
    }

    private static int quarter(ZonedDateTime date) {
        return (date.getMonthValue() - 1) / 3;
    }

    private static LocalDate startOfWeek(LocalDate date) {
        return date.minusDays(date.getDayOfWeek().getValue() % 7);
    }

    private static Object numFromDate(FunctionArguments args) {
        Instant date = requireDate(args, 0, "the value");
        if (date == null) {
            return null;
        }
        try {
            return NetDateTimes.toFileTime(date);
        } catch (ArithmeticException e) {
            throw args.error("the date is outside the Active Directory date range");
        }
    }

    /** FormatDateTime(source, [dateTimeStyles,] inputFormat, outputFormat). */
    private static Object formatDateTime(FunctionArguments args) {
        boolean withStyles = args.count() == 4;
        if (withStyles && !args.isOmitted(1)) {
            try {
                validateStyles(args.text(1));
            } catch (IllegalArgumentException e) {
                throw args.error(e.getMessage());
            }
        }
        Object source = args.value(0);
        String inputFormat = args.text(withStyles ? 2 : 1);
        String outputFormat = args.text(withStyles ? 3 : 2);
        if (source == null) {
            return null;
        }
        NetDateFormat input;
        NetDateFormat output;
        try {
            input = NetDateFormat.of(inputFormat);
            output = NetDateFormat.of(outputFormat);
        } catch (IllegalArgumentException e) {
            throw args.error(e.getMessage());
        }
        Instant instant = ValueConversions.single(source) instanceof String text
                ? input.parse(text, LocalDate.now(args.context().environment().clock().withZone(ZoneOffset.UTC)))
                .orElseThrow(() -> args.error("\"" + text + "\" does not match the input format \"" + inputFormat + "\""))
                : requireDate(args, 0, "the source");
        try {
            return output.format(instant);
        } catch (DateTimeException e) {
            throw args.error("the date cannot be written in the format \"" + outputFormat + "\"");
        }
    }

    private static void checkFormatDateTime(List<ExpressionNode> arguments,
                                            int position) {
        boolean withStyles = arguments.size() == 4;
        if (withStyles) {
            ArgumentChecks.validateLiteral(arguments, 1, "The dateTimeStyles value", DateFunctions::validateStyles);
        }
        int inputIndex = withStyles ? 2 : 1;
        if (arguments.get(inputIndex) instanceof EmptyArgument
                || arguments.get(inputIndex + 1) instanceof EmptyArgument) {
            throw new ExpressionParseException("FormatDateTime needs an input format and an output format", position);
        }
        ArgumentChecks.validateLiteral(arguments, inputIndex, "The input format", NetDateFormat::of);
        ArgumentChecks.validateLiteral(arguments, inputIndex + 1, "The output format", NetDateFormat::of);
    }

    static void validateStyles(String styles) {
        if (styles == null || styles.isBlank()) {
            return;
        }
        for (String part : styles.split("[,|]")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.startsWith("datetimestyles.")) {
                name = name.substring("datetimestyles.".length());
            }
            if (!DATE_TIME_STYLES.contains(name)) {
                throw new IllegalArgumentException("\"" + part.trim() + "\" is not a DateTimeStyles value");
            }
        }
    }
}
