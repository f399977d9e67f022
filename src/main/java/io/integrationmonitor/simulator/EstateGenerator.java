package io.integrationmonitor.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Builds realistic-looking resources (ARNs, names, sources) from a seed, so estates are reproducible. */
final class EstateGenerator {
    private static final List<String> DOMAINS = List.of("orders", "payments", "customers", "inventory", "shipments",
            "invoices", "sessions", "clickstream", "catalog", "reviews", "refunds", "subscriptions");
    private static final List<String> SAAS = List.of("Salesforce", "ServiceNow", "Zendesk", "SAPOData");
    private static final List<String> OBJECTS = List.of("Account", "Contact", "Case", "Opportunity", "Incident");
    private static final Instant EPOCH_BASE = Instant.parse("2025-06-01T00:00:00Z");

    private final Random random;
    private final Partition partition;

    EstateGenerator(Partition partition, long seed) {
        this.partition = partition;
        this.random = new Random(seed);
    }

    void populate(Estate estate, EstateSpec spec) {
        for (int i = 1; i <= spec.integrations(); i++) {
            estate.addIntegration(integration(i));
        }
        for (int i = 1; i <= spec.inboundIntegrations(); i++) {
            estate.addInboundIntegration(inbound(i));
        }
        for (int i = 1; i <= spec.dataIntegrations(); i++) {
            SimDataIntegration di = dataIntegration(i);
            estate.addDataIntegration(di);
            for (int j = 1; j <= spec.associationsPerDataIntegration(); j++) {
                estate.addAssociation(association(di, j));
            }
        }
        // Last, so adding them leaves the other resources of a seed as they were.
        List<SimRdsIntegration> rds = new ArrayList<>();
        for (int i = 1; i <= spec.rdsIntegrations(); i++) {
            SimRdsIntegration integration = rdsIntegration(i);
            rds.add(integration);
            estate.addRdsIntegration(integration);
        }
        populateRedshift(estate, spec, rds);
    }

    /**
     * Redshift's listings: DynamoDB into Redshift integrations, and the namespace's inbound integrations. Of
     * these, every third is the inbound side of one of the Redshift integrations (the same ARN, source and
     * target), every third the inbound side of one of the Aurora integrations RDS lists (while there are
     * any; a made-up one after), the rest Glue ones: the same integration appears in two listings, as in AWS.
     */
    private void populateRedshift(Estate estate, EstateSpec spec, List<SimRdsIntegration> rds) {
        List<SimRedshiftIntegration> redshift = new ArrayList<>();
        for (int i = 1; i <= spec.redshiftIntegrations(); i++) {
            SimRedshiftIntegration integration = redshiftIntegration(i);
            redshift.add(integration);
            estate.addRedshiftIntegration(integration);
        }
        for (int i = 1; i <= spec.redshiftInboundIntegrations(); i++) {
            SimRedshiftIntegration outbound = i % 3 == 1 && i / 3 < redshift.size() ? redshift.get(i / 3) : null;
            SimRdsIntegration aurora = i % 3 == 2 && i / 3 < rds.size() ? rds.get(i / 3) : null;
            estate.addRedshiftInboundIntegration(outbound != null ? inboundSideOf(outbound)
                    : aurora != null ? inboundSideOf(aurora) : redshiftInbound(i));
        }
    }

    SimRedshiftIntegration redshiftIntegration(int n) {
        String domain = pick(DOMAINS);
        String name = String.format("%s-ddb-redshift-%03d", domain, n);
        String target = arn("redshift-serverless", "namespace/" + uuid());
        return new SimRedshiftIntegration(arn("redshift", "integration:" + uuid()), name,
                arn("dynamodb", "table/" + domain + "-" + n), target, "active", createTime(),
                "Replicates the " + domain + " table into Redshift", null, Map.of(), List.of(),
                Map.of("team", domain, "env", "prod"));
    }

    /** An Aurora (RDS) or Glue integration into a namespace of this account, as Redshift lists it inbound. */
    SimRedshiftInboundIntegration redshiftInbound(int n) {
        boolean aurora = n % 3 == 2;
        String domain = pick(DOMAINS);
        String arn = aurora ? arn("rds", "integration:" + uuid()) : arn("glue", "integration:" + uuid());
        String source = aurora
                ? arn("rds", "cluster:" + domain + "-aurora-" + n)
                : arn("dynamodb", "table/" + domain + "-" + n);
        return new SimRedshiftInboundIntegration(arn, source, arn("redshift-serverless", "namespace/" + uuid()),
                "active", createTime(), List.of());
    }

