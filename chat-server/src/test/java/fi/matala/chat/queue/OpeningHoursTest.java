package fi.matala.chat.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
  static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
  static final OpeningHours OFFICE = new OpeningHours(HELSINKI, List.of(new OpeningHours.Range(
      Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
      LocalTime.of(8, 0), LocalTime.of(16, 0))));

  static boolean openAt(int year, int month, int day, int hour, int minute) {
    return OFFICE.isOpen(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, HELSINKI).toInstant());
  }

  @Test
  void officeHoursInHelsinkiTime() {
    assertTrue(openAt(2026, 11, 25, 8, 0), "Wednesday 08:00");
    assertTrue(openAt(2026, 11, 25, 15, 59), "Wednesday 15:59");
    assertFalse(openAt(2026, 11, 25, 16, 0), "closes at 16:00");
    assertFalse(openAt(2026, 11, 25, 7, 59));
    assertFalse(openAt(2026, 11, 28, 12, 0), "Saturday");
    assertTrue(openAt(2026, 3, 30, 8, 30), "the Monday after the switch to summer time");
    assertTrue(OpeningHours.ALWAYS.isOpen(java.time.Instant.now()));
  }

  @Test
  void storedAndReadBack() {
    OpeningHours back = OpeningHours.fromDocument(OFFICE.toDocument());
    assertTrue(back.isOpen(ZonedDateTime.of(2026, 11, 26, 9, 0, 0, 0, HELSINKI).toInstant()));
    assertFalse(back.isOpen(ZonedDateTime.of(2026, 11, 29, 9, 0, 0, 0, HELSINKI).toInstant()));
  }
}
