package nl.clientapp.chat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import nl.clientapp.common.DutchTime;

/**
 * The date by which the care team is expected to answer a question: the terms of use promise an
 * answer "binnen 5 werkdagen". Working days are Monday to Friday except Dutch public holidays, as
 * the maintained Jollyday calendar lists them (Koningsdag on 26 April when the 27th is a Sunday,
 * Easter Monday, Christmas and Boxing Day, New Year and the others). Observances such as Good Friday
 * are working days. The day of asking counts as day 0 whatever the hour, in Europe/Amsterdam, so a
 * question of Friday evening and one of Saturday both expect their answer on the fifth working day
 * after, counted from the next working day.
 */
final class AnswerDates {

    /** Working days the care team has to answer, per the terms of use. */
    static final int WORKING_DAYS = 5;

    private static final HolidayManager HOLIDAYS = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.NETHERLANDS));

    private AnswerDates() {
    }

    /** Returns the expected answer date of a question asked at {@code askedAt}. */
    static LocalDate expectedAnswerDate(Instant askedAt) {
        LocalDate day = askedAt.atZone(DutchTime.ZONE).toLocalDate();
        int counted = 0;
        while (counted < WORKING_DAYS) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    static boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !HOLIDAYS.isHoliday(day, HolidayType.PUBLIC_HOLIDAY);
    }
}
