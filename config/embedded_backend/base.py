"""The embedded server's address is looked up (the server started) on each new connection.

Everything else is Django's PostgreSQL backend. Test databases are created
through it too: the test runner's maintenance connection ("postgres") starts
the server in each pytest-xdist worker that needs it.

Each new connection asks ``embedded_address`` first, which restarts a server
that stopped (config/database.py). A connection that still fails because the
server went away in between (socket gone, "shutting down", refused) is tried
once more after that check, so a stop between two requests costs the reader
nothing but the restart.
"""

from django.db.backends.postgresql import base as postgresql
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient

from config.database import EMBEDDED_DB_NAME, embedded_address

#: Connection errors that mean the server is gone or going, not that we asked wrongly.
SERVER_GONE = (
    "no such file or directory",
    "connection refused",
    "shutting down",
    "starting up",
    "terminating connection",
    "server closed the connection",
)


class DatabaseClient(PostgresClient):
    def runshell(self, parameters):
        self.connection.fill_address()  # dbshell reads the settings without connecting
        super().runshell(parameters)


class DatabaseWrapper(postgresql.DatabaseWrapper):
    client_class = DatabaseClient

    def fill_address(self):
        """Start, join or restart the server; put its socket directory and port in the settings."""
        # Only the project's own database is created on demand: the test runner
        # creates (and names) the test databases itself.
        wanted = EMBEDDED_DB_NAME if self.settings_dict["NAME"] == EMBEDDED_DB_NAME else None
        self.settings_dict["HOST"], self.settings_dict["PORT"] = embedded_address(wanted)

    def get_connection_params(self):
        self.fill_address()
        return super().get_connection_params()

    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except self.Database.OperationalError as error:
            if not any(sign in str(error).lower() for sign in SERVER_GONE):
                raise
        return super().get_new_connection(self.get_connection_params())
