package io.integrationmonitor.config;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQS queue that an EventBridge rule delivers AWS events to (#13).
 *
 * @param url    the queue URL, {@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME}; any http(s) host is allowed
 *               (a VPC endpoint, the simulator) as long as the path is {@code /ACCOUNT/NAME}. SQS queue URLs carry no
 *               user-info or query, so neither is accepted: they could only be a misplaced credential.
 * @param target index into {@code targets} whose credentials read this queue (the queue lives in that target's
 *               account); default 0. An index, not a copy, so the role, external id and session name stay in one place.
 * @param region the queue's region; unset: taken from an AWS host ({@code sqs.REGION.amazonaws.com}), else required
 */
public record EventQueueConfig(URI url, Integer target, String region) {
    /** SQS queue names: 1-80 letters, digits, hyphens, underscores, optionally ending in .fifo (CreateQueue docs). */
    private static final Pattern QUEUE_PATH = Pattern.compile("/(\\d{12})/([A-Za-z0-9_-]{1,75}(?:\\.fifo)?|[A-Za-z0-9_-]{1,80})");
    /** {@code sqs.us-east-1.amazonaws.com}, {@code sqs.cn-north-1.amazonaws.com.cn}, legacy {@code us-east-1.queue.amazonaws.com}. */
    private static final Pattern AWS_HOST = Pattern.compile(
            "(?:sqs\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com(?:\\.cn)?|([a-z]{2}(?:-[a-z]+)+-\\d+)\\.queue\\.amazonaws\\.com(?:\\.cn)?)");

    public EventQueueConfig {
        Validation.required(url, "url", "is required: the SQS queue URL the EventBridge rule targets");
        Validation.httpUri(url, "url");
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw KeyProblem.at("url", "must not carry user-info, a query or a fragment (SQS queue URLs have none) "
                    + SecretKeys.HIDDEN).exception();
        }
        if (url.getRawPath() == null || !QUEUE_PATH.matcher(url.getRawPath()).matches()) {
            throw KeyProblem.at("url", "must look like an SQS queue URL, https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE")
                    .got(SecretKeys.withoutCredentials(url)).exception();
        }
        target = target == null ? 0 : target;
        if (target < 0) {
            throw KeyProblem.at("target", "must be the index of an entry of targets (0 is the first)").got(target)
                    .exception();
        }
        Validation.region(region, "region");
        String fromHost = regionOfHost(url.getHost());
        if (region == null) {
            if (fromHost == null) {
                throw KeyProblem.at("region", "is required when the queue URL's host does not name it "
                        + "(sqs.REGION.amazonaws.com)").involving("url").exception();
            }
            region = fromHost;
        } else if (fromHost != null && !fromHost.equals(region)) {
            throw KeyProblem.at("region", "contradicts the queue URL, whose host is in " + fromHost).got(region)
                    .involving("url").exception();
        }
    }

    /** The account that owns the queue, from the URL's path. */
    public String queueAccount() {
        Matcher m = QUEUE_PATH.matcher(url.getRawPath());
        return m.matches() ? m.group(1) : "";
    }

    private static String regionOfHost(String host) {
        Matcher m = AWS_HOST.matcher(host == null ? "" : host.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    @Override
    public String toString() {
        return "EventQueueConfig[url=" + SecretKeys.withoutCredentials(url) + ", target=" + target
                + ", region=" + region + "]";
    }
}
