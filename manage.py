#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if (
        sys.argv[1:2] == ["runserver"]
        and not os.environ.get("DATABASE_URL")
        and os.environ.get("RUN_MAIN") != "true"
    ):
        # The reloader's parent process never connects, so it would hold no handle on
        # the embedded server, and every code reload (the child's exit) would stop it.
        from config.database import embedded_address

        embedded_address()
    # Django's execute_from_command_line, with one line instead of a traceback
    # when the database cannot be reached.
    from config.commandline import execute

    execute(sys.argv)


if __name__ == "__main__":
    main()
