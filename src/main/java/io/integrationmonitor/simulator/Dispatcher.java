package io.integrationmonitor.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request on the one port to its service by what the wire protocol puts on it: an
 * {@code X-Amz-Target} header (Glue, awsJson1_1; SQS, awsJson1_0 with {@code AmazonSQS.}), a {@code /dataIntegrations} path (AppIntegrations, restJson),
 * or a form {@code Action} (SNS, STS, RDS, Redshift and CloudWatch, awsQuery; RDS, Redshift and CloudWatch told apart by their {@code Version} or SigV4 scope). Counts the call, then applies any injected fault.
 */
final class Dispatcher implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private record Route(ServiceApi api, Operation operation, Map<String, String> params) {
    }

    private final GlueApi glue;
    private final AppIntegrationsApi appIntegrations;
    private final SnsApi sns;
    private final StsApi sts;
    private final RdsApi rds;
    private final AdminApi admin;
    private final RedshiftApi redshift;
    private final SqsApi sqs;
    private final CloudWatchApi cloudWatch;
    private final Identities identities;
    private final Faults faults;
    private final CallCounters counters;
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong endlessPages = new AtomicLong();

    Dispatcher(GlueApi glue, AppIntegrationsApi appIntegrations, SnsApi sns, StsApi sts, RdsApi rds,
               RedshiftApi redshift, SqsApi sqs, CloudWatchApi cloudWatch, AdminApi admin, Identities identities,
               Faults faults, CallCounters counters) {
        this.sqs = sqs;
        this.cloudWatch = cloudWatch;
        this.rds = rds;
        this.glue = glue;
        this.appIntegrations = appIntegrations;
        this.sns = sns;
        this.sts = sts;
        this.admin = admin;
        this.identities = identities;
        this.faults = faults;
        this.counters = counters;
        this.redshift = redshift;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            byte[] body = Http.readBody(exchange);
            if (rawPath.startsWith(AdminApi.ROOT)) {
                Http.send(exchange, admin.handle(method, rawPath, exchange.getRequestURI().getRawQuery(), body), requestId);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            RequestContext context = RequestContext.of(authorization, identities);
            Route route = route(exchange, method, rawPath, body, authorization);
            if (route == null) {
                Http.send(exchange, SimResponse.of(404, "application/json",
                        "{\"message\":\"The AWS simulator serves no such route\"}"), requestId);
                return;
            }
            SimRequest request = new SimRequest(method, rawPath, route.params(), body, context, requestId);
            Http.send(exchange, serve(route, request), requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException e) {
            // the client went away before its answer was written (e.g. a long poll cut short when a monitor stops)
            log.debug("simulator could not answer a request: {}", e.toString());
            exchange.close();
        } catch (RuntimeException e) {
            logRarely(e);
            try {
                Http.send(exchange, SimResponse.of(500, "application/json", "{\"message\":\"simulator error\"}"), requestId);
            } catch (IOException | RuntimeException alreadyBroken) {
                exchange.close();
            }
        }
    }

    private SimResponse serve(Route route, SimRequest request) throws InterruptedException {
        ServiceApi api = route.api();
        if (route.operation() == null) {
            return api.error(new ApiException(400, "UnknownOperationException",
                    "The simulator does not implement this operation"), request);
        }
        counters.record(route.operation(), request.context().account());
        Faults.Decision decision = faults.decide(route.operation(), request.context().account(),
                api.resourceOf(route.operation(), request));
        if (decision.latencyMillis() > 0) {
            Thread.sleep(decision.latencyMillis());
        }
        try {
            if (decision.kind() == Faults.Kind.THROTTLE) {
                throw api.throttling();
            }
            if (decision.kind() == Faults.Kind.FAIL) {
                throw api.internalError();
            }
            if (decision.kind() == Faults.Kind.ERROR) {
                Faults.InjectedError e = decision.error();
                throw new ApiException(e.status(), e.code(), e.message());
            }
            if (decision.kind() == Faults.Kind.MALFORMED) {
                return api.malformed(route.operation());
            }
            if (decision.kind() != null) {
                Listing listing = Listing.of(route.operation());
                switch (decision.kind()) {
                    case EMPTY_OBJECT:
                        return listing.emptyObject();
                    case NULL_LIST:
                        return listing.nullList();
                    case ENDLESS_PAGES:
                        return listing.endlessPage(endlessPages.incrementAndGet());
                    case OVERSIZED:
                        return listing.oversized(request.context().partition(), decision.bytes());
                    default:
                        break;
                }
            }
            return api.handle(route.operation(), request);
        } catch (ApiException e) {
            return api.error(e, request);
        }
    }

    private Route route(HttpExchange exchange, String method, String rawPath, byte[] body, String authorization) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            if (target.startsWith(SqsApi.TARGET_PREFIX)) {
                return new Route(sqs, SqsApi.operationOf(target), Map.of());
            }
            String name = target.startsWith("AWSGlue.") ? target.substring("AWSGlue.".length()) : null;
            return new Route(glue, name == null ? null : Operation.byServiceAndName("glue", name), Map.of());
        }
        if (AppIntegrationsApi.owns(rawPath)) {
            return new Route(appIntegrations, AppIntegrationsApi.operationOf(method, rawPath),
                    Http.parseParams(exchange.getRequestURI().getRawQuery()));
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(method) && contentType != null && contentType.contains("x-www-form-urlencoded")) {
            Map<String, String> form = Http.parseParams(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            String action = form.getOrDefault("Action", "");
            if (CloudWatchApi.owns(form, authorization)) {
                return new Route(cloudWatch, CloudWatchApi.operationOf(form), form);
            }
            if (RdsApi.owns(form, authorization)) {
                return new Route(rds, Operation.byServiceAndName("rds", action), form);
            }
            if (RedshiftApi.owns(form, authorization)) {
                return new Route(redshift, RedshiftApi.operationOf(form), form);
            }
            if (action.equals("Publish")) {
                return new Route(sns, Operation.SNS_PUBLISH, form);
            }
            Operation stsOp = Operation.byServiceAndName("sts", action);
            if (stsOp != null) {
                return new Route(sts, stsOp, form);
            }
            boolean snsScope = authorization != null && authorization.contains("/sns/aws4_request");
            return new Route(snsScope ? sns : sts, null, form);
        }
        return null;
    }

    /** An unexpected failure is logged at most once per interval, so a broken client cannot flood the log. */
    private void logRarely(Exception e) {
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
            log.warn("simulator failed to serve a request: {}", e.toString());
        }
    }
}
