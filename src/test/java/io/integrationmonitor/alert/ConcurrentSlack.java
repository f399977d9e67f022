package io.integrationmonitor.alert;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Slack webhook serving requests in parallel, for several replicas sending at once. Each request
 * is recorded when it arrives (the body reached "Slack" even if the answer never gets back), then answered
 * as the {@link Answer} for its arrival number says: a status after a delay, or never until
 * {@link #releaseHung()}. Tracks how many requests per path were in flight at once.
 */
final class ConcurrentSlack implements AutoCloseable {
    private static final Pattern KEY = Pattern.compile("notification ([0-9a-f-]{36})");
    private static final Pattern TITLE = Pattern.compile("\\[(FIRING|RESOLVED)] (\\S+) ");

    /** {@code status} 0: hang until released, then answer 200. */
    record Answer(int status, Duration delay) {
        static Answer ok() {
            return new Answer(200, Duration.ZERO);
        }

        static Answer hang() {
            return new Answer(0, Duration.ZERO);
        }
    }

    /** {@code status} is the answer chosen on arrival (0: hung). */
    record Received(String path, String body, int status) {
        boolean accepted() {
            return status == 0 || status / 100 == 2;
        }

        String key() {
            Matcher m = KEY.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no notification key in " + body);
            }
            return m.group(1);
        }

        /** e.g. {@code [a, FIRING]}. */
        List<String> resourceAndState() {
            Matcher m = TITLE.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no title in " + body);
            }
            return List.of(m.group(2), m.group(1));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch hung = new CountDownLatch(1);
    private volatile IntFunction<Answer> answers = n -> Answer.ok();

    ConcurrentSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            AtomicInteger current = inFlight.computeIfAbsent(path, p -> new AtomicInteger());
            int now = current.incrementAndGet();
            // The send is over once the answer is decided: a client that reads it may start its next send at
            // once, before this thread gets past writing the reply, so it is counted out before the reply.
            AtomicBoolean inFlightNow = new AtomicBoolean(true);
            Runnable countOut = () -> {
                if (inFlightNow.getAndSet(false)) {
                    current.decrementAndGet();
                }
            };
            maxInFlight.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Answer answer = answers.apply(arrivals.getAndIncrement());
                received.add(new Received(path, body, answer.status()));
                int status = answer.status();
                if (status == 0) {
                    hung.countDown();
                    release.await();
                    status = 200;
                } else if (!answer.delay().isZero()) {
                    Thread.sleep(answer.delay().toMillis()); // a slow Slack: widens the race windows
                }
                byte[] reply = (status / 100 == 2 ? "ok" : "error").getBytes(StandardCharsets.UTF_8);
                countOut.run();
                exchange.sendResponseHeaders(status, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                countOut.run();
            }
        });
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void answer(IntFunction<Answer> answers) {
        this.answers = answers;
    }

    boolean awaitHung(Duration timeout) throws InterruptedException {
        return hung.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void releaseHung() {
        release.countDown();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> accepted(String path) {
        return received.stream().filter(r -> r.path().equals(path) && r.accepted()).toList();
    }

    long rejected() {
        return received.stream().filter(r -> !r.accepted()).count();
    }

    /** The most requests to {@code path} that were being answered at the same time. */
    int maxInFlight(String path) {
        AtomicInteger max = maxInFlight.get(path);
        return max == null ? 0 : max.get();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
