-- Served models: metadata here, weights under mlsyslab.inference.model-dir/<id>/ (uploads only).
create table models (
    id              varchar(64)  primary key,
    source          varchar(16)  not null,   -- upload | random
    preset          varchar(64),             -- random only
    seed            bigint,                  -- random only
    vocab_size      integer      not null,
    n_positions     integer      not null,
    n_embd          integer      not null,
    n_layer         integer      not null,
    n_head          integer      not null,
    parameters      bigint       not null,
    tokenizer       varchar(16)  not null,   -- gpt2-bpe | char | byte | none
    bytes           bigint       not null,   -- bytes on disk
    created_at      timestamptz  not null
);
