package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated estate for comparing expositions: several targets of every kind in two accounts and two regions;
 * inbound integrations labelled with other accounts (so that blocks of different targets interleave); label
 * values that need escaping (quotes, backslashes, newlines, non-ASCII); absent attributes; stuck resources;
 * errors; a status outside its kind's set.
 */
final class Estate {
    static final List<String> ACCOUNTS = List.of("111122223333", "444455556666");
    static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
    private static final String[] ODD_NAMES = {"quote\"d", "back\\slash", "new\nline", "grüße-ü", "emoji-\uD83D\uDE00",
            // U+1F600 sorts before U+FF21 as Strings (UTF-16) and after it as code points and UTF-8 bytes
            "\uD83D\uDE00-first", "\uFF21-wide", "", "a,b=c", "plain"};

    private Estate() {
    }

    /** Every target of the estate with its resources. */
    static Map<PollTarget, List<KnownResource>> generate(int perTarget) {
        Map<PollTarget, List<KnownResource>> estate = new LinkedHashMap<>();
        for (Source source : Source.values()) {
            for (String account : ACCOUNTS) {
                for (String region : REGIONS) {
                    PollTarget target = new PollTarget(source, account, region);
                    List<KnownResource> resources = new ArrayList<>();
                    for (int i = 0; i < perTarget; i++) {
                        resources.add(resource(target, i));
                    }
                    estate.put(target, resources);
                }
            }
        }
        return estate;
    }

    static KnownResource resource(PollTarget target, int i) {
        ResourceKind kind = target.source().kind();
        boolean inbound = kind == ResourceKind.GLUE_INBOUND_INTEGRATION
                || kind == ResourceKind.REDSHIFT_INBOUND_INTEGRATION;
        // inbound integrations are labelled with the account of their ARN: any account, so targets interleave
        String account = inbound ? "9" + (i % 3) + "0000000000" : target.accountId();
        // unique over the estate (the listing target's account in it), as two series of one labels fail a scrape
        String name = ODD_NAMES[i % ODD_NAMES.length] + "-" + i + "-" + target.accountId().charAt(0);
        String arn = "arn:aws:" + kind.label() + ":" + target.region() + ":" + account + ":integration:" + name;
        List<ResourceStatus> statuses = kind.statuses();
        // every status in turn, and now and then one outside the kind's set
        ResourceStatus status = i % 11 == 10 ? outsideOf(statuses) : statuses.get(i % statuses.size());
        List<ResourceError> errors = new ArrayList<>();
        for (int e = 0; e < i % 3; e++) {
            errors.add(ResourceError.of("E" + e, "error " + e));
        }
        Map<String, String> attributes = new HashMap<>();
        if (i % 4 != 0) { // else every attribute is absent: exported as ""
            attributes.put(Attributes.SOURCE_ARN, "arn:aws:dynamodb:" + target.region() + ":" + account + ":table/" + name);
            attributes.put(Attributes.TARGET_ARN, "arn:aws:redshift:" + target.region() + ":" + account
                    + ":namespace:" + (i % 2));
            attributes.put(Attributes.SOURCE_ACCOUNT_ID, account);
            attributes.put(Attributes.REFRESH_INTERVAL, String.valueOf(i % 5));
            attributes.put(Attributes.DATA_INTEGRATION_ARN, "arn:aws:app-integrations:" + target.region() + ":"
                    + account + ":data-integration/di-" + (i % 2));
            attributes.put(Attributes.CLIENT_ID, "client \"" + (i % 3) + "\"");
            attributes.put(Attributes.EXECUTION_MODE, "ON_DEMAND");
            attributes.put(Attributes.DESTINATION_URI, "s3://bucket/prefix\\" + i);
        }
        ObservedResource r = new ObservedResource(kind, arn, name, account, target.region(), status, errors,
                attributes, Map.of(), null);
        Instant since = T0.plusMillis(i * 1_001L);
        return new KnownResource(r, since, since, i % 5 == 1);
    }

    private static ResourceStatus outsideOf(List<ResourceStatus> statuses) {
        for (ResourceStatus s : ResourceStatus.values()) {
            if (!statuses.contains(s)) {
                return s;
            }
        }
        return statuses.get(0);
    }
}
