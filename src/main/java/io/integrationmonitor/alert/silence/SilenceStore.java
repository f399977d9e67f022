package io.integrationmonitor.alert.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.state.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Run-time silences in {@code alert_silence}. */
public final class SilenceStore {
    private static final Logger log = LoggerFactory.getLogger(SilenceStore.class);

    private final Jdbc jdbc;
    private final ObjectMapper json;
    /** Ids of unreadable rows already reported: each is logged once per process, not once per poll. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public SilenceStore(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void create(Silence s) {
        jdbc.inTransaction("creating a silence", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_silence (id, matchers_json, starts_at, "
                    + "ends_at, comment, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.id());
                ps.setString(2, Json.write(json, s.matchers()));
                Jdbc.setInstant(ps, 3, s.startsAt());
                Jdbc.setInstant(ps, 4, s.endsAt());
                ps.setString(5, s.comment());
                ps.setString(6, s.createdBy());
                Jdbc.setInstant(ps, 7, s.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    public boolean delete(String id) {
        return jdbc.inTransaction("deleting a silence", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_silence WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public List<Silence> all() {
        return jdbc.withConnection("reading silences", c -> {
            List<Silence> silences = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alert_silence ORDER BY starts_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MatchConfig matchers;
                    String id = rs.getString("id");
                    try {
                        matchers = json.readValue(rs.getString("matchers_json"), MatchConfig.class);
                    } catch (JsonProcessingException e) {
                        // E.g. stored before the matcher limits: one bad row must not stop every evaluation.
                        if (warned.add(id)) {
                            log.warn("ignoring run-time silence {}: its matchers are invalid now; delete it", id);
                            log.debug("unreadable silence {}", id, e);
                        }
                        continue;
                    }
                    silences.add(new Silence(id, matchers, Jdbc.instantOrNull(rs, "starts_at"),
                            Jdbc.instantOrNull(rs, "ends_at"), rs.getString("comment"), rs.getString("created_by"),
                            Jdbc.instantOrNull(rs, "created_at")));
                }
            }
            return silences;
        });
    }
}
