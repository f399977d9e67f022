package io.integrationmonitor.simulator;

/** One AWS service's protocol: answers its operations and renders errors and faults its own way. */
interface ServiceApi {
    SimResponse handle(Operation operation, SimRequest request);

    SimResponse error(ApiException error, SimRequest request);

    ApiException throttling();

    ApiException internalError();

    /** A 200 whose body is cut off, as a broken proxy or truncated read would produce. */
    SimResponse malformed(Operation operation);

    /** The resource a request names in its path (e.g. a data integration's identifier), or null. */
    default String resourceOf(Operation operation, SimRequest request) {
        return null;
    }
}
