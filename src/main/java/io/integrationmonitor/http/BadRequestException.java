package io.integrationmonitor.http;

/** A query parameter the API cannot accept; answered with 400 and the parameter's name. */
final class BadRequestException extends Exception {
    private final String parameter;

    BadRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
