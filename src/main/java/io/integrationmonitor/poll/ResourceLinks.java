package io.integrationmonitor.poll;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a person looks at a resource: its page on the monitor (every alert links there) and its page in the AWS
 * console. One definition for the alert receivers that write the links and the HTTP handlers that serve them.
 */
public final class ResourceLinks {
    /** The monitor's HTML page of one resource: {@code /resource?arn=<url-encoded ARN>}. */
    public static final String PAGE_PATH = "/resource";

    private ResourceLinks() {
    }

    /** The monitor's page of the resource, under {@code externalUrl} (its path prefix kept). */
    public static String page(URI externalUrl, String arn) {
        String base = externalUrl.toString().replaceAll("/+$", "");
        return base + PAGE_PATH + "?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    /** The AWS console's deep link to the ARN, in the ARN's partition; empty for an empty ARN (a poll target). */
    public static Optional<String> console(String arn) {
        if (arn == null || arn.isEmpty()) {
            return Optional.empty();
        }
        String host = arn.startsWith("arn:aws-cn:") ? "console.amazonaws.cn"
                : arn.startsWith("arn:aws-us-gov:") ? "console.amazonaws-us-gov.com" : "console.aws.amazon.com";
        return Optional.of("https://" + host + "/go/view?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8));
    }
}
