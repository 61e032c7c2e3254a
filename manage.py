#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    # Django's execute_from_command_line, with one line instead of a traceback
    # when the database cannot be reached.
    from config.commandline import execute

    execute(sys.argv)


if __name__ == "__main__":
    main()
