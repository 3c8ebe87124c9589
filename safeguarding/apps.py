import logging

from django.apps import AppConfig

HIDDEN = "(a query on safeguarding tables: hidden, as its values can be what a concern says)"


class HideConcernQueries(logging.Filter):
    """With DEBUG on, Django logs every SQL query with its values at DEBUG level: an INSERT into
    the concerns table would put a concern's words in the log. Keep the timing, drop the SQL."""

    def filter(self, record):
        sql = getattr(record, "sql", None)
        if sql is not None and "safeguarding_" in str(sql):
            record.sql, record.params = HIDDEN, None
            duration = getattr(record, "duration", 0.0)
            record.args = (duration, HIDDEN, None, getattr(record, "alias", ""))
        return True


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding concerns"

    def ready(self):
        backends = logging.getLogger("django.db.backends")
        if not any(isinstance(f, HideConcernQueries) for f in backends.filters):
            backends.addFilter(HideConcernQueries())
