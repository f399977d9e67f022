package io.integrationmonitor.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shortest interval the estate sustains at the concurrency: bisection ({@link IntervalSearch}) between the
 * saturated cycle time and twice it, a fresh monitor per trial ({@link SchedulePhase}, one window).
 */
final class SearchPhase {
    record Result(double saturatedCycleSeconds, IntervalSearch start, IntervalSearch end, List<SchedulePhase.Run> trials) {
    }

    private final BenchSettings settings;

    SearchPhase(BenchSettings settings) {
        this.settings = settings;
    }

    Result run(int accounts, int concurrency, double saturatedCycleSeconds) throws IOException, InterruptedException {
        if (Double.isNaN(saturatedCycleSeconds)) {
            throw new IllegalStateException("the search starts from the saturated cycle time: run the saturated phase first");
        }
        IntervalSearch start = IntervalSearch.between(saturatedCycleSeconds);
        IntervalSearch search = start;
        List<SchedulePhase.Run> trials = new ArrayList<>();
        for (int step = 1; step <= settings.searchSteps() && !search.done(); step++) {
            long interval = search.next();
            SchedulePhase.Run trial = new SchedulePhase(settings).run("search-" + interval + "s", accounts, concurrency,
                    Duration.ofSeconds(interval), 1, settings.searchIntervals());
            trials.add(trial);
            search = search.after(interval, trial.sustained());
            Bench.log("search: trial %d: %s; now between %d s (fails) and %d s (sustains%s)", step,
                    SchedulePhase.describe(trial), search.failingSeconds(), search.sustainingSeconds(),
                    search.sustainingTested() ? "" : ", assumed");
        }
        return new Result(saturatedCycleSeconds, start, search, trials);
    }
}
