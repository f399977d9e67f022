package io.integrationmonitor.simulator;

import java.util.Map;

/** A parsed request: {@code params} holds the query string (REST) or the form fields (awsQuery). */
record SimRequest(String method, String rawPath, Map<String, String> params, byte[] body, RequestContext context,
                  String requestId) {
}
