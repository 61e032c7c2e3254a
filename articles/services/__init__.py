"""The editorial writes: one service per act, each the only home of its rules.

    save      editing.article_save (its precondition: editing.article_check_save)
    stage, publish, schedule or discard changes to a published article   staged.article_*
    retract a published update or correction     updates.update_retract
    comment, reply, resolve, reopen              comments.comment_*
    publish, schedule, withdraw, submit, return  workflow.article_*
    notify the people concerned (in the act)     notify.notify_* (sent by outbox.outbox_send)
    restore (and recover a deleted article)      restore.article_restore
    save an update on its own page               updates.update_save (its article's lock moves)
    merge terms and tags                         taxonomy.services
    import a WordPress export (WXR)              wxr_import.wxr_import

Each one checks the move and the edit lock (rules.py), applies the date rules (publishing
without a date publishes now; a publication date that has passed is fixed), stamps the editor
(created_by, modified_by) and records one version with its reason as the comment, in one
transaction. A refusal raises WorkflowError (StaleEdit for a save overtaken by another)
with a message for the editor; nothing is written then. The admin, commands and scripts
call these; callers import the package: ``from articles import services``.
"""

from .comments import can_comment, can_resolve, comment_add, comment_resolve
from .editing import article_check_save, article_save
from .notify import notification_preference_set
from .outbox import outbox_send
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
from .staged import (
    apply_due_changes,
    article_discard_changes,
    article_publish_changes,
    article_schedule_changes,
    article_stage_changes,
    is_staged_save,
    previewing_changes,
)
from .state import state_of
from .updates import update_check_save, update_retract, update_save
from .workflow import (
    article_publish,
    article_return,
    article_schedule,
    article_submit,
    article_withdraw,
)
from .wxr_import import wxr_import

__all__ = [
    "EDITABLE_BY_AUTHOR",
    "TRANSITIONS",
    "StaleEdit",
    "WorkflowError",
    "allowed_statuses",
    "apply_due_changes",
    "article_check_save",
    "article_discard_changes",
    "article_publish",
    "article_publish_changes",
    "article_restore",
    "article_return",
    "article_save",
    "article_schedule",
    "article_schedule_changes",
    "article_stage_changes",
    "article_submit",
    "article_withdraw",
    "can_comment",
    "can_edit",
    "can_resolve",
    "check_schedule_at",
    "check_transition",
    "comment_add",
    "comment_resolve",
    "is_staged_save",
    "notification_preference_set",
    "outbox_send",
    "previewing_changes",
    "state_of",
    "update_check_save",
    "update_retract",
    "update_save",
    "wxr_import",
]
