package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /metrics}: Prometheus text format 0.0.4, or OpenMetrics 1.0 when the Accept header asks for
 * it. Streamed (chunked) and gzip-compressed when the scraper accepts gzip, as Prometheus does: a large
 * estate renders to tens of megabytes of text. {@code ?name[]=...} limits it to the families named
 * ({@link MetricNames}); any other parameter is a 400, so that a typo does not silently return everything.
 */
final class MetricsHandler implements HttpHandler {
    private static final int BUFFER = 64 * 1024;

    private final Exposition exposition;
    private final Responses responses;
    private final ExpositionFormatWriter text;
    private final ExpositionFormatWriter openMetrics;

    MetricsHandler(Exposition exposition, Responses responses) {
        this.exposition = exposition;
        this.responses = responses;
        // only for content negotiation: the exposition writes the body itself
        ExpositionFormats formats = ExpositionFormats.init();
        this.text = formats.getPrometheusTextFormatWriter();
        this.openMetrics = formats.getOpenMetricsTextFormatWriter();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Predicate<String> names;
        try {
            names = MetricNames.filter(QueryParams.parse(exchange.getRequestURI(), Set.of(MetricNames.PARAMETER))
                    .list(MetricNames.PARAMETER));
        } catch (BadRequestException e) {
            responses.error(exchange, 400, e.getMessage(), e.parameter());
            return;
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean asOpenMetrics = accept != null && openMetrics.accepts(accept);
        ExpositionFormatWriter writer = asOpenMetrics ? openMetrics : text;
        // collect before sending headers, so a failing collector still yields a proper 500
        Exposition.Scrape scrape = exposition.collect(asOpenMetrics, names);

        String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
        exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody();
             OutputStream out = new BufferedOutputStream(body, BUFFER)) {
            scrape.write(out, gzip);
        }
    }
}
