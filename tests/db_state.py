"""A fingerprint of every row our apps hold, to prove that a request wrote nothing."""

import hashlib

from django.apps import apps
from django.db import connection

APPS = ("kinerja", "sop")


def _statements() -> list[str]:
    quote = connection.ops.quote_name
    return [
        # Table and column names of our own models, quoted: nothing here comes from a request.
        f"SELECT * FROM {quote(model._meta.db_table)} ORDER BY {quote(model._meta.pk.column)}"  # noqa: S608
        for label in APPS
        # include_auto_created: the many-to-many tables (a cycle's team) are rows too.
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def database_state() -> str:
    """Every row of every table of our apps, hashed.

    Plain SQL, not the ORM: the URL matrix takes this after each of its ~1,000 requests, and
    compiling ~40 querysets each time cost more than the requests themselves. The rows are
    read as the database stores them, so any change to any column changes the hash.
    """
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for sql in _statements():
            cursor.execute(sql)
            digest.update(sql.encode())
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
    return digest.hexdigest()
