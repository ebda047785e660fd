-- Provisions what dev.storefront.infra.DatabaseProvisioner provisions (docs/adr/0005): database storefront,
-- one login role per service, one schema per service owned by its role, nothing granted to PUBLIC.
-- Idempotent: safe to run again.
--
-- Runs as a superuser, either
--   * by the official postgres image from /docker-entrypoint-initdb.d (first start of an empty data directory), or
--   * by hand:  psql -v ON_ERROR_STOP=1 -h HOST -U postgres -d postgres -f deploy/postgres/init.sql
--
-- Passwords of the service roles, first found wins:
--   1. psql variables:        -v catalog_password=... -v order_password=... -v notification_password=...
--   2. environment variables: CATALOG_DB_PASSWORD, ORDER_DB_PASSWORD, NOTIFICATION_DB_PASSWORD
--   3. the role name (local use only)
-- Needs psql 15 or newer (\getenv).

\set ON_ERROR_STOP on

\if :{?catalog_password}
\else
  \getenv catalog_password CATALOG_DB_PASSWORD
\endif
\if :{?catalog_password}
\else
  \set catalog_password catalog_service
\endif

\if :{?order_password}
\else
  \getenv order_password ORDER_DB_PASSWORD
\endif
\if :{?order_password}
\else
  \set order_password order_service
\endif

\if :{?notification_password}
\else
  \getenv notification_password NOTIFICATION_DB_PASSWORD
\endif
\if :{?notification_password}
\else
  \set notification_password notification_service
\endif

-- The database. CREATE DATABASE cannot run in a DO block, hence \gexec.
SELECT 'CREATE DATABASE storefront'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'storefront')
\gexec

-- One login role per service.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['catalog_service', 'order_service', 'notification_service'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', role_name);
    END IF;
  END LOOP;
END
$$;

ALTER ROLE catalog_service LOGIN PASSWORD :'catalog_password';
ALTER ROLE order_service LOGIN PASSWORD :'order_password';
ALTER ROLE notification_service LOGIN PASSWORD :'notification_password';

-- Only the service roles (and superusers) may connect.
REVOKE ALL ON DATABASE storefront FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE storefront TO catalog_service, order_service, notification_service;

\connect storefront

-- Nobody gets the public schema; each role owns its schema and PUBLIC gets nothing in it.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS catalog AUTHORIZATION catalog_service;
ALTER SCHEMA catalog OWNER TO catalog_service;
REVOKE ALL ON SCHEMA catalog FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS orders AUTHORIZATION order_service;
ALTER SCHEMA orders OWNER TO order_service;
REVOKE ALL ON SCHEMA orders FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS notification AUTHORIZATION notification_service;
ALTER SCHEMA notification OWNER TO notification_service;
REVOKE ALL ON SCHEMA notification FROM PUBLIC;
