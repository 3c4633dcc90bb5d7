#!/bin/sh
# PostgreSQL init script (docker compose mounts it into /docker-entrypoint-initdb.d; runs once, on an empty volume):
# the login role Grafana's Experiment runs dashboard uses. The services' platform migration
# (db/platform/V3__grafana_reader.sql) grants it read access to each service schema.
# On a volume initialised before this script existed: ALTER ROLE mlsyslab_grafana LOGIN PASSWORD '...';
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$GRAFANA_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE mlsyslab_grafana LOGIN PASSWORD :'pw';
SQL
