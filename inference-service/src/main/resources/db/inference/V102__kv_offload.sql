-- Default KV placement of a model's requests: none (the engine's paged memory) | storage (storage-service).
alter table models add column kv_offload varchar(16) not null default 'none';
