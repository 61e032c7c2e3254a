from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Send the notification emails that are due: scheduled articles now live, staged "
        "changes whose moment has come (published first), and earlier failed sends, retried "
        "with a growing delay. Run it every minute (docs/operations.md, “Email”)."
    )

    def handle(self, *args, **options):
        applied = services.apply_due_changes()
        sent = services.outbox_send()
        while sent.sent + sent.failed + sent.dropped == services.outbox.BATCH:
            more = services.outbox_send()
            sent = services.outbox.Sent(
                sent=sent.sent + more.sent,
                failed=sent.failed + more.failed,
                dropped=sent.dropped + more.dropped,
            )
        if applied:
            self.stdout.write(f"Published {applied} scheduled change(s).")
        self.stdout.write(
            f"Sent {sent.sent}, failed {sent.failed} (retried later), dropped {sent.dropped}."
        )
