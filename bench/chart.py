"""The scale curve as a chart: articles (log scale) across, p50 ms and req/s up, a line per page.

matplotlib is a dev dependency; it draws without a display (the Agg backend).
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def scale_chart(rows, path: Path) -> Path:
    """Rows of the benchmark (page, mode, articles, p50, rps) drawn to the PNG ``path``:
    one column per cache mode, p50 latency above and requests per second below."""
    modes = list(dict.fromkeys(row["mode"] for row in rows))
    figure, axes = plt.subplots(
        2, len(modes), figsize=(6.5 * len(modes), 8), squeeze=False, sharex=True
    )
    for column, mode in enumerate(modes):
        pages = list(dict.fromkeys(row["page"] for row in rows if row["mode"] == mode))
        for page in pages:
            points = sorted(
                (row["articles"], row["p50"], row["rps"])
                for row in rows
                if row["mode"] == mode and row["page"] == page
            )
            articles = [p[0] for p in points]
            axes[0][column].plot(articles, [p[1] for p in points], marker="o", label=page)
            axes[1][column].plot(articles, [p[2] for p in points], marker="o", label=page)
        for row_axes, label in ((axes[0][column], "p50 latency, ms"), (axes[1][column], "req/s")):
            row_axes.set_xscale("log")
            row_axes.set_yscale("log")
            row_axes.set_ylabel(label)
            row_axes.grid(True, which="both", alpha=0.3)
        axes[0][column].set_title(f"page cache {'on' if mode == 'warm' else 'off'} ({mode})")
        axes[1][column].set_xlabel("articles")
    axes[0][0].legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
