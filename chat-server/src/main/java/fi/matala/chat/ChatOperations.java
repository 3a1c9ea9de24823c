package fi.matala.chat;

import fi.matala.audit.AuditLog;
import fi.matala.chat.assignment.StaffAssignments;
import fi.matala.chat.citizen.CitizenChats;
import fi.matala.chat.conversation.ConversationRepository;
import fi.matala.chat.delivery.MessageDelivery;
import fi.matala.chat.delivery.MessageLog;
import fi.matala.chat.keys.KeyPackageStore;
import fi.matala.chat.presence.PresenceRepository;
import fi.matala.chat.queue.QueueFigures;

/**
 * The chat's operations, independent of any connection, by capability (citizens, staff
 * assignments, message delivery), with the stores a connection reads directly. Built once by
 * {@link fi.matala.Platform}; thread-safe.
 */
public record ChatOperations(
    CitizenChats citizens,
    StaffAssignments assignments,
    MessageDelivery delivery,
    ConversationRepository conversations,
    MessageLog log,
    KeyPackageStore keyPackages,
    PresenceRepository presence,
    QueueFigures figures,
    AuditLog audit) {}
