"""The embedded server's address is looked up (the server started) on first connection.

Everything else is Django's PostgreSQL backend. Test databases are created
through it too: the test runner's maintenance connection ("postgres") starts
the server in each pytest-xdist worker that needs it.
"""

from django.db.backends.postgresql import base as postgresql
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient

from config.database import EMBEDDED_DB_NAME, embedded_address


class DatabaseClient(PostgresClient):
    def runshell(self, parameters):
        self.connection.fill_address()  # dbshell reads the settings without connecting
        super().runshell(parameters)


class DatabaseWrapper(postgresql.DatabaseWrapper):
    client_class = DatabaseClient

    def fill_address(self):
        """Start or join the server; put its socket directory and port in the settings."""
        # Only the project's own database is created on demand: the test runner
        # creates (and names) the test databases itself.
        wanted = EMBEDDED_DB_NAME if self.settings_dict["NAME"] == EMBEDDED_DB_NAME else None
        self.settings_dict["HOST"], self.settings_dict["PORT"] = embedded_address(wanted)

    def get_connection_params(self):
        self.fill_address()
        return super().get_connection_params()
