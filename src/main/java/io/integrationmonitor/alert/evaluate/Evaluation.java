package io.integrationmonitor.alert.evaluate;

import java.util.List;

/**
 * What one evaluation of a target decided, for the edge to persist in the same transaction.
 *
 * @param saved         alert states to insert or update
 * @param deleted       keys of alert states to delete (resolved, or pending and no longer seen)
 * @param notifications to enqueue, in this order
 * @param silencedFor   a receiver name per alert newly silenced for it (an alert routed to two counts twice)
 */
public record Evaluation(List<AlertState> saved, List<String> deleted, List<Notification> notifications,
                  List<String> silencedFor) {
    public static final Evaluation NONE = new Evaluation(List.of(), List.of(), List.of(), List.of());

    public Evaluation {
        saved = List.copyOf(saved);
        deleted = List.copyOf(deleted);
        notifications = List.copyOf(notifications);
        silencedFor = List.copyOf(silencedFor);
    }
}
