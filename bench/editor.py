#!/usr/bin/env python
"""An editor at work, for bench/writes.py: saves an article every few seconds and
publishes one every half minute, through the services, as the admin would.

    python bench/editor.py --save-every 5 --publish-every 30

Each save edits the standfirst of one of the newest published articles (those the
listing, the feed and the searches show) with ``services.article_save``, which
checks the edit lock, stamps the editor and records a version; each publication
publishes a draft with ``services.article_publish`` (a new draft is written first
when none is left). Runs until SIGTERM or SIGINT, then prints one line
``EDITOR saves N publishes N mean_ms N`` that the benchmark reads. Runs with the
server's environment (settings, database, cache), so that its changes reach the
server's page cache as an editor's would.
"""

import argparse
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from articles import services  # noqa: E402
from articles.models import Article  # noqa: E402

EDITOR = "bench-editor"
stopping = False


def _stop(*_):
    global stopping
    stopping = True


def editor_user():
    user, _ = get_user_model().objects.get_or_create(
        username=EDITOR, defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def save_one(rng, user) -> None:
    newest = list(Article.objects.published().order_by("-published_at", "-id")[:50])
    article = rng.choice(newest)
    base = article.standfirst.split(" [edited ")[0]
    article.standfirst = f"{base} [edited {time.strftime('%H:%M:%S')}]"
    services.article_save(article=article, user=user, note="Benchmark edit")


def publish_one(rng, user) -> None:
    draft = Article.objects.filter(status=Article.Status.DRAFT).order_by("?").first()
    if draft is None:
        stamp = f"{time.time():.0f}-{rng.randrange(10**6)}"
        draft = services.article_save(
            article=Article(
                title=f"Benchmark draft {stamp}",
                slug=f"benchmark-draft-{stamp}",
                standfirst="Written by bench/editor.py.",
                body="<p>Written by the benchmark's editor.</p>",
            ),
            user=user,
        )
    services.article_publish(article=draft, user=user)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save-every", type=float, default=5, help="seconds")
    parser.add_argument("--publish-every", type=float, default=30, help="seconds")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    rng = random.Random(1)
    user = editor_user()
    saves = publishes = 0
    spent = 0.0
    next_save = time.monotonic() + args.save_every
    next_publish = time.monotonic() + args.publish_every
    while not stopping:
        now = time.monotonic()
        if now >= next_publish:
            started = time.perf_counter()
            publish_one(rng, user)
            spent += time.perf_counter() - started
            publishes += 1
            next_publish += args.publish_every
        elif now >= next_save:
            started = time.perf_counter()
            save_one(rng, user)
            spent += time.perf_counter() - started
            saves += 1
            next_save += args.save_every
        else:
            time.sleep(min(0.2, max(0.0, min(next_save, next_publish) - now)))
    writes = saves + publishes
    mean = spent / writes * 1000 if writes else 0
    print(f"EDITOR saves {saves} publishes {publishes} mean_ms {mean:.1f}", flush=True)


if __name__ == "__main__":
    main()
