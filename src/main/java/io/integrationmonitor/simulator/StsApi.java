package io.integrationmonitor.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** STS AssumeRole and GetCallerIdentity over awsQuery. Issued keys map to the role's account. */
final class StsApi implements ServiceApi {
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final Identities identities;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    StsApi(Identities identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        return switch (operation) {
            case STS_ASSUME_ROLE -> assumeRole(request);
            case STS_GET_CALLER_IDENTITY -> {
                Caller c = request.context().caller();
                yield QueryProtocol.success(NS, "GetCallerIdentity", Xml.element("Arn", c.arn())
                        + Xml.element("UserId", c.userId()) + Xml.element("Account", c.account()), request.requestId());
            }
            default -> throw new ApiException(400, "InvalidAction", "Could not find operation " + operation.awsName());
        };
    }

    private SimResponse assumeRole(SimRequest request) {
        String roleArn = QueryProtocol.required(request, "RoleArn", "ValidationError");
        String sessionName = QueryProtocol.required(request, "RoleSessionName", "ValidationError");
        Matcher role = ROLE_ARN.matcher(roleArn);
        if (!role.matches()) {
            throw new ApiException(400, "ValidationError", roleArn + " is invalid");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new ApiException(400, "ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint");
        }
        int duration = duration(request.params().get("DurationSeconds"));
        String refusal = identities.refusal(roleArn, request.params().get("ExternalId"));
        if (refusal != null) {
            throw new ApiException(403, "AccessDenied", "User: " + request.context().caller().arn() + " " + refusal);
        }
        String account = role.group(1);
        String roleId = "AROA" + randomKey(17);
        String accessKeyId = "ASIA" + randomKey(16);
        String assumedArn = "arn:aws:sts::" + account + ":assumed-role/" + role.group(2) + "/" + sessionName;
        identities.register(accessKeyId, new Caller(account, assumedArn, roleId + ":" + sessionName));
        Instant expiration = clock.instant().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
        String result = "<Credentials>" + Xml.element("AccessKeyId", accessKeyId)
                + Xml.element("SecretAccessKey", randomToken(30))
                + Xml.element("SessionToken", randomToken(180))
                + Xml.element("Expiration", expiration.toString()) + "</Credentials>"
                + "<AssumedRoleUser>" + Xml.element("AssumedRoleId", roleId + ":" + sessionName)
                + Xml.element("Arn", assumedArn) + "</AssumedRoleUser>";
        return QueryProtocol.success(NS, "AssumeRole", result, request.requestId());
    }

    private static int duration(String raw) {
        if (raw == null) {
            return 3600;
        }
        try {
            int d = Integer.parseInt(raw);
            if (d >= 900 && d <= 43200) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the validation error
        }
        throw new ApiException(400, "ValidationError", "1 validation error detected: Value '" + raw
                + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
    }

    private String randomKey(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return b.toString();
    }

    private String randomToken(int bytes) {
        byte[] buf = new byte[bytes];
        random.nextBytes(buf);
        return Base64.getEncoder().encodeToString(buf);
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        return QueryProtocol.error(NS, error, request.requestId());
    }

    @Override
    public ApiException throttling() {
        return new ApiException(400, "Throttling", "Rate exceeded");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalFailure", "An internal error occurred.");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        return SimResponse.of(200, QueryProtocol.CONTENT_TYPE, "<" + operation.awsName() + "Response xmlns=\"" + NS + "\"><");
    }
}
