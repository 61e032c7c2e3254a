"""The database router: reads go where ``config.replicas`` says, everything else to the primary.

Installed always (``DATABASE_ROUTERS``); with no replica configured every answer is the
primary. The domain knows nothing of it: the router, not the models, decides.
"""

from django.db import DEFAULT_DB_ALIAS

from config import replicas


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        # Also for related objects of an instance read from a replica: outside a
        # replica-reading request they are read from the primary, not from where
        # the instance came from.
        return replicas.alias_for_read()

    def db_for_write(self, model, **hints):
        # Also select_for_update(), get_or_create() and the like (Django asks for a
        # write database for them).
        replicas.note_write()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every database holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db not in replicas.replica_aliases()
