"""Django's loaddata, with one readable line (file, object, why) instead of a traceback.

Nothing changes when it fails: Django loads every fixture in one transaction.
"""

from django.core.management.base import CommandError
from django.core.management.commands import loaddata

from articles.management.fixture_errors import FIXTURE_ERRORS, fixture_problem


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        self._saved, self._saving = None, False
        try:
            return super().handle(*fixture_labels, **options)
        except FIXTURE_ERRORS as error:
            # An error while saving is that object's; one while reading, the next one's.
            number = None if self._saved is None else self._saved + (0 if self._saving else 1)
            problem = fixture_problem(error, object_number=number, labels=fixture_labels)
            raise CommandError(f"Nothing loaded. {problem}") from None

    def load_label(self, fixture_label):
        self._saved = 0
        super().load_label(fixture_label)
        self._saved = None  # every file read: a later error is not one file's

    def save_obj(self, obj):
        self._saved += 1
        self._saving = True  # left True if the save raises: handle() reads it
        saved = super().save_obj(obj)
        self._saving = False
        return saved
