package io.scimitar.provisioner.rules.dotnet;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** .NET custom and standard date format strings, parsed and printed as .NET does. */
class NetDateFormatTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 6, 15);

    private static Instant parse(String format, String text) {
        return NetDateFormat.of(format).parse(text, TODAY).orElse(null);
    }

    @Test
    void parsesAdjacentNumericFieldsAndLiterals() {
        assertThat(parse("yyyyMMddHHmmss.fZ", "20150123105347.1Z")).isEqualTo(Instant.parse("2015-01-23T10:53:47.1Z"));
    }

    @Test
    void parsesOneOrTwoDigitFieldsBeforeSeparators() {
        assertThat(parse("M/d/yyyy hh:mm:ss tt", "1/2/2020 3:04:05 pm")).isEqualTo(Instant.parse("2020-01-02T15:04:05Z"));
        assertThat(parse("M/d/yyyy h:mm tt", "12/31/2020 12:00 AM")).isEqualTo(Instant.parse("2020-12-31T00:00:00Z"));
    }

    @Test
    void readsTwelveHourClockWithoutDesignatorAsMorning() {
        assertThat(parse("h:mm", "3:15")).isEqualTo(Instant.parse("2024-06-15T03:15:00Z"));
        assertThat(parse("hh:mm", "12:15")).isEqualTo(Instant.parse("2024-06-15T00:15:00Z"));
        assertThat(parse("hh:mm tt", "12:15 PM")).isEqualTo(Instant.parse("2024-06-15T12:15:00Z"));
    }

    @Test
    void convertsOffsetsToUtc() {
        assertThat(parse("yyyy-MM-ddzzz", "2020-12-31-08:00")).isEqualTo(Instant.parse("2020-12-31T08:00:00Z"));
        assertThat(NetDateFormat.of("zzz").format(Instant.EPOCH)).isEqualTo("+00:00");
        assertThat(NetDateFormat.of("zz").format(Instant.EPOCH)).isEqualTo("+00");
    }

    @Test
    void twoDigitYearsFallBetween1950And2049() {
        assertThat(parse("yy-MM-dd", "49-01-01")).isEqualTo(Instant.parse("2049-01-01T00:00:00Z"));
        assertThat(parse("yy-MM-dd", "50-01-01")).isEqualTo(Instant.parse("1950-01-01T00:00:00Z"));
    }

    @Test
    void missingDateDefaultsToTodayAndMissingYearToThisYear() {
        assertThat(parse("HH:mm", "07:30")).isEqualTo(Instant.parse("2024-06-15T07:30:00Z"));
        assertThat(parse("MM-dd", "02-03")).isEqualTo(Instant.parse("2024-02-03T00:00:00Z"));
    }

    @Test
    void rejectsTextThatDoesNotFitOrAWrongWeekday() {
        assertThat(parse("yyyy-MM-dd", "2024/01/01")).isNull();
        assertThat(parse("dddd yyyy-MM-dd", "Monday 2024-02-29")).isNull();
        assertThat(parse("dddd yyyy-MM-dd", "Thursday 2024-02-29")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void formatsStandardAndEscapedFormats() {
        Instant instant = Instant.parse("2024-03-01T08:09:10.1234567Z");
        assertThat(NetDateFormat.of("o").format(instant)).isEqualTo("2024-03-01T08:09:10.1234567Z");
        assertThat(NetDateFormat.of("u").format(instant)).isEqualTo("2024-03-01 08:09:10Z");
        assertThat(NetDateFormat.of("\\d\\a\\y d").format(instant)).isEqualTo("day 1");
        assertThat(NetDateFormat.of("%d").format(instant)).isEqualTo("1");
    }

    @Test
    void dropsTheDecimalPointWithAZeroOptionalFraction() {
        assertThat(NetDateFormat.of("HH:mm:ss.FFF").format(Instant.parse("2024-03-01T08:09:10Z"))).isEqualTo("08:09:10");
        assertThat(NetDateFormat.of("HH:mm:ss.FFF").format(Instant.parse("2024-03-01T08:09:10.25Z")))
                .isEqualTo("08:09:10.25");
        assertThat(NetDateFormat.of("HH:mm:ss.fff").format(Instant.parse("2024-03-01T08:09:10Z")))
                .isEqualTo("08:09:10.000");
        assertThat(parse("HH:mm:ss.FFF", "08:09:10")).isEqualTo(Instant.parse("2024-06-15T08:09:10Z"));
    }

    @Test
    void rejectsUnknownStandardFormatsAndUnterminatedQuotes() {
        assertThatThrownBy(() -> NetDateFormat.of("Q")).hasMessageContaining("not a .NET standard date format");
        assertThatThrownBy(() -> NetDateFormat.of("yyyy 'at")).hasMessageContaining("unterminated");
    }
}
