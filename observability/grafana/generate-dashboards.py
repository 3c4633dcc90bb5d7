#!/usr/bin/env python3
"""Writes the Grafana dashboards of mlsys-lab (dashboards/*.json, fixed uids). The JSON files are what Grafana,
docker compose and k8s/components/monitoring load; edit this script and run it again to change them:
    python3 observability/grafana/generate-dashboards.py
deploy-tests checks every file (uids, datasources, metrics used, SQL against the real schema)."""
import json
import os

PROM = {"type": "prometheus", "uid": "mlsyslab-prometheus"}
PG = {"type": "grafana-postgresql-datasource", "uid": "mlsyslab-postgres"}
SERVICES = ["storage", "inference", "training", "network", "analytics"]
RATE = "$__rate_interval"
SEL = 'application=~"$application", instance=~"$instance"'


def app_vars(default=".*", include_all=True):
    return [
        {"name": "application", "label": "application", "type": "query", "datasource": PROM,
         "query": {"query": "label_values(process_uptime_seconds, application)", "refId": "application"},
         "definition": "label_values(process_uptime_seconds, application)",
         "includeAll": include_all, "multi": True, "allValue": ".*", "refresh": 2,
         "current": {"text": "All", "value": "$__all"} if default == ".*" else {"text": default, "value": default}},
        {"name": "instance", "label": "instance", "type": "query", "datasource": PROM,
         "query": {"query": 'label_values(process_uptime_seconds{application=~"$application"}, instance)',
                   "refId": "instance"},
         "definition": 'label_values(process_uptime_seconds{application=~"$application"}, instance)',
         "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2,
         "current": {"text": "All", "value": "$__all"}},
    ]


