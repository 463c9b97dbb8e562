"""Exit 0 when the PostgreSQL server of a DATABASE_URL answers (used by `make test`)."""

import sys

import dj_database_url
import psycopg2


def main(url: str) -> int:
    config = dj_database_url.parse(url)
    try:
        psycopg2.connect(
            dbname="postgres",
            user=config.get("USER") or "postgres",
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or "127.0.0.1",
            port=config.get("PORT") or 5432,
            connect_timeout=3,
        ).close()
    except psycopg2.OperationalError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
