package io.integrationmonitor.simulator;

import io.integrationmonitor.ratelimit.TokenBucket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Injected misbehaviour, scoped by operation and optionally account ({@code null} = any). Rules are
 * checked in the order they were added; the first one with calls left applies. Each service renders a
 * fault in its own protocol (Glue throttling is a 400 ThrottlingException, AppIntegrations a 429, ...).
 */
public final class Faults {

    /** What a faulted call returns instead of its answer. */
    public enum Kind {
        /** The service's throttling error. */
        THROTTLE,
        /** A 500 internal error. */
        FAIL,
        /** A 200 whose body is cut off mid-document. */
        MALFORMED,
        /** A given AWS error code and HTTP status, e.g. 400 AccessDeniedException. */
        ERROR,
        /** A listing's {@code 200 {}}: no list member at all. */
        EMPTY_OBJECT,
        /** A listing's list member as JSON {@code null}. */
        NULL_LIST,
        /** A listing's empty page with a fresh pagination token, every time: the listing never ends. */
        ENDLESS_PAGES,
        /** A listing's well-formed page of at least a given number of bytes, streamed. */
        OVERSIZED
    }

    /** The error an {@link Kind#ERROR} fault returns. */
    record InjectedError(int status, String code, String message) {
    }

    /** @param bytes the size of an {@link Kind#OVERSIZED} page */
    record Decision(Kind kind, long latencyMillis, InjectedError error, long bytes) {
        static final Decision NONE = new Decision(null, 0, null, 0);
    }

