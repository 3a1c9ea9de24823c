package fi.matala.demo;

import fi.matala.chat.queue.OpeningHours;
import fi.matala.chat.queue.QueueDefinition;
import java.util.List;
import org.bson.Document;

/** The topics a first installation starts with; names in Finnish, Swedish and English. */
final class StandardQueues {
  private StandardQueues() {}

  static final List<QueueDefinition> ALL = List.of(
      queue("substance-use", 1,
          "Päihteet ja riippuvuudet", "Missbruk och beroenden", "Substance use and addiction",
          "Alkoholi, huumeet, lääkkeet, rahapelit – omasta tai läheisen käytöstä.",
          "Alkohol, droger, läkemedel, spel – om ditt eget eller en närståendes bruk.",
          "Alcohol, drugs, medicines, gambling – your own use or someone close to you."),
      queue("mental-health", 2,
          "Mielenterveys", "Psykisk hälsa", "Mental health",
          "Ahdistus, masennus, uupumus, kriisit.",
          "Ångest, depression, utmattning, kriser.",
          "Anxiety, depression, exhaustion, crises."),
      queue("families", 0,
          "Lapsiperheet", "Barnfamiljer", "Families with children",
          "Vanhemmuus, perheen arki, lapsen tai nuoren huoli.",
          "Föräldraskap, familjens vardag, oro för barn eller unga.",
          "Parenting, family life, worries about a child or young person."),
      queue("adult-social-work", 0,
          "Aikuissosiaalityö", "Socialt arbete för vuxna", "Adult social work",
          "Toimeentulo, asuminen, arjen vaikeudet.",
          "Försörjning, boende, svårigheter i vardagen.",
          "Income, housing, difficulties in everyday life."));

  private static QueueDefinition queue(String id, int priority, String fi, String sv, String en,
      String dfi, String dsv, String den) {
    return new QueueDefinition(id,
        new Document("fi", fi).append("sv", sv).append("en", en),
        new Document("fi", dfi).append("sv", dsv).append("en", den),
        priority, OpeningHours.ALWAYS);
  }
}
