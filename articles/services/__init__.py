"""The editorial writes: one service per act, each the only home of its rules.

    save      editing.article_save (its precondition: editing.article_check_save)
    publish, schedule, withdraw, submit          workflow.article_*
    restore (and recover a deleted article)      restore.article_restore
    save an update on its own page               updates.update_save (its article's lock moves)
    merge terms and tags                         taxonomy.services

Each one checks the move and the edit lock (rules.py), applies the date rules (publishing
without a date publishes now; a publication date that has passed is fixed), stamps the editor
(created_by, modified_by) and records one version with its reason as the comment, in one
transaction. A refusal raises WorkflowError (StaleEdit for a save overtaken by another)
with a message for the editor; nothing is written then. The admin, commands and scripts
call these; callers import the package: ``from articles import services``.
"""

from .editing import article_check_save, article_save
from .restore import article_restore
from .rules import (
    EDITABLE_BY_AUTHOR,
    TRANSITIONS,
    StaleEdit,
    WorkflowError,
    allowed_statuses,
    can_edit,
    check_schedule_at,
    check_transition,
)
from .updates import update_check_save, update_save
from .workflow import article_publish, article_schedule, article_submit, article_withdraw

__all__ = [
    "EDITABLE_BY_AUTHOR",
    "TRANSITIONS",
    "StaleEdit",
    "WorkflowError",
    "allowed_statuses",
    "article_check_save",
    "article_publish",
    "article_restore",
    "article_save",
    "article_schedule",
    "article_submit",
    "article_withdraw",
    "can_edit",
    "check_schedule_at",
    "check_transition",
    "update_check_save",
    "update_save",
]
