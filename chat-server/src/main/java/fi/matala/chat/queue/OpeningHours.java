package fi.matala.chat.queue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * When a queue takes chats: weekly ranges in a time zone, or always. Stored with the queue as
 * {"tz":"Europe/Helsinki","ranges":[{"days":[1,2,3,4,5],"from":"08:00","to":"16:00"}]} (ISO day numbers).
 */
public record OpeningHours(ZoneId zone, List<Range> ranges) {
  public static final OpeningHours ALWAYS = new OpeningHours(ZoneId.of("Europe/Helsinki"), List.of());

  public record Range(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    boolean contains(ZonedDateTime t) {
      LocalTime time = t.toLocalTime();
      return days.contains(t.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
  }

  public boolean always() {
    return ranges.isEmpty();
  }

  public boolean isOpen(Instant now) {
    ZonedDateTime t = now.atZone(zone);
    return always() || ranges.stream().anyMatch(r -> r.contains(t));
  }

  public Document toDocument() {
    return new Document("tz", zone.getId()).append("ranges", ranges.stream().map(r -> new Document("days",
        r.days().stream().map(DayOfWeek::getValue).sorted().toList())
        .append("from", r.from().toString()).append("to", r.to().toString())).toList());
  }

  public static OpeningHours fromDocument(Document d) {
    if (d == null) {
      return ALWAYS;
    }
    List<Range> ranges = d.getList("ranges", Document.class, List.of()).stream().map(r -> new Range(
        Set.copyOf(r.getList("days", Integer.class).stream().map(DayOfWeek::of).toList()),
        LocalTime.parse(r.getString("from")), LocalTime.parse(r.getString("to")))).toList();
    return new OpeningHours(ZoneId.of(d.getString("tz")), ranges);
  }
}
