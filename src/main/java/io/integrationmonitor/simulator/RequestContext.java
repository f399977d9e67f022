package io.integrationmonitor.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The caller and partition of one request, read from the SigV4 Authorization header (never verified). */
record RequestContext(Caller caller, String region, String accessKeyId) {
    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=([^/,\\s]+)/[^/]+/([^/]+)/([^/]+)/aws4_request");

    String account() {
        return caller.account();
    }

    Partition partition() {
        return new Partition(caller.account(), region);
    }

    static RequestContext of(String authorization, Identities identities) {
        if (authorization != null) {
            Matcher m = CREDENTIAL.matcher(authorization);
            if (m.find()) {
                return new RequestContext(identities.callerFor(m.group(1)), m.group(2), m.group(1));
            }
        }
        return new RequestContext(identities.callerFor(null), Estate.DEFAULT_REGION, null);
    }
}