    private record Rule(Kind kind, Operation operation, String account, AtomicInteger remaining,
                        InjectedError error, long bytes) {
        Rule(Kind kind, Operation operation, String account, AtomicInteger remaining) {
            this(kind, operation, account, remaining, null, 0);
        }

        boolean matches(Operation op, String acct) {
            return (operation == null || operation == op) && (account == null || account.equals(acct));
        }

        /** Takes one use; a negative count means "until cleared". */
        boolean consume() {
            while (true) {
                int left = remaining.get();
                if (left < 0) {
                    return true;
                }
                if (left == 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }

    private record Latency(Operation operation, String account, long millis) {
        boolean matches(Operation op, String acct) {
            return (operation == null || operation == op) && (account == null || account.equals(acct));
        }
    }

    private record RandomThrottle(double probability, java.util.Random random) {
        boolean hit() {
            synchronized (random) {
                return random.nextDouble() < probability;
            }
        }
    }

    /** Errors for one named resource (e.g. one data integration), until cleared; checked before the rules. */
    private record ResourceError(Operation operation, String resource, InjectedError error) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<ResourceError> resourceErrors = new CopyOnWriteArrayList<>();
    private final List<Latency> latencies = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, TokenBucket> rateLimits = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile RandomThrottle randomThrottle;

    public Faults() {
        this(System::nanoTime);
    }

    Faults(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public void throttleNext(Operation operation, int calls) {
        add(Kind.THROTTLE, operation, null, calls);
    }

    public void throttleNext(Operation operation, String account, int calls) {
        add(Kind.THROTTLE, operation, account, calls);
    }

    public void failNext(Operation operation, int calls) {
        add(Kind.FAIL, operation, null, calls);
    }

    public void failNext(Operation operation, String account, int calls) {
        add(Kind.FAIL, operation, account, calls);
    }

    /** Every matching call fails with a 500 until {@link #clear()}. */
    public void failAlways(Operation operation, String account) {
        rules.add(new Rule(Kind.FAIL, operation, account, new AtomicInteger(-1)));
    }

    /** Every matching call is throttled until {@link #clear()}. */
    public void throttleAlways(Operation operation, String account) {
        rules.add(new Rule(Kind.THROTTLE, operation, account, new AtomicInteger(-1)));
    }

    /** The next matching calls fail with this AWS error code and HTTP status (the protocol decides the body). */
    public void errorNext(Operation operation, String account, int calls, int httpStatus, String errorCode,
                          String message) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1");
        }
        rules.add(new Rule(Kind.ERROR, operation, account, new AtomicInteger(calls),
                new InjectedError(httpStatus, errorCode, message), 0));
    }

    /**
     * Every call of {@code operation} that names {@code resource} in its path (ListDataIntegrationAssociations:
     * the data integration's identifier; RDS DescribeIntegrations: the integration its Marker continues after) fails with this error until {@link #clearResource} or {@link #clear()}.
     */
    public void errorFor(Operation operation, String resource, int httpStatus, String errorCode, String message) {
        resourceErrors.add(new ResourceError(Objects.requireNonNull(operation), Objects.requireNonNull(resource),
                new InjectedError(httpStatus, errorCode, message)));
    }

    /** Removes the {@link #errorFor} errors of a resource. */
    public void clearResource(String resource) {
        resourceErrors.removeIf(e -> e.resource().equals(resource));
    }

    /** The next matching calls of a listing answer {@code 200 {}}, as if the list member were absent. */
    public void emptyObjectNext(Operation listing, String account, int calls) {
        Listing.of(listing);
        add(Kind.EMPTY_OBJECT, listing, account, calls);
    }

    /** The next matching calls of a listing answer with its list member {@code null}. */
    public void nullListNext(Operation listing, String account, int calls) {
        Listing.of(listing);
        add(Kind.NULL_LIST, listing, account, calls);
    }

    /** Until {@link #clear()}, every call of a listing answers an empty page with a fresh token. */
    public void endlessPages(Operation listing, String account) {
        Listing.of(listing);
        rules.add(new Rule(Kind.ENDLESS_PAGES, listing, account, new AtomicInteger(-1)));
    }

    /** The next matching calls of a listing answer a well-formed page of at least {@code bytes} bytes. */
    public void oversizedNext(Operation listing, String account, int calls, long bytes) {
        Listing.of(listing);
        if (calls < 1 || bytes < 1) {
            throw new IllegalArgumentException("calls and bytes must be at least 1");
        }
        rules.add(new Rule(Kind.OVERSIZED, listing, account, new AtomicInteger(calls), null, bytes));
    }

    public void malformedNext(Operation operation, int calls) {
        add(Kind.MALFORMED, operation, null, calls);
    }

    /** Adds latency to every call. Matching latencies add up (global + per operation + per account). */
    public void addLatency(Duration latency) {
        addLatency(null, null, latency);
    }

    public void addLatency(Operation operation, String account, Duration latency) {
        latencies.add(new Latency(operation, account, latency.toMillis()));
    }

    /** Throttles an account beyond {@code ratePerSecond} calls with bursts of {@code burst}, like AWS does. */
    public void rateLimit(String account, double ratePerSecond, int burst) {
        rateLimits.put(Objects.requireNonNull(account), new TokenBucket(ratePerSecond, burst, nanoClock.getAsLong()));
    }

    /**
     * Throttles each call with this probability (0 to 1), drawn from a generator seeded with {@code seed}:
     * the benchmarks' "20% of calls throttled". Applies after the scripted rules, to every operation.
     */
    public void throttleRandomly(double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1");
        }
        randomThrottle = new RandomThrottle(probability, new java.util.Random(seed));
    }

    public void clear() {
        rules.clear();
        resourceErrors.clear();
        latencies.clear();
        rateLimits.clear();
        randomThrottle = null;
    }

    Decision decide(Operation operation, String account) {
        return decide(operation, account, null);
    }

    Decision decide(Operation operation, String account, String resource) {
        long latency = 0;
        for (Latency l : latencies) {
            if (l.matches(operation, account)) {
                latency += l.millis;
            }
        }
        Kind kind = null;
        InjectedError error = null;
        long bytes = 0;
        for (ResourceError e : resourceErrors) {
            if (resource != null && e.operation() == operation && e.resource().equals(resource)) {
                return new Decision(Kind.ERROR, latency, e.error(), 0);
            }
        }
        for (Rule rule : rules) {
            if (rule.matches(operation, account) && rule.consume()) {
                kind = rule.kind;
                error = rule.error;
                bytes = rule.bytes;
                break;
            }
        }
        rules.removeIf(r -> r.remaining.get() == 0);
        RandomThrottle chance = randomThrottle;
        if (kind == null && chance != null && chance.hit()) {
            kind = Kind.THROTTLE;
        }
        if (kind == null) {
            TokenBucket bucket = rateLimits.get(account);
            if (bucket != null && !bucket.tryAcquire(nanoClock.getAsLong())) {
                kind = Kind.THROTTLE;
            }
        }
        return kind == null && latency == 0 ? Decision.NONE : new Decision(kind, latency, error, bytes);
    }

    private void add(Kind kind, Operation operation, String account, int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1");
        }
        rules.add(new Rule(kind, operation, account, new AtomicInteger(calls)));
    }
}
