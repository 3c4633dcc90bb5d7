-- who registered a model: the verified principal (an API key name, or service:<name>); null for models registered
-- before creators were recorded and for unsigned calls, which only an admin may delete
alter table models add column created_by text;
