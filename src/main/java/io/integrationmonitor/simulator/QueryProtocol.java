package io.integrationmonitor.simulator;

/** awsQuery responses: XML documents in the service's namespace. */
final class QueryProtocol {
    static final String CONTENT_TYPE = "text/xml";

    private QueryProtocol() {
    }

    static SimResponse success(String namespace, String action, String resultXml, String requestId) {
        return SimResponse.of(200, CONTENT_TYPE, resultHead(namespace, action) + resultXml
                + resultTail(action, requestId));
    }

    /** A success document up to its {@code <ActionResult>} members. */
    static String resultHead(String namespace, String action) {
        return "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>";
    }

    /** A success document from the end of its {@code <ActionResult>} members. */
    static String resultTail(String action, String requestId) {
        return "</" + action + "Result>" + responseMetadataTail(action, requestId);
    }

    /** The end of a success document, after its result element (or where it would be). */
    static String responseMetadataTail(String action, String requestId) {
        return "<ResponseMetadata>" + Xml.element("RequestId", requestId) + "</ResponseMetadata>"
                + "</" + action + "Response>";
    }

    static SimResponse error(String namespace, ApiException e, String requestId) {
        String body = "<ErrorResponse xmlns=\"" + namespace + "\"><Error>"
                + Xml.element("Type", e.faultType()) + Xml.element("Code", e.code())
                + Xml.element("Message", e.getMessage()) + "</Error>"
                + Xml.element("RequestId", requestId) + "</ErrorResponse>";
        return SimResponse.of(e.status(), CONTENT_TYPE, body);
    }

    static String required(SimRequest request, String name, String errorCode) {
        String v = request.params().get(name);
        if (v == null || v.isEmpty()) {
            throw new ApiException(400, errorCode, "1 validation error detected: Value null at '" + name
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }
}
