package io.integrationmonitor.simulator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The resources of one (account, region); sorted concurrent maps so listings page stably under change. */
final class PartitionEstate {
    final ConcurrentNavigableMap<String, SimIntegration> integrations = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, SimInboundIntegration> inbound = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, SimDataIntegration> dataIntegrations = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, SimRdsIntegration> rdsIntegrations = new ConcurrentSkipListMap<>();
    /** Associations are listed per data integration, so they are stored that way. */
    final ConcurrentMap<String, ConcurrentNavigableMap<String, SimAssociation>> associationsByDataIntegration =
            new ConcurrentHashMap<>();
    final ConcurrentMap<String, String> dataIntegrationOfAssociation = new ConcurrentHashMap<>();
    /** Redshift DescribeIntegrations and DescribeInboundIntegrations; one ARN may be in both. */
    final ConcurrentNavigableMap<String, SimRedshiftIntegration> redshiftIntegrations = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, SimRedshiftInboundIntegration> redshiftInbound = new ConcurrentSkipListMap<>();

    /** The last ingestion per table, per Glue integration ARN; only what a story or the admin API set. */
    final ConcurrentMap<String, ConcurrentNavigableMap<String, SimTableIngestion>> tablesByIntegration =
            new ConcurrentHashMap<>();

    ConcurrentNavigableMap<String, SimTableIngestion> tablesOf(String integrationArn) {
        return tablesByIntegration.computeIfAbsent(integrationArn, k -> new ConcurrentSkipListMap<>());
    }

    ConcurrentNavigableMap<String, SimAssociation> associationsOf(String dataIntegrationArn) {
        return associationsByDataIntegration.computeIfAbsent(dataIntegrationArn, k -> new ConcurrentSkipListMap<>());
    }

    /** Reads must not create empty maps as a side effect. */
    ConcurrentNavigableMap<String, SimAssociation> associationsView(String dataIntegrationArn) {
        ConcurrentNavigableMap<String, SimAssociation> m = associationsByDataIntegration.get(dataIntegrationArn);
        return m != null ? m : new ConcurrentSkipListMap<>();
    }

    /** By id only: what the AppIntegrations API documents as a data integration's identifier. */
    SimDataIntegration findDataIntegration(String id) {
        for (SimDataIntegration d : dataIntegrations.values()) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        return null;
    }

    int associationCount() {
        return dataIntegrationOfAssociation.size();
    }
}
