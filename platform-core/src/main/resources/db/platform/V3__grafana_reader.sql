-- Read access for Grafana's "Experiment runs" dashboard: role mlsyslab_grafana may read this service's schema.
-- Every service runs this in its own schema (Flyway's defaultSchema), so each grants on its own tables only.
-- The role is created NOLOGIN when missing; an operator gives it a password to let Grafana in
-- (docker compose does that in its PostgreSQL init script). Idempotent, safe when five services start at once,
-- and a no-op (with a notice) where the service's database user may not create roles and no one created it.
DO $$
DECLARE
    target text := '${flyway:defaultSchema}';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mlsyslab_grafana') THEN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            BEGIN
                CREATE ROLE mlsyslab_grafana NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another service created it at the same moment
            END;
        ELSE
            RAISE NOTICE 'role mlsyslab_grafana does not exist and % may not create it: Grafana cannot read schema %',
                current_user, target;
            RETURN;
        END IF;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO mlsyslab_grafana', target);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO mlsyslab_grafana', target);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO mlsyslab_grafana', target);
END
$$;
