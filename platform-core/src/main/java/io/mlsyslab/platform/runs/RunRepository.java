package io.mlsyslab.platform.runs;

import io.mlsyslab.contract.ArtifactInfo;
import io.mlsyslab.contract.Run;
import io.mlsyslab.contract.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the runs tables of the service's own schema (the connection's search path). */
public class RunRepository {

    private static final String RUN_COLUMNS = "id, kind, status, progress, params, tags, result, error, created_at, "
            + "started_at, finished_at, attempt, created_by";
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};

    /** A run as the executor claims it. */
    public record Claimed(UUID id, String kind, JsonNode params, int attempt) {}

    /** The row an idempotency key already names, with the hash of the request that created it. */
    public record Existing(Run run, String requestHash) {}

    public record MetricPoint(String name, long step, double value, Instant time) {}

    public record Artifact(String name, String contentType, byte[] bytes, Instant createdAt) {}


    /** Keyset position for paging newest-first. */
    public record Cursor(Instant createdAt, UUID id) {}

    public record Filter(String kind, RunStatus status, Map<String, String> tags) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    public RunRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** Inserts a QUEUED run; false when the idempotency key is already taken. */
    public boolean insert(UUID id, String kind, JsonNode params, Map<String, String> tags, String idempotencyKey,
            String requestHash, String createdBy) {
        int rows = jdbc.sql("""
                insert into runs (id, kind, status, params, tags, idempotency_key, request_hash, created_by)
                values (:id, :kind, 'QUEUED', cast(:params as jsonb), cast(:tags as jsonb), :key, :hash, :createdBy)
                on conflict (idempotency_key) do nothing
                """)
                .param("id", id).param("kind", kind).param("params", json.writeValueAsString(params))
                .param("tags", json.writeValueAsString(tags)).param("key", idempotencyKey).param("hash", requestHash)
                .param("createdBy", createdBy)
                .update();
        return rows == 1;
    }

    public Optional<Existing> findByIdempotencyKey(String key) {
        return jdbc.sql("select " + RUN_COLUMNS + ", request_hash from runs where idempotency_key = :key")
                .param("key", key)
                .query((rs, n) -> new Existing(mapRun(rs), rs.getString("request_hash")))
                .optional();
    }

    public Optional<Run> find(UUID id) {
        return jdbc.sql("select " + RUN_COLUMNS + " from runs where id = :id").param("id", id)
                .query((rs, n) -> mapRun(rs)).optional();
    }

    /** Up to {@code limit} runs older than {@code after} (newest first) that match the filter. */
    public List<Run> list(Filter filter, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + RUN_COLUMNS + " from runs where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.kind() != null) {
            sql.append(" and kind = :kind");
            params.put("kind", filter.kind());
        }
        if (filter.status() != null) {
            sql.append(" and status = :status");
            params.put("status", filter.status().name());
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" and tags @> cast(:tags as jsonb)");
            params.put("tags", json.writeValueAsString(filter.tags()));
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (:afterTime, :afterId)");
            params.put("afterTime", Timestamp.from(after.createdAt()));
            params.put("afterId", after.id());
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> mapRun(rs)).list();
    }

    /** Claims the oldest queued run for {@code owner}; concurrent replicas skip each other's locked rows. */
    public Optional<Claimed> claimNext(String owner) {
        return jdbc.sql("""
                update runs set status = 'RUNNING', owner = :owner, attempt = attempt + 1,
                       started_at = coalesce(started_at, now()), heartbeat_at = now()
                where id = (select id from runs where status = 'QUEUED' and not cancel_requested
                            order by created_at, id limit 1 for update skip locked)
                returning id, kind, params, attempt
                """)
                .param("owner", owner)
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("kind"),
                        json.readTree(rs.getString("params")), rs.getInt("attempt")))
                .optional();
    }

    /**
     * Writes heartbeat and progress of a run this owner holds.
     *
     * @return whether cancellation was requested; empty if the run is no longer this owner's (re-queued or cancelled
     *     while unreachable)
     */
    public Optional<Boolean> heartbeat(UUID id, String owner, double progress) {
        return jdbc.sql("""
                update runs set heartbeat_at = now(), progress = :progress
                where id = :id and owner = :owner and status = 'RUNNING'
                returning cancel_requested
                """)
                .param("id", id).param("owner", owner).param("progress", progress)
                .query((rs, n) -> rs.getBoolean(1)).optional();
    }

    /** Ends a run this owner holds; false if it is not (any longer) this owner's. */
    public boolean finish(UUID id, String owner, RunStatus status, JsonNode result, JsonNode error) {
        return jdbc.sql("""
                update runs set status = :status, result = cast(:result as jsonb), error = cast(:error as jsonb),
                       progress = case when :status = 'SUCCEEDED' then 1 else progress end,
                       finished_at = now(), heartbeat_at = now()
                where id = :id and owner = :owner and status = 'RUNNING'
                """)
                .param("status", status.name())
                .param("result", result == null ? null : json.writeValueAsString(result))
                .param("error", error == null ? null : json.writeValueAsString(error))
                .param("id", id).param("owner", owner)
                .update() == 1;
    }

    /** Hands a run back to the queue (graceful shutdown); one whose cancellation was asked for ends CANCELLED. */
    public boolean requeue(UUID id, String owner) {
        return jdbc.sql("""
                update runs set status = case when cancel_requested then 'CANCELLED' else 'QUEUED' end,
                       finished_at = case when cancel_requested then now() else finished_at end,
                       error = case when cancel_requested
                                    then jsonb_build_object('type', 'Cancelled', 'message', 'run cancelled')
                                    else error end,
                       owner = null, heartbeat_at = null
                where id = :id and owner = :owner and status = 'RUNNING'
                """)
                .param("id", id).param("owner", owner).update() == 1;
    }

    /**
     * Re-queues RUNNING runs whose heartbeat is older than {@code staleAfter}; those already started
     * {@code maxAttempts} times fail instead, so a run that crashes its replica cannot crash them all in turn.
     *
     * @return how many runs were re-queued and how many failed
     */
    public int[] recoverStale(Duration staleAfter, int maxAttempts) {
        double seconds = staleAfter.toMillis() / 1000.0;
        int failed = jdbc.sql("""
                update runs set status = 'FAILED', finished_at = now(),
                       error = jsonb_build_object('type', 'Abandoned',
                               'message', 'the replica running it stopped answering ' || attempt || ' times')
                where status = 'RUNNING' and attempt >= :max
                  and heartbeat_at < now() - make_interval(secs => :secs)
                """)
                .param("max", maxAttempts).param("secs", seconds).update();
        int requeued = jdbc.sql("""
                update runs set status = case when cancel_requested then 'CANCELLED' else 'QUEUED' end,
                       finished_at = case when cancel_requested then now() else finished_at end,
                       error = case when cancel_requested
                                    then jsonb_build_object('type', 'Cancelled', 'message', 'run cancelled')
                                    else error end,
                       owner = null, heartbeat_at = null
                where status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => :secs)
                """)
                .param("secs", seconds).update();
        return new int[] {requeued, failed};
    }

    /**
     * Cancels a queued run at once, or flags a running one for its executor.
     *
     * @return the status after the request; empty if the run is already finished or does not exist
     */
    public Optional<RunStatus> requestCancel(UUID id) {
        return jdbc.sql("""
                update runs set cancel_requested = true,
                       status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                       finished_at = case when status = 'QUEUED' then now() else finished_at end,
                       error = case when status = 'QUEUED'
                                    then jsonb_build_object('type', 'Cancelled', 'message', 'cancelled before it started')
                                    else error end
                where id = :id and status in ('QUEUED', 'RUNNING')
                returning status
                """)
                .param("id", id).query((rs, n) -> RunStatus.valueOf(rs.getString(1))).optional();
    }

    public void insertMetrics(UUID runId, List<MetricPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        template.batchUpdate("insert into run_metrics (run_id, name, step, value, time) values (?, ?, ?, ?, ?)",
                points, 500, (ps, p) -> {
                    ps.setObject(1, runId);
                    ps.setString(2, p.name());
                    ps.setLong(3, p.step());
                    ps.setDouble(4, p.value());
                    ps.setTimestamp(5, Timestamp.from(p.time()));
                });
    }

    /** Points per metric series of a run; {@code name} null means all series. */
    public Map<String, Long> metricCounts(UUID runId, String name) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select name, count(*) from run_metrics
                where run_id = :id and (cast(:name as text) is null or name = :name)
                group by name order by name
                """)
                .param("id", runId).param("name", name)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Metric series of a run, each ordered by step; {@code name} null means all series; at most {@code limit} points. */
    public Map<String, List<MetricPoint>> metrics(UUID runId, String name, int limit) {
        Map<String, List<MetricPoint>> series = new LinkedHashMap<>();
        jdbc.sql("""
                select name, step, value, time from run_metrics
                where run_id = :id and (cast(:name as text) is null or name = :name)
                order by name, step, time
                limit :limit
                """)
                .param("id", runId).param("name", name).param("limit", limit)
                .query((rs, n) -> new MetricPoint(rs.getString(1), rs.getLong(2), rs.getDouble(3), instant(rs, 4)))
                .list()
                .forEach(p -> series.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p));
        return series;
    }

    public void putArtifact(UUID runId, String name, String contentType, byte[] bytes) {
        jdbc.sql("""
                insert into run_artifacts (run_id, name, content_type, bytes) values (:id, :name, :type, :bytes)
                on conflict (run_id, name) do update
                   set content_type = excluded.content_type, bytes = excluded.bytes, created_at = now()
                """)
                .param("id", runId).param("name", name).param("type", contentType).param("bytes", bytes).update();
    }

    public Optional<Artifact> artifact(UUID runId, String name) {
        return jdbc.sql("select name, content_type, bytes, created_at from run_artifacts where run_id = :id and name = :name")
                .param("id", runId).param("name", name)
                .query((rs, n) -> new Artifact(rs.getString(1), rs.getString(2), rs.getBytes(3), instant(rs, 4)))
                .optional();
    }

    public List<ArtifactInfo> artifacts(UUID runId) {
        return jdbc.sql("""
                select name, content_type, octet_length(bytes), created_at from run_artifacts
                where run_id = :id order by name
                """)
                .param("id", runId)
                .query((rs, n) -> new ArtifactInfo(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4)))
                .list();
    }

    public long countQueued() {
        return jdbc.sql("select count(*) from runs where status = 'QUEUED'").query(Long.class).single();
    }

    private Run mapRun(ResultSet rs) throws SQLException {
        return new Run(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getDouble("progress"),
                json.readTree(rs.getString("params")),
                json.readValue(rs.getString("tags"), TAGS),
                tree(rs.getString("result")),
                tree(rs.getString("error")),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getInt("attempt"),
                rs.getString("created_by"));
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
