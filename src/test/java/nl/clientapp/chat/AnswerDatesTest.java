package nl.clientapp.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import nl.clientapp.common.DutchTime;

/** The expected answer date: 5 working days, without weekends and Dutch public holidays, in Europe/Amsterdam. */
class AnswerDatesTest {

    @Test
    void question_on_an_ordinary_monday_expects_its_answer_the_next_monday() {
        assertEquals(LocalDate.of(2026, 3, 16), expected(2026, 3, 9, 10, 0));
    }

    @Test
    void question_on_friday_evening_or_saturday_expects_its_answer_the_next_friday() {
        assertEquals(LocalDate.of(2026, 3, 20), expected(2026, 3, 13, 21, 30));
        assertEquals(LocalDate.of(2026, 3, 20), expected(2026, 3, 14, 9, 0));
        assertEquals(LocalDate.of(2026, 3, 20), expected(2026, 3, 15, 23, 59));
    }

    @Test
    void day_of_asking_is_the_dutch_date_not_the_utc_date() {
        // Thursday 23:30 UTC is Friday 01:30 in Amsterdam (summer time).
        Instant lateThursdayUtc = Instant.parse("2026-06-11T23:30:00Z");

        assertEquals(LocalDate.of(2026, 6, 19), AnswerDates.expectedAnswerDate(lateThursdayUtc));
    }

    @Test
    void kings_day_on_27_april_is_no_working_day() {
        // Monday 27 April 2026 is Koningsdag.
        assertFalse(AnswerDates.isWorkingDay(LocalDate.of(2026, 4, 27)));

        assertEquals(LocalDate.of(2026, 4, 29), expected(2026, 4, 21, 12, 0));
    }

    @Test
    void kings_day_moves_to_saturday_26_april_when_the_27th_is_a_sunday() {
        // 27 April 2025 is a Sunday: Koningsdag is Saturday 26 April, and Monday the 28th is a working day.
        assertTrue(AnswerDates.isWorkingDay(LocalDate.of(2025, 4, 28)));

        // Tuesday 22 April 2025: 23, 24, 25, 28 and 29 April.
        assertEquals(LocalDate.of(2025, 4, 29), expected(2025, 4, 22, 12, 0));
        // 27 April 2031 is a Sunday too: Friday 25 April + 5 working days is Friday 2 May, no day skipped.
        assertEquals(LocalDate.of(2031, 5, 2), expected(2031, 4, 25, 12, 0));
    }

    @Test
    void easter_monday_is_skipped_but_good_friday_counts() {
        // Easter 2026 is 5 April: Good Friday 3 April is a working day, Easter Monday 6 April is not.
        assertTrue(AnswerDates.isWorkingDay(LocalDate.of(2026, 4, 3)));
        assertFalse(AnswerDates.isWorkingDay(LocalDate.of(2026, 4, 6)));

        // Wednesday 1 April 2026: 2, 3, 7, 8 and 9 April.
        assertEquals(LocalDate.of(2026, 4, 9), expected(2026, 4, 1, 9, 0));
    }

    @Test
    void christmas_boxing_day_and_new_year_are_skipped() {
        // Tuesday 22 December 2026: 23, 24, 28, 29, 30 December; 25 and 26 fall on Friday and Saturday.
        assertEquals(LocalDate.of(2026, 12, 30), expected(2026, 12, 22, 9, 0));
        // Monday 28 December 2026: 29, 30, 31 December, then 1 January (Friday) is skipped: 4 and 5 January.
        assertEquals(LocalDate.of(2027, 1, 5), expected(2026, 12, 28, 9, 0));
        // Thursday 21 December 2028: Christmas and Boxing Day are Monday and Tuesday, New Year a Monday.
        assertEquals(LocalDate.of(2029, 1, 2), expected(2028, 12, 21, 9, 0));
    }

    private static LocalDate expected(int year, int month, int day, int hour, int minute) {
        return AnswerDates.expectedAnswerDate(LocalDateTime.of(year, month, day, hour, minute).atZone(DutchTime.ZONE).toInstant());
    }
}
