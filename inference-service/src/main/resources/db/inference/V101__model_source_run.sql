-- Models imported from another service's run (source = 'run'): the run they came from; null for uploads and presets.
alter table models add column source_run uuid;
