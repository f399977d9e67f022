package io.integrationmonitor.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated AWS resources, partitioned by (account, region). Thread-safe: the server threads, stories
 * and tests read and change it concurrently. Resources are located by their ARN, which names the partition.
 *
 * <p>Every status change, removal and table ingestion of a zero-ETL integration is told to the listeners
 * ({@link #addListener}) after it is made, on the changing thread: that is how the simulator sends the
 * EventBridge events AWS would send for it ({@link EventEmitter}), whoever made the change.
 */
public final class Estate {
    private static final Logger log = LoggerFactory.getLogger(Estate.class);
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";

    private final ConcurrentMap<Partition, PartitionEstate> partitions = new ConcurrentHashMap<>();
    private volatile int pageCap = Integer.MAX_VALUE;
    private final List<Consumer<EstateChange>> listeners = new CopyOnWriteArrayList<>();

    /** Generates {@code spec}'s resources into {@code partition}; the same partition always gets the same estate. */
    public void populate(Partition partition, EstateSpec spec) {
        populate(partition, spec, partition.hashCode());
    }

    public void populate(Partition partition, EstateSpec spec, long seed) {
        new EstateGenerator(partition, seed).populate(this, spec);
        if (spec.pageSize() > 0) {
            setPageCap(spec.pageSize());
        }
    }

    /** The most items any list call returns per page, whatever MaxRecords/maxResults asks for. */
    public int pageCap() {
        return pageCap;
    }

    public void setPageCap(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("page cap must be at least 1");
        }
        this.pageCap = cap;
    }

    public void removePageCap() {
        this.pageCap = Integer.MAX_VALUE;
    }

    /** Told about every change of a zero-ETL integration, after it is made, on the thread that made it. */
    public void addListener(Consumer<EstateChange> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<EstateChange> listener) {
        listeners.remove(listener);
    }

    public Set<Partition> partitions() {
        return Set.copyOf(partitions.keySet());
    }

    public void clear() {
        partitions.clear();
    }

    // ---- adding -------------------------------------------------------------------------------------

    public void addIntegration(SimIntegration integration) {
        partition(integration.arn()).integrations.put(integration.arn(), integration);
    }

    public void addInboundIntegration(SimInboundIntegration integration) {
        partition(integration.arn()).inbound.put(integration.arn(), integration);
    }

    public void addRdsIntegration(SimRdsIntegration integration) {
        partition(integration.arn()).rdsIntegrations.put(integration.arn(), integration);
    }

    public void addDataIntegration(SimDataIntegration dataIntegration) {
        partition(dataIntegration.arn()).dataIntegrations.put(dataIntegration.arn(), dataIntegration);
    }

    public void addRedshiftIntegration(SimRedshiftIntegration integration) {
        partition(integration.arn()).redshiftIntegrations.put(integration.arn(), integration);
    }

    /**
     * Lists an integration in the Redshift {@code DescribeInboundIntegrations} of its ARN's partition, beside
     * whatever listing its own service has it in.
     */
    public void addRedshiftInboundIntegration(SimRedshiftInboundIntegration integration) {
        partition(integration.arn()).redshiftInbound.put(integration.arn(), integration);
    }

    /** The association's data integration must exist already. */
    public void addAssociation(SimAssociation association) {
        PartitionEstate p = partition(association.dataIntegrationArn());
        if (!p.dataIntegrations.containsKey(association.dataIntegrationArn())) {
            throw new NoSuchElementException("no data integration " + association.dataIntegrationArn());
        }
        p.associationsOf(association.dataIntegrationArn()).put(association.arn(), association);
        p.dataIntegrationOfAssociation.put(association.arn(), association.dataIntegrationArn());
    }

    // ---- reading ------------------------------------------------------------------------------------

    public List<SimIntegration> integrations(Partition partition) {
        return List.copyOf(existing(partition).integrations.values());
    }

    public List<SimInboundIntegration> inboundIntegrations(Partition partition) {
        return List.copyOf(existing(partition).inbound.values());
    }

    public List<SimRdsIntegration> rdsIntegrations(Partition partition) {
        return List.copyOf(existing(partition).rdsIntegrations.values());
    }

    public Optional<SimRdsIntegration> rdsIntegration(String arn) {
        return Optional.ofNullable(existing(Partition.ofArn(arn)).rdsIntegrations.get(arn));
    }

    public List<SimDataIntegration> dataIntegrations(Partition partition) {
        return List.copyOf(existing(partition).dataIntegrations.values());
    }

    public List<SimAssociation> associations(Partition partition) {
        List<SimAssociation> all = new ArrayList<>();
        PartitionEstate p = existing(partition);
        for (SimDataIntegration di : p.dataIntegrations.values()) {
            all.addAll(p.associationsView(di.arn()).values());
        }
        return all;
    }

    public List<SimAssociation> associationsOf(String dataIntegrationArn) {
        return List.copyOf(existing(Partition.ofArn(dataIntegrationArn)).associationsView(dataIntegrationArn).values());
    }

    public List<SimRedshiftIntegration> redshiftIntegrations(Partition partition) {
        return List.copyOf(existing(partition).redshiftIntegrations.values());
    }

    public List<SimRedshiftInboundIntegration> redshiftInboundIntegrations(Partition partition) {
        return List.copyOf(existing(partition).redshiftInbound.values());
    }

    public Optional<SimRedshiftIntegration> redshiftIntegration(String arn) {
        return Optional.ofNullable(existing(Partition.ofArn(arn)).redshiftIntegrations.get(arn));
    }

    public Optional<SimRedshiftInboundIntegration> redshiftInboundIntegration(String arn) {
        return Optional.ofNullable(existing(Partition.ofArn(arn)).redshiftInbound.get(arn));
    }

    public Optional<SimIntegration> integration(String arn) {
        return Optional.ofNullable(existing(Partition.ofArn(arn)).integrations.get(arn));
    }

    public Optional<SimInboundIntegration> inboundIntegration(String arn) {
        return Optional.ofNullable(existing(Partition.ofArn(arn)).inbound.get(arn));
    }

    public Optional<SimDataIntegration> dataIntegration(String arn) {
        return Optional.ofNullable(existing(Partition.ofArn(arn)).dataIntegrations.get(arn));
    }

    public Optional<SimAssociation> association(String arn) {
        PartitionEstate p = existing(Partition.ofArn(arn));
        String di = p.dataIntegrationOfAssociation.get(arn);
        return di == null ? Optional.empty() : Optional.ofNullable(p.associationsView(di).get(arn));
    }

    // ---- changing -----------------------------------------------------------------------------------

    /** Sets a Glue integration's status and Errors (empty for none); fails if no such integration. */
    public void setIntegrationStatus(String arn, String status, List<SimError> errors) {
        AtomicReference<String> from = new AtomicReference<>();
        SimIntegration updated = existing(Partition.ofArn(arn)).integrations
                .computeIfPresent(arn, (k, i) -> {
                    from.set(i.status());
                    return i.withStatus(status, errors);
                });
        if (updated == null) {
            throw new NoSuchElementException("no integration " + arn);
        }
        statusChanged(arn, EstateChange.Owner.GLUE, from.get(), status, errors);
    }

    public void setInboundStatus(String arn, String status, List<SimError> errors) {
        AtomicReference<String> from = new AtomicReference<>();
        SimInboundIntegration updated = existing(Partition.ofArn(arn)).inbound
                .computeIfPresent(arn, (k, i) -> {
                    from.set(i.status());
                    return i.withStatus(status, errors);
                });
        if (updated == null) {
            throw new NoSuchElementException("no inbound integration " + arn);
        }
        statusChanged(arn, EstateChange.Owner.GLUE_INBOUND, from.get(), status, errors);
    }

    /**
     * Sets an RDS integration's status (lower case, as RDS spells it) and Errors, in Redshift's inbound listing
     * too when the integration's namespace lists it there: one integration, one status. Fails if RDS has no
     * such integration.
     */
    public void setRdsStatus(String arn, String status, List<SimError> errors) {
        PartitionEstate p = existing(Partition.ofArn(arn));
        AtomicReference<String> from = new AtomicReference<>();
        SimRdsIntegration updated = p.rdsIntegrations.computeIfPresent(arn, (k, i) -> {
            from.set(i.status());
            return i.withStatus(status, errors);
        });
        if (updated == null) {
            throw new NoSuchElementException("no RDS integration " + arn);
        }
        p.redshiftInbound.computeIfPresent(arn, (k, i) -> i.withStatus(status, errors));
        statusChanged(arn, EstateChange.Owner.RDS, from.get(), status, errors);
    }

    /** Sets the status of whichever Glue integration (outbound or inbound) or RDS integration has this ARN. */
    public void setGlueStatus(String arn, String status, List<SimError> errors) {
        if (integration(arn).isPresent()) {
            setIntegrationStatus(arn, status, errors);
        } else if (rdsIntegration(arn).isPresent()) {
            setRdsStatus(arn, status, errors);
        } else {
            setInboundStatus(arn, status, errors);
        }
    }

    /**
     * Sets the status (lower case, as Redshift spells it: {@code needs_attention}) and Errors of the integration
     * with this ARN in both Redshift listings, wherever it is listed: one integration, one status.
     */
    public void setRedshiftStatus(String arn, String status, List<SimError> errors) {
        PartitionEstate p = existing(Partition.ofArn(arn));
        AtomicReference<String> from = new AtomicReference<>();
        boolean outbound = p.redshiftIntegrations.computeIfPresent(arn, (k, i) -> {
            from.set(i.status());
            return i.withStatus(status, errors);
        }) != null;
        boolean inbound = p.redshiftInbound.computeIfPresent(arn, (k, i) -> {
            from.compareAndSet(null, i.status());
            return i.withStatus(status, errors);
        }) != null;
        if (!outbound && !inbound) {
            throw new NoSuchElementException("no Redshift integration " + arn);
        }
        statusChanged(arn, outbound ? EstateChange.Owner.REDSHIFT : EstateChange.Owner.REDSHIFT_INBOUND, from.get(),
                status, errors);
    }

    // ---- per-table ingestion ------------------------------------------------------------------------

    /**
     * Records the last ingestion of one table of a Glue integration (outbound or inbound): state that no API
     * lists, only Glue's per-table EventBridge events announce. Fails if Glue has no such integration.
     */
    public void setTableIngestion(String integrationArn, String table, SimTableIngestion ingestion) {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("a table name is required");
        }
        java.util.Objects.requireNonNull(ingestion, "ingestion");
        PartitionEstate p = existing(Partition.ofArn(integrationArn));
        if (!p.integrations.containsKey(integrationArn) && !p.inbound.containsKey(integrationArn)) {
            throw new NoSuchElementException("no Glue integration " + integrationArn);
        }
        p.tablesOf(integrationArn).put(table, ingestion);
        tell(new EstateChange.TableIngestionChanged(integrationArn, table, ingestion));
    }

    public void failTableIngestion(String integrationArn, String table, String errorCode, String errorMessage) {
        setTableIngestion(integrationArn, table, SimTableIngestion.failed(errorCode, errorMessage, Instant.now()));
    }

    public void completeTableIngestion(String integrationArn, String table) {
        setTableIngestion(integrationArn, table, SimTableIngestion.completed(Instant.now()));
    }

    /** The last ingestion of each table of the integration that has had one, by table name. */
    public Map<String, SimTableIngestion> tableIngestions(String integrationArn) {
        ConcurrentNavigableMap<String, SimTableIngestion> tables =
                existing(Partition.ofArn(integrationArn)).tablesByIntegration.get(integrationArn);
        return tables == null ? Map.of() : Map.copyOf(tables);
    }

    /** Sets LastExecutionStatus; a null {@code executionStatus} means never executed (the field is left out). */
    public void setAssociationExecution(String arn, String executionStatus, String statusMessage) {
        PartitionEstate p = existing(Partition.ofArn(arn));
        String di = p.dataIntegrationOfAssociation.get(arn);
        SimAssociation updated = di == null ? null
                : p.associationsOf(di).computeIfPresent(arn, (k, a) -> a.withExecution(executionStatus, statusMessage));
        if (updated == null) {
            throw new NoSuchElementException("no association " + arn);
        }
    }

    /** Removes the resource with this ARN, of any kind (a data integration takes its associations with it). */
    public boolean remove(String arn) {
        PartitionEstate p = existing(Partition.ofArn(arn));
        // an integration that Redshift's inbound listing shows beside its own service's vanishes from both
        boolean redshiftInbound = p.redshiftInbound.remove(arn) != null;
        boolean redshift = p.redshiftIntegrations.remove(arn) != null;
        boolean rds = p.rdsIntegrations.remove(arn) != null;
        EstateChange.Owner owner = p.integrations.remove(arn) != null ? EstateChange.Owner.GLUE
                : p.inbound.remove(arn) != null ? EstateChange.Owner.GLUE_INBOUND
                : rds ? EstateChange.Owner.RDS
                : redshift ? EstateChange.Owner.REDSHIFT
                : redshiftInbound ? EstateChange.Owner.REDSHIFT_INBOUND
                : null;
        if (owner != null) {
            p.tablesByIntegration.remove(arn);
            tell(new EstateChange.Removed(arn, owner));
            return true;
        }
        if (p.dataIntegrations.remove(arn) != null) {
            ConcurrentNavigableMap<String, SimAssociation> gone = p.associationsByDataIntegration.remove(arn);
            if (gone != null) {
                gone.keySet().forEach(p.dataIntegrationOfAssociation::remove);
            }
            return true;
        }
        String di = p.dataIntegrationOfAssociation.remove(arn);
        return di != null && p.associationsView(di).remove(arn) != null;
    }

    /** Counts per partition and status, for the admin API and the demo banner. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pageCap", pageCap == Integer.MAX_VALUE ? null : pageCap);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Partition partition : new TreeMap<>(keyed()).values()) {
            PartitionEstate p = existing(partition);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("account", partition.account());
            row.put("region", partition.region());
            row.put("integrations", countBy(p.integrations.values().stream().map(SimIntegration::status).toList()));
            row.put("inboundIntegrations", countBy(p.inbound.values().stream().map(SimInboundIntegration::status).toList()));
            row.put("redshiftIntegrations", countBy(p.redshiftIntegrations.values().stream()
                    .map(SimRedshiftIntegration::status).toList()));
            row.put("redshiftInboundIntegrations", countBy(p.redshiftInbound.values().stream()
                    .map(SimRedshiftInboundIntegration::status).toList()));
            row.put("dataIntegrations", p.dataIntegrations.size());
            row.put("rdsIntegrations",
                    countBy(p.rdsIntegrations.values().stream().map(SimRdsIntegration::status).toList()));
            row.put("associations", countBy(associations(partition).stream()
                    .map(a -> a.executionStatus() == null ? "NEVER_EXECUTED" : a.executionStatus()).toList()));
            list.add(row);
        }
        out.put("partitions", list);
        return out;
    }

    // ---- package-private views for the protocol handlers ---------------------------------------------

    PartitionEstate view(Partition partition) {
        return existing(partition);
    }

    private void statusChanged(String arn, EstateChange.Owner owner, String from, String to, List<SimError> errors) {
        if (from != null && !from.equals(to)) {
            tell(new EstateChange.StatusChanged(arn, owner, from, to, errors));
        }
    }

    /** A listener's failure is its own: the change is made, and the other listeners are still told. */
    private void tell(EstateChange change) {
        for (Consumer<EstateChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("estate listener failed on a change of {}: {}", change.integrationArn(), e.toString());
                log.debug("estate listener failure", e);
            }
        }
    }

    private Map<String, Partition> keyed() {
        Map<String, Partition> m = new TreeMap<>();
        partitions.keySet().forEach(p -> m.put(p.toString(), p));
        return m;
    }

    private static Map<String, Integer> countBy(List<String> statuses) {
        Map<String, Integer> counts = new TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    private PartitionEstate partition(String arn) {
        return partitions.computeIfAbsent(Partition.ofArn(arn), k -> new PartitionEstate());
    }

    /** Reads never create partitions; an unknown one is simply empty. */
    private PartitionEstate existing(Partition partition) {
        PartitionEstate p = partitions.get(partition);
        return p != null ? p : new PartitionEstate();
    }
}