class Board:
    def __init__(self, uid, title, tags, description):
        self.uid, self.title, self.tags, self.description = uid, title, tags, description
        self.panels, self.y, self.next_id = [], 0, 1
        self.variables = []

    def row(self, title):
        self.panels.append({"id": self.next_id, "type": "row", "title": title, "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.next_id += 1
        self.y += 1
        self.x = 0

    def panel(self, title, targets, kind="timeseries", unit="short", w=12, h=8, description="", ds=PROM,
              options=None):
        if getattr(self, "x", 0) + w > 24:
            self.x = 0
            self.y += h
        p = {"id": self.next_id, "type": kind, "title": title, "description": description, "datasource": ds,
             "gridPos": {"h": h, "w": w, "x": getattr(self, "x", 0), "y": self.y},
             "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
             "options": options or {}, "targets": []}
        for i, t in enumerate(targets):
            ref = chr(ord("A") + i)
            if ds is PG:
                p["targets"].append({"refId": ref, "datasource": ds, "editorMode": "code", "format": t[1],
                                     "rawQuery": True, "rawSql": t[0]})
            else:
                expr, legend = t
                p["targets"].append({"refId": ref, "datasource": ds, "expr": expr, "legendFormat": legend})
        self.panels.append(p)
        self.next_id += 1
        self.x = getattr(self, "x", 0) + w
        if self.x >= 24:
            self.x = 0
            self.y += h

    def write(self, directory):
        board = {"uid": self.uid, "title": self.title, "description": self.description, "tags": self.tags,
                 "timezone": "browser", "schemaVersion": 39, "version": 1, "editable": True,
                 "time": {"from": "now-1h", "to": "now"}, "refresh": "30s",
                 "templating": {"list": self.variables}, "annotations": {"list": []}, "links": [],
                 "panels": self.panels}
        with open(os.path.join(directory, self.uid.removeprefix("mlsyslab-") + ".json"), "w") as f:
            json.dump(board, f, indent=2)
            f.write("\n")


def runs_rows(b, application):
    sel = f'application="{application}", instance=~"$instance"'
    b.row(f"Runs of {application}")
    b.panel("Runs queued and running", [
        (f"max(runs_queue_depth{{{sel}}})", "queued"),
        (f"sum(runs_active{{{sel}}})", "running")], w=8)
    b.panel("Runs finished per kind and status", [
        (f"sum by (kind, status) (increase(runs_finished_total{{{sel}}}[{RATE}]))", "{{kind}} {{status}}")], w=8)
    b.panel("Run duration p95 per kind", [
        (f"histogram_quantile(0.95, sum by (le, kind) (rate(runs_duration_seconds_bucket{{{sel}}}[{RATE}])))",
         "{{kind}}")], unit="s", w=8)


def http_row(b, application):
    sel = f'application="{application}", instance=~"$instance"'
    b.row(f"HTTP API of {application}")
    b.panel("Requests/s per endpoint", [
        (f'sum by (method, uri) (rate(http_server_requests_seconds_count{{{sel}, uri!~"/actuator.*"}}[{RATE}]))',
         "{{method}} {{uri}}")], unit="reqps")
    b.panel("Latency p95 per endpoint", [
        (f'histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket{{{sel}, '
         f'uri!~"/actuator.*"}}[{RATE}])))', "{{uri}}")], unit="s")


def overview():
    b = Board("mlsyslab-platform-overview", "mlsys-lab / Platform overview", ["mlsys-lab"],
              "Gateway traffic, errors and refusals; which apps are up; JVM health per app; runs per kind.")
    b.variables = app_vars()
    gw = 'application="gateway"'
    b.row("Gateway")
    b.panel("Requests/s per route", [
        (f"sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{gw}}}[{RATE}]))", "{{routeId}}")],
        unit="reqps", w=8)
    b.panel("Latency percentiles per route", [
        (f"histogram_quantile(0.5, sum by (le, routeId) (rate(spring_cloud_gateway_requests_seconds_bucket{{{gw}}}[{RATE}])))", "p50 {{routeId}}"),
        (f"histogram_quantile(0.95, sum by (le, routeId) (rate(spring_cloud_gateway_requests_seconds_bucket{{{gw}}}[{RATE}])))", "p95 {{routeId}}"),
        (f"histogram_quantile(0.99, sum by (le, routeId) (rate(spring_cloud_gateway_requests_seconds_bucket{{{gw}}}[{RATE}])))", "p99 {{routeId}}")],
        unit="s", w=8)
    b.panel("5xx ratio per route", [
        (f'sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{gw}, httpStatusCode=~"5.."}}[{RATE}])) '
         f"/ sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{gw}}}[{RATE}]))", "{{routeId}}")],
        unit="percentunit", w=8)
    b.panel("401 / 403 / 429 answered by the gateway", [
        (f'sum by (status) (increase(gateway_problems_total{{{gw}, status=~"401|403|429"}}[{RATE}]))', "{{status}}")],
        w=12)
    b.panel("Circuit breakers (1 = open)", [
        (f'max by (name) (resilience4j_circuitbreaker_state{{{gw}, state="open"}})', "{{name}}")], w=12)
    b.row("Apps")
    b.panel("Up", [('up{application=~"$application"}', "{{application}} {{instance}}")], kind="stat", w=24, h=4,
            options={"colorMode": "background", "graphMode": "none", "textMode": "value_and_name"})
    b.panel("JVM heap used", [
        (f'sum by (application, instance) (jvm_memory_used_bytes{{{SEL}, area="heap"}})', "{{application}} {{instance}}")],
        unit="bytes", w=8)
    b.panel("GC pause time per second", [
        (f"sum by (application, instance) (rate(jvm_gc_pause_seconds_sum{{{SEL}}}[{RATE}]))", "{{application}} {{instance}}")],
        unit="s", w=8)
    b.panel("Live threads", [
        (f"sum by (application, instance) (jvm_threads_live_threads{{{SEL}}})", "{{application}} {{instance}}")], w=8)
    b.row("Runs")
    b.panel("Queued", [(f"max by (application) (runs_queue_depth{{{SEL}}})", "{{application}}")], w=8)
    b.panel("Running", [(f"sum by (application) (runs_active{{{SEL}}})", "{{application}}")], w=8)
    b.panel("Failed per kind", [
        (f'sum by (application, kind) (increase(runs_finished_total{{{SEL}, status="FAILED"}}[{RATE}]))',
         "{{application}} {{kind}}")], w=8)
    return b


def network():
    b = Board("mlsyslab-network", "mlsys-lab / network", ["mlsys-lab", "network"],
              "Fabric analyses (synchronous) and their duration, the network service's runs and HTTP API.")
    b.variables = app_vars("network")
    sel = 'application="network", instance=~"$instance"'
    b.row("Fabric analyses")
    b.panel("Analyses/s per topology and workload", [
        (f"sum by (topology, workload) (rate(network_fabric_analysis_seconds_count{{{sel}}}[{RATE}]))",
         "{{topology}} {{workload}}")], unit="reqps")
    b.panel("Mean analysis duration", [
        (f"sum by (topology) (rate(network_fabric_analysis_seconds_sum{{{sel}}}[{RATE}])) / "
         f"sum by (topology) (rate(network_fabric_analysis_seconds_count{{{sel}}}[{RATE}]))", "{{topology}}")],
        unit="s")
    runs_rows(b, "network")
    http_row(b, "network")
    return b


def analytics():
    b = Board("mlsyslab-analytics", "mlsys-lab / analytics", ["mlsys-lab", "analytics"],
              "KDE query points and kernel pairs evaluated per second, request latency, the analytics runs (kde-regimes, run-metric-density).")
    b.variables = app_vars("analytics")
    sel = 'application="analytics", instance=~"$instance"'
    b.row("Kernel density estimation")
    b.panel("KDE query points evaluated/s", [
        (f"sum by (kernel) (rate(analytics_kde_evaluations_total{{{sel}}}[{RATE}]))", "{{kernel}}")], w=8)
    b.panel("Kernel pairs/s (data x query points)", [
        (f"sum by (kernel) (rate(analytics_kde_pairs_total{{{sel}}}[{RATE}]))", "{{kernel}}")], w=8)
    b.panel("Mean evaluation time per request", [
        (f"sum(rate(analytics_kde_evaluation_seconds_sum{{{sel}}}[{RATE}])) / "
         f"sum(rate(analytics_kde_evaluation_seconds_count{{{sel}}}[{RATE}]))", "mean")], unit="s", w=8)
    b.panel("KDE requests/s", [
        (f'sum by (uri) (rate(http_server_requests_seconds_count{{{sel}, uri=~"/api/analytics/kde.*"}}[{RATE}]))',
         "{{uri}}")], unit="reqps")
    b.panel("KDE latency p95", [
        (f'histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket{{{sel}, '
         f'uri=~"/api/analytics/kde.*"}}[{RATE}])))', "{{uri}}")], unit="s")
    runs_rows(b, "analytics")
    http_row(b, "analytics")
    return b


def storage():
    b = Board("mlsyslab-storage", "mlsys-lab / storage", ["mlsys-lab", "storage"],
              "KV-cache offload: bytes scanned by in-storage attention and bytes moved over the link; disk space.")
    b.variables = app_vars("storage")
    sel = 'application="storage", instance=~"$instance"'
    b.row("KV cache (storage domain metrics)")
    b.panel("Attention bytes scanned/s", [
        (f"sum(rate(kv_attention_bytes_scanned_bytes_total{{{sel}}}[{RATE}]))", "scanned")], unit="Bps", w=8)
    b.panel("Link bytes/s (emulated host link)", [
        (f"sum(rate(kv_link_bytes_total{{{sel}}}[{RATE}]))", "link")], unit="Bps", w=8)
    b.panel("Attention latency p50 / p95", [
        (f"histogram_quantile(0.5, sum by (le) (rate(kv_attention_latency_seconds_bucket{{{sel}}}[{RATE}])))", "p50"),
        (f"histogram_quantile(0.95, sum by (le) (rate(kv_attention_latency_seconds_bucket{{{sel}}}[{RATE}])))", "p95")],
        unit="s", w=8)
    b.panel("Pages written/s", [(f"sum(rate(kv_pages_written_total{{{sel}}}[{RATE}]))", "written")], w=8)
    b.panel("Store size", [
        (f"sum(kv_store_size_bytes{{{sel}}})", "store bytes")], unit="bytes", w=8)
    b.panel("Sequences stored", [(f"sum(kv_sequences{{{sel}}})", "sequences")], w=8)
    b.panel("Disk free", [(f"min by (path) (disk_free_bytes{{{sel}}})", "{{path}}")], unit="bytes", w=24)
    runs_rows(b, "storage")
    http_row(b, "storage")
    return b


def inference():
    b = Board("mlsyslab-inference", "mlsys-lab / inference", ["mlsys-lab", "inference"],
              "Serving: tokens/s, time to first token and time per output token.")
    b.variables = app_vars("inference")
    sel = 'application="inference", instance=~"$instance"'
    b.row("Serving (inference domain metrics)")
    b.panel("Tokens generated/s", [
        (f"sum(rate(inference_tokens_generated_total{{{sel}}}[{RATE}]))", "tokens/s")], w=8)
    b.panel("Time to first token p50 / p95", [
        (f"histogram_quantile(0.5, sum by (le) (rate(inference_time_to_first_token_seconds_bucket{{{sel}}}[{RATE}])))", "p50"),
        (f"histogram_quantile(0.95, sum by (le) (rate(inference_time_to_first_token_seconds_bucket{{{sel}}}[{RATE}])))", "p95")],
        unit="s", w=8)
    b.panel("Time per output token p50 / p95", [
        (f"histogram_quantile(0.5, sum by (le) (rate(inference_time_per_output_token_seconds_bucket{{{sel}}}[{RATE}])))", "p50"),
        (f"histogram_quantile(0.95, sum by (le) (rate(inference_time_per_output_token_seconds_bucket{{{sel}}}[{RATE}])))", "p95")],
        unit="s", w=8)
    b.panel("Requests running / waiting", [
        (f"sum(inference_requests_running{{{sel}}})", "running"),
        (f"sum(inference_requests_waiting{{{sel}}})", "waiting")], w=8)
    b.panel("KV memory used", [(f"sum(inference_kv_memory_used_bytes{{{sel}}})", "used")], unit="bytes", w=8)
    b.panel("Preemptions/s", [(f"sum(rate(inference_preemptions_total{{{sel}}}[{RATE}]))", "preemptions")], w=8)
    b.panel("Executor busy share (compute / memory / network)", [
        (f"sum by (executor) (rate(inference_executor_busy_seconds_total{{{sel}}}[{RATE}]))", "{{executor}}")],
        unit="percentunit", w=24)
    runs_rows(b, "inference")
    http_row(b, "inference")
    return b


def training():
    b = Board("mlsyslab-training", "mlsys-lab / training", ["mlsys-lab", "training"],
              "Training: loss and bytes synchronised between workers (data-parallel, DiLoCo, Streaming DiLoCo).")
    b.variables = app_vars("training")
    sel = 'application="training", instance=~"$instance"'
    b.row("Training (training domain metrics)")
    b.panel("Loss per run (train / held-out)", [
        (f"training_loss_train{{{sel}}}", "train {{run}}"),
        (f"training_loss_eval{{{sel}}}", "eval {{run}}")])
    b.panel("Bytes synchronised/s (counted at the transport)", [
        (f"sum by (kind) (rate(training_bytes_sent_bytes_total{{{sel}}}[{RATE}]))", "{{kind}}")], unit="Bps")
    b.panel("Tokens/s (all workers)", [
        (f"sum by (kind) (rate(training_tokens_total{{{sel}}}[{RATE}]))", "{{kind}}")], w=12)
    b.panel("Synchronisations/s", [
        (f"sum by (kind) (rate(training_syncs_total{{{sel}}}[{RATE}]))", "{{kind}}")], w=12)
    runs_rows(b, "training")
    http_row(b, "training")
    return b


def union(select):
    return "\nUNION ALL\n".join(select.format(s=s) for s in SERVICES)


def experiment_runs():
    b = Board("mlsyslab-experiment-runs", "mlsys-lab / Experiment runs", ["mlsys-lab", "runs"],
              "Runs of every service from PostgreSQL (read-only role mlsyslab_grafana): counts by kind and status, "
              "durations, and one run's metric series.")
    b.variables = [
        {"name": "service", "label": "service", "type": "custom", "query": ",".join(SERVICES),
         "current": {"text": "analytics", "value": "analytics"},
         "options": [{"text": s, "value": s, "selected": s == "analytics"} for s in SERVICES]},
        {"name": "run_id", "label": "run", "type": "query", "datasource": PG, "refresh": 2,
         "query": "SELECT id::text AS __value, kind || ' ' || to_char(created_at, 'YYYY-MM-DD HH24:MI') || ' ' || "
                  "status AS __text FROM ${service}.runs ORDER BY created_at DESC LIMIT 100",
         "definition": "runs of $service, newest first"},
        {"name": "metric", "label": "metric", "type": "query", "datasource": PG, "refresh": 2, "multi": True,
         "includeAll": True,
         "query": "SELECT DISTINCT name FROM ${service}.run_metrics WHERE run_id::text = '${run_id}' ORDER BY name",
         "definition": "metric series of the run"},
    ]
    b.row("All services")
    b.panel("Runs by service, kind and status", [(union(
        "SELECT '{s}' AS service, kind, status, count(*) AS runs FROM {s}.runs "
        "WHERE $__timeFilter(created_at) GROUP BY kind, status") + "\nORDER BY service, kind, status", "table")],
        kind="table", ds=PG, w=12, h=10)
    b.panel("Run durations (finished runs)", [(union(
        "SELECT finished_at AS time, '{s}/' || kind AS metric, "
        "extract(epoch FROM finished_at - started_at) AS value FROM {s}.runs "
        "WHERE finished_at IS NOT NULL AND started_at IS NOT NULL AND $__timeFilter(finished_at)")
        + "\nORDER BY time", "time_series")], ds=PG, unit="s", w=12, h=10,
        options={"drawStyle": "points"})
    b.row("One run ($service)")
    b.panel("Run", [("SELECT kind, status, attempt, created_at, started_at, finished_at, owner, tags::text AS tags "
                     "FROM ${service}.runs WHERE id::text = '${run_id}'", "table")], kind="table", ds=PG, w=24, h=4)
    b.panel("Metric series of the run", [(
        "SELECT step AS time, name AS metric, value FROM ${service}.run_metrics "
        "WHERE run_id::text = '${run_id}' AND name IN (${metric:sqlstring}) ORDER BY step", "time_series")],
        ds=PG, w=24, h=10, description="x = step (plotted as milliseconds since the epoch)")
    return b


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards")
    for board in [overview(), network(), analytics(), storage(), inference(), training(), experiment_runs()]:
        board.write(out)
