-- Experiment runs: the control plane shared by every service (one copy per service schema).
create table runs (
    id               uuid primary key,
    kind             text        not null,
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    params           jsonb       not null,
    result           jsonb,
    error            jsonb,
    progress         double precision not null default 0,
    tags             jsonb       not null default '{}'::jsonb,
    idempotency_key  text unique,
    request_hash     text,
    owner            text,
    attempt          integer     not null default 0,
    cancel_requested boolean     not null default false,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz
);

-- the executor's claim query scans only queued rows, oldest first
create index runs_queued on runs (created_at, id) where status = 'QUEUED';
-- the stale-run sweep
create index runs_running on runs (heartbeat_at) where status = 'RUNNING';
-- listing: newest first, keyset paging on (created_at, id)
create index runs_listing on runs (created_at desc, id desc);
create index runs_kind_listing on runs (kind, created_at desc, id desc);
create index runs_tags on runs using gin (tags jsonb_path_ops);

create table run_metrics (
    run_id uuid             not null references runs (id) on delete cascade,
    name   text             not null,
    step   bigint           not null,
    value  double precision not null,
    time   timestamptz      not null default now()
);
create index run_metrics_series on run_metrics (run_id, name, step);

create table run_artifacts (
    run_id       uuid        not null references runs (id) on delete cascade,
    name         text        not null,
    content_type text        not null,
    bytes        bytea       not null,
    created_at   timestamptz not null default now(),
    primary key (run_id, name)
);
