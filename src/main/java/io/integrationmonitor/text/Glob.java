package io.integrationmonitor.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * A compiled name glob: {@code *} any run of characters (also none), {@code ?} exactly one character (a code
 * point), everything else literal; the whole text must match, case-sensitively. There is no escape: a glob
 * cannot match a literal {@code *} or {@code ?} other than through a wildcard.
 *
 * <p>Matching is the greedy two-pointer algorithm that, on a mismatch, backtracks only to the last star: at
 * most about {@code len(glob) × len(text)} steps and no regex, so no glob (e.g. a silence of 200 stars, or
 * {@code *a*a*a*b} against {@code aaaa…}) can make it backtrack exponentially. Immutable and thread-safe.
 */
public final class Glob {
    private static final int STAR = -1;
    private static final int ANY = -2;

    private final String source;
    private final int[] pattern;

    private Glob(String source, int[] pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** Compiles once; runs of stars collapse into one (same language, fewer steps). */
    public static Glob of(String glob) {
        Objects.requireNonNull(glob, "glob");
        int[] cps = glob.codePoints().toArray();
        int[] pattern = new int[cps.length];
        int n = 0;
        for (int cp : cps) {
            int p = cp == '*' ? STAR : cp == '?' ? ANY : cp;
            if (p == STAR && n > 0 && pattern[n - 1] == STAR) {
                continue;
            }
            pattern[n++] = p;
        }
        return new Glob(glob, Arrays.copyOf(pattern, n));
    }

    public boolean matches(String text) {
        return run(text).matched();
    }

    /** The glob as written. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Whether it matched, and the loop iterations it took (for tests bounding the work). */
    record Result(boolean matched, long steps) {
    }

    Result run(String text) {
        int[] s = text.codePoints().toArray();
        int[] g = pattern;
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        long steps = 0;
        while (t < s.length) {
            steps++;
            if (p < g.length && (g[p] == ANY || g[p] == s[t])) {
                p++;
                t++;
            } else if (p < g.length && g[p] == STAR) {
                // Let the star match nothing for now; remember where to resume if the rest fails.
                star = p++;
                mark = t;
            } else if (star >= 0) {
                // Let the last star swallow one more character and retry what follows it.
                p = star + 1;
                t = ++mark;
            } else {
                return new Result(false, steps);
            }
        }
        while (p < g.length && g[p] == STAR) {
            steps++;
            p++;
        }
        return new Result(p == g.length, steps);
    }
}
