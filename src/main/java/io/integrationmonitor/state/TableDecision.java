package io.integrationmonitor.state;

import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.events.TableIngestions;

import java.util.List;
import java.util.Objects;

/**
 * What one table event comes to ({@link TableIngestionDecider}): the outcome, how the table's failure changed,
 * the state to write (null: nothing) and the history events to append.
 *
 * @param previous the table's state before, null when it had none
 */
public record TableDecision(TableIngestions.Outcome outcome, Change change, TableState previous, TableState newState,
                            List<ResourceEvent> events) {

    /** How the table's failure changed; only {@link #RAISED} and {@link #RESOLVED} notify. */
    public enum Change {
        /** A table that was not failing now is. */
        RAISED,
        /** A failing table failed again: its code and message are updated, no second notice. */
        UPDATED,
        /** A failing table completed. */
        RESOLVED,
        NONE
    }

    public TableDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(change, "change");
        events = List.copyOf(events);
    }

    static TableDecision of(TableIngestions.Outcome outcome, TableState previous) {
        return new TableDecision(outcome, Change.NONE, previous, null, List.of());
    }
}
