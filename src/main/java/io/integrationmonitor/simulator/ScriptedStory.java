package io.integrationmonitor.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** A timeline of changes to the estate: each step runs at its offset from the start, divided by the speed. */
public final class ScriptedStory {

    /** One change, {@code at} after the story starts. */
    public record Step(Duration at, String description, Consumer<Estate> action) {
        public Step {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(action, "action");
        }
    }

    private final List<Step> steps;

    public ScriptedStory(List<Step> steps) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(Step::at));
        this.steps = List.copyOf(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Step> steps() {
        return steps;
    }

    /** When the last step runs, at speed 1. */
    public Duration length() {
        return steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).at();
    }

    /**
     * Starts playing on a background thread.
     *
     * @param speed 1 = real time, 10 = ten times faster
     * @param onStep told about each step as it runs (e.g. to print it); may be a no-op
     */
    public StoryPlayback play(Estate estate, double speed, Consumer<Step> onStep) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive");
        }
        return new StoryPlayback(steps, estate, speed, onStep);
    }

    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        public Builder at(Duration at, String description, Consumer<Estate> action) {
            steps.add(new Step(at, description, action));
            return this;
        }

        public ScriptedStory build() {
            return new ScriptedStory(steps);
        }
    }
}
