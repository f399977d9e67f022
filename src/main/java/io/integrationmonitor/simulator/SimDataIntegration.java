package io.integrationmonitor.simulator;

/** An AppIntegrations data integration ({@code Arn, Id, Name, SourceURI}). */
public record SimDataIntegration(String arn, String id, String name, String sourceUri, String description) {
}
