package io.integrationmonitor.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Amazon SQS in the protocol the SDK 2.40 {@code SqsClient} speaks: awsJson1_0 ({@code POST /},
 * {@code X-Amz-Target: AmazonSQS.<Op>}, {@code Content-Type: application/x-amz-json-1.0}) with the model's
 * {@code awsQueryCompatible} trait, so errors carry {@code __type} in the body and the old query code in the
 * {@code x-amzn-query-error: <code>;Sender|Receiver} header (botocore data/sqs/2012-11-05/service-2.json,
 * metadata {@code "protocol":"json","jsonVersion":"1.0","targetPrefix":"AmazonSQS","awsQueryCompatible":{}};
 * the error shapes' {@code awsQueryError} codes are used below).
 *
 * <p>Operations: ReceiveMessage, DeleteMessage, DeleteMessageBatch, SendMessage, GetQueueUrl,
 * ChangeMessageVisibility, GetQueueAttributes (the approximate counts and VisibilityTimeout). Queue URLs are {@code <endpoint>/<account>/<name>}; the region is the request's
 * SigV4 scope, as a real queue URL's host names the region the client is configured for.
 *
 * <p>A long poll holds one server thread for up to its WaitTimeSeconds (at most 20 s). So that long polls can
 * never take every thread of the simulator's fixed pool, at most {@code maxLongPolls} wait at a time; a
 * receive beyond that answers at once, like a short poll (which SQS allows: an empty response before the wait
 * ends is legal, and callers poll again).
 */
final class SqsApi implements ServiceApi {
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String TARGET_PREFIX = "AmazonSQS.";
    private static final int MAX_BATCH = 10;
    private static final int MAX_WAIT_SECONDS = 20;
    private static final int MAX_VISIBILITY_SECONDS = 43_200;
    private static final int MAX_DELAY_SECONDS = 900;

    /** Shape name (the {@code __type}) → the {@code awsQueryError} code of the model, where they differ. */
    private static final Map<String, String> QUERY_CODES = Map.of(
            "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
            "MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight",
            "EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest",
            "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
            "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId");

    private final SqsQueues queues;
    private final ObjectMapper json;
    private final Supplier<URI> endpoint;
    private final Semaphore longPolls;

    SqsApi(SqsQueues queues, ObjectMapper json, Supplier<URI> endpoint, int maxLongPolls) {
        this.queues = queues;
        this.json = json;
        this.endpoint = endpoint;
        this.longPolls = new Semaphore(Math.max(1, maxLongPolls));
    }

    /** The operation an {@code X-Amz-Target} names, or null when it names none the simulator serves. */
    static Operation operationOf(String target) {
        return Operation.byServiceAndName("sqs", target.substring(TARGET_PREFIX.length()));
    }

    @Override
    public String resourceOf(Operation operation, SimRequest request) {
        JsonNode in = parse(request, false);
        return in == null ? null : in.path("QueueUrl").asText(null);
    }

    @Override
    public SimResponse handle(Operation operation, SimRequest request) {
        JsonNode in = parse(request, true);
        ObjectNode out = switch (operation) {
            case SQS_RECEIVE_MESSAGE -> receive(in, request);
            case SQS_DELETE_MESSAGE -> deleteMessage(in, request);
            case SQS_DELETE_MESSAGE_BATCH -> deleteBatch(in, request);
            case SQS_SEND_MESSAGE -> sendMessage(in, request);
            case SQS_GET_QUEUE_URL -> getQueueUrl(in, request);
            case SQS_CHANGE_MESSAGE_VISIBILITY -> changeVisibility(in, request);
            case SQS_GET_QUEUE_ATTRIBUTES -> getQueueAttributes(in, request);
            default -> throw new ApiException(400, "UnknownOperationException", operation.awsName());
        };
        return SimResponse.of(200, CONTENT_TYPE, out.toString());
    }

    private ObjectNode receive(JsonNode in, SimRequest request) {
        Queue q = queue(in, request);
        int max = intIn(in, "MaxNumberOfMessages", 1, 1, MAX_BATCH);
        int wait = intIn(in, "WaitTimeSeconds", 0, 0, MAX_WAIT_SECONDS);
        int visibility = intIn(in, "VisibilityTimeout",
                (int) queues.visibilityTimeout(q.partition(), q.name()).toSeconds(), 0, MAX_VISIBILITY_SECONDS);
        Set<String> wanted = names(in.path("MessageSystemAttributeNames"));
        wanted.addAll(names(in.path("AttributeNames"))); // deprecated in the model, still sent by older callers
        boolean longPoll = wait > 0 && longPolls.tryAcquire();
        List<SqsQueues.Received> received;
        try {
            received = queues.receive(q.partition(), q.name(), max, Duration.ofSeconds(longPoll ? wait : 0),
                    Duration.ofSeconds(visibility));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the simulator is closing
            received = List.of();
        } finally {
            if (longPoll) {
                longPolls.release();
            }
        }
        ObjectNode out = json.createObjectNode();
        if (received.isEmpty()) {
            return out; // SQS answers an empty receive with {} (no Messages member)
        }
        ArrayNode messages = out.putArray("Messages");
        for (SqsQueues.Received r : received) {
            ObjectNode m = messages.addObject();
            m.put("MessageId", r.messageId()).put("ReceiptHandle", r.receiptHandle())
                    .put("MD5OfBody", r.md5OfBody()).put("Body", r.body());
            ObjectNode attributes = json.createObjectNode();
            attribute(attributes, wanted, "SenderId", request.context().account());
            attribute(attributes, wanted, "SentTimestamp", Long.toString(r.sentTimestampMillis()));
            attribute(attributes, wanted, "ApproximateReceiveCount", Integer.toString(r.receiveCount()));
            attribute(attributes, wanted, "ApproximateFirstReceiveTimestamp",
                    Long.toString(r.firstReceiveTimestampMillis()));
            if (!attributes.isEmpty()) {
                m.set("Attributes", attributes);
            }
        }
        return out;
    }

    private static void attribute(ObjectNode attributes, Set<String> wanted, String name, String value) {
        if (wanted.contains("All") || wanted.contains(name)) {
            attributes.put(name, value);
        }
    }

    private ObjectNode deleteMessage(JsonNode in, SimRequest request) {
        Queue q = queue(in, request);
        delete(q, required(in, "ReceiptHandle"));
        return json.createObjectNode();
    }

    private ObjectNode deleteBatch(JsonNode in, SimRequest request) {
        Queue q = queue(in, request);
        JsonNode entries = in.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new ApiException(400, "EmptyBatchRequest", "There should be at least one DeleteMessageBatchRequestEntry in the request.");
        }
        if (entries.size() > MAX_BATCH) {
            throw new ApiException(400, "TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode e : entries) {
            String id = e.path("Id").asText("");
            if (!id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw new ApiException(400, "InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!ids.add(id)) {
                throw new ApiException(400, "BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
            }
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode successful = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode e : entries) {
            String id = e.path("Id").asText();
            try {
                delete(q, e.path("ReceiptHandle").asText(""));
                successful.addObject().put("Id", id);
            } catch (ApiException error) {
                failed.addObject().put("Id", id).put("SenderFault", true)
                        .put("Code", queryCode(error.code())).put("Message", error.getMessage());
            }
        }
        return out;
    }

    private void delete(Queue q, String receiptHandle) {
        try {
            queues.delete(q.partition(), q.name(), receiptHandle);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "ReceiptHandleIsInvalid",
                    "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
        }
    }

    private ObjectNode sendMessage(JsonNode in, SimRequest request) {
        Queue q = queue(in, request);
        String body = required(in, "MessageBody");
        if (body.isEmpty()) {
            throw new ApiException(400, "InvalidParameterValue", "The request must contain the parameter MessageBody.");
        }
        if (in.has("MessageAttributes") || in.has("MessageSystemAttributes")) {
            // the SDK would check MD5OfMessageAttributes, which the simulator does not compute
            throw new ApiException(400, "InvalidParameterValue", "The simulator does not store message attributes.");
        }
        int delay = intIn(in, "DelaySeconds", 0, 0, MAX_DELAY_SECONDS);
        String id = queues.send(q.partition(), q.name(), body, Duration.ofSeconds(delay));
        return json.createObjectNode().put("MD5OfMessageBody", SqsQueues.md5Hex(body)).put("MessageId", id);
    }

    private ObjectNode getQueueUrl(JsonNode in, SimRequest request) {
        String name = required(in, "QueueName");
        String owner = in.path("QueueOwnerAWSAccountId").asText(request.context().account());
        Partition partition = new Partition(owner, request.context().region());
        if (!queues.exists(partition, name)) {
            throw queueDoesNotExist();
        }
        return json.createObjectNode().put("QueueUrl", queueUrl(endpoint.get(), owner, name));
    }

    private ObjectNode changeVisibility(JsonNode in, SimRequest request) {
        Queue q = queue(in, request);
        String handle = required(in, "ReceiptHandle");
        int visibility = intIn(in, "VisibilityTimeout", -1, 0, MAX_VISIBILITY_SECONDS);
        if (visibility < 0) {
            throw new ApiException(400, "MissingParameter", "The request must contain the parameter VisibilityTimeout.");
        }
        try {
            queues.changeVisibility(q.partition(), q.name(), handle, Duration.ofSeconds(visibility));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "ReceiptHandleIsInvalid",
                    "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
        } catch (IllegalStateException e) {
            throw new ApiException(400, "MessageNotInflight", "The message referred to isn't in flight.");
        }
        return json.createObjectNode();
    }

    /**
     * The attributes asked for by {@code AttributeNames} ({@code All} or names), of those the simulator knows;
     * SQS answers every value as a string, and an unknown name with {@code InvalidAttributeName}.
     */
    private ObjectNode getQueueAttributes(JsonNode in, SimRequest request) {
        Queue q = queue(in, request);
        SqsQueues.Counts counts = queues.counts(q.partition(), q.name());
        Map<String, String> known = new java.util.LinkedHashMap<>();
        known.put("ApproximateNumberOfMessages", Integer.toString(counts.visible()));
        known.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(counts.inFlight()));
        known.put("ApproximateNumberOfMessagesDelayed", Integer.toString(counts.delayed()));
        known.put("VisibilityTimeout", Long.toString(queues.visibilityTimeout(q.partition(), q.name()).toSeconds()));
        known.put("QueueArn", "arn:aws:sqs:" + q.partition().region() + ":" + q.partition().account() + ":" + q.name());
        Set<String> wanted = names(in.path("AttributeNames"));
        ObjectNode attributes = json.createObjectNode();
        for (String name : wanted) {
            if (!name.equals("All") && !known.containsKey(name)) {
                throw new ApiException(400, "InvalidAttributeName", "Unknown Attribute " + name + ".");
            }
        }
        known.forEach((name, value) -> {
            if (wanted.contains("All") || wanted.contains(name)) {
                attributes.put(name, value);
            }
        });
        ObjectNode out = json.createObjectNode();
        if (!attributes.isEmpty()) {
            out.set("Attributes", attributes);
        }
        return out;
    }

    /** {@code <scheme>://<host>/<account>/<name>}, SQS's queue URL shape, on the simulator's endpoint. */
    static String queueUrl(URI endpoint, String account, String name) {
        String base = endpoint.toString();
        return (base.endsWith("/") ? base : base + "/") + account + "/" + name;
    }

    private record Queue(Partition partition, String name) {
    }

    /** The queue a QueueUrl names: its last two path segments, in the request's region. */
    private Queue queue(JsonNode in, SimRequest request) {
        String url = required(in, "QueueUrl");
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            throw queueDoesNotExist();
        }
        String[] segments = path == null ? new String[0] : path.replaceAll("^/+|/+$", "").split("/");
        if (segments.length != 2 || !segments[0].matches("\\d{12}")) {
            throw queueDoesNotExist();
        }
        Queue q = new Queue(new Partition(segments[0], request.context().region()), segments[1]);
        if (!queues.exists(q.partition(), q.name())) {
            throw queueDoesNotExist();
        }
        return q;
    }

    private static ApiException queueDoesNotExist() {
        return new ApiException(400, "QueueDoesNotExist", "The specified queue does not exist.");
    }

    private JsonNode parse(SimRequest request, boolean strict) {
        try {
            JsonNode in = request.body().length == 0 ? json.createObjectNode() : json.readTree(request.body());
            if (in == null || !in.isObject()) {
                throw new IOException("not an object");
            }
            return in;
        } catch (IOException e) {
            if (!strict) {
                return null;
            }
            throw new ApiException(400, "SerializationException", "The request body is not a JSON object.");
        }
    }

    private static String required(JsonNode in, String member) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            throw new ApiException(400, "MissingParameter", "The request must contain the parameter " + member + ".");
        }
        return v.asText();
    }

    private static int intIn(JsonNode in, String member, int absent, int min, int max) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new ApiException(400, "InvalidParameterValue", "Value " + v.asText() + " for parameter "
                    + member + " is invalid. Reason: Must be between " + min + " and " + max + ", if provided.");
        }
        return v.asInt();
    }

    private static Set<String> names(JsonNode list) {
        Set<String> out = new HashSet<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String queryCode(String shape) {
        return QUERY_CODES.getOrDefault(shape, shape);
    }

    @Override
    public SimResponse error(ApiException error, SimRequest request) {
        ObjectNode body = json.createObjectNode().put("__type", "com.amazonaws.sqs#" + error.code())
                .put("message", error.getMessage());
        return SimResponse.of(error.status(), CONTENT_TYPE, body.toString(),
                Map.of("x-amzn-query-error", queryCode(error.code()) + ";" + error.faultType()));
    }

    /** RequestThrottled (awsQueryError code RequestThrottled, 400): a throttling code the SDK retries. */
    @Override
    public ApiException throttling() {
        return new ApiException(400, "RequestThrottled", "Request is throttled.");
    }

    @Override
    public ApiException internalError() {
        return new ApiException(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    @Override
    public SimResponse malformed(Operation operation) {
        return SimResponse.of(200, CONTENT_TYPE, "{\"Messages\":[{\"MessageId\":\"");
    }
}
