-- Catalogue of stored KV sequences. The store's manifest (mlsyslab.storage.data-dir) is the authority for lengths
-- and data; this table names the sequences, their shape, owner and creation time for listing and auditing.
create table kv_sequences (
    id          uuid primary key,
    layers      integer     not null check (layers > 0),
    kv_heads    integer     not null check (kv_heads > 0),
    head_dim    integer     not null check (head_dim > 0),
    dtype       varchar(8)  not null check (dtype in ('f32', 'f16', 'bf16')),
    owner       varchar(256) not null,
    created_at  timestamptz not null
);
create index kv_sequences_owner on kv_sequences (owner, created_at);