    private static SimRedshiftInboundIntegration inboundSideOf(SimRedshiftIntegration integration) {
        return new SimRedshiftInboundIntegration(integration.arn(), integration.sourceArn(), integration.targetArn(),
                integration.status(), integration.createTime(), integration.errors());
    }

    private static SimRedshiftInboundIntegration inboundSideOf(SimRdsIntegration integration) {
        return new SimRedshiftInboundIntegration(integration.arn(), integration.sourceArn(), integration.targetArn(),
                integration.status(), integration.createTime(), integration.errors());
    }

    SimIntegration integration(int n) {
        String domain = pick(DOMAINS);
        String name = String.format("%s-zetl-%03d", domain, n);
        boolean dynamo = random.nextBoolean();
        String source = dynamo
                ? arn("dynamodb", "table/" + domain + "-" + n)
                : arn("rds", "cluster:" + domain + "-aurora-" + n);
        String target = arn("redshift-serverless", "namespace/" + uuid());
        return new SimIntegration(arn("glue", "integration:" + uuid()), name, source, target, "ACTIVE",
                createTime(), "Replicates " + domain + " into the analytics warehouse", List.of(),
                Map.of("team", domain, "env", "prod"));
    }

    SimInboundIntegration inbound(int n) {
        String source = random.nextBoolean()
                ? arn("dynamodb", "table/" + pick(DOMAINS) + "-" + n)
                : arn("glue", "connection/" + pick(SAAS).toLowerCase() + "-conn-" + n);
        String target = arn("glue", "database/" + pick(DOMAINS) + "_lake_" + n);
        return new SimInboundIntegration(arn("glue", "integration:" + uuid()), source, target, "ACTIVE",
                createTime(), List.of());
    }

    /** Aurora into Redshift: a provisioned namespace or a serverless one, as the RDS user guide's examples show. */
    SimRdsIntegration rdsIntegration(int n) {
        String domain = pick(DOMAINS);
        String name = String.format("%s-aurora-zetl-%03d", domain, n);
        String source = arn("rds", "cluster:" + domain + "-aurora-" + n);
        String target = random.nextBoolean()
                ? arn("redshift-serverless", "namespace/" + uuid())
                : arn("redshift", "namespace:" + uuid());
        return new SimRdsIntegration(arn("rds", "integration:" + uuid()), name, source, target, "active",
                createTime(), "Replicates the " + domain + " Aurora cluster into the warehouse",
                "include: " + domain + ".*", arn("kms", "key/" + uuid()), Map.of("team", domain), List.of(),
                Map.of("team", domain, "env", "prod"));
    }

    SimDataIntegration dataIntegration(int n) {
        String saas = pick(SAAS);
        String id = uuid();
        String name = String.format("%s-%s-%02d", saas.toLowerCase(), pick(OBJECTS).toLowerCase(), n);
        return new SimDataIntegration(arn("app-integrations", "data-integration/" + id), id, name,
                saas + "://AppFlow/" + saas.toLowerCase() + "-conn-" + n, saas + " feed for " + name);
    }

    SimAssociation association(SimDataIntegration di, int n) {
        String clientId = arn("connect", "instance/" + uuid());
        String destination = "arn:aws:s3:::" + di.name() + "-landing-" + partition.account();
        // A few associations have never run, which the API shows by leaving LastExecutionStatus out.
        boolean neverRan = n % 5 == 0;
        return new SimAssociation(arn("app-integrations", "data-integration-association/" + di.id() + "/" + uuid()),
                di.arn(), clientId, destination, "SCHEDULED", neverRan ? null : "COMPLETED", null);
    }

    private String arn(String service, String resource) {
        String region = "s3".equals(service) ? "" : partition.region();
        return "arn:aws:" + service + ":" + region + ":" + partition.account() + ":" + resource;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private Instant createTime() {
        return EPOCH_BASE.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 120)));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
