-- who created a run: the API key name the gateway forwards as X-Lab-Principal (null for direct calls)
alter table runs add column created_by text;
