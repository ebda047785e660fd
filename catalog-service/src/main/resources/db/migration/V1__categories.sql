-- Categories that products are filed under. The slug is the identity and appears in URLs.
CREATE TABLE categories (
    slug       VARCHAR(64)  PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       VARCHAR(100) NOT NULL CHECK (length(btrim(name)) > 0),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX categories_name_idx ON categories (name);
