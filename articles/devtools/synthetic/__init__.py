"""Realistic synthetic data for load tests and benchmarks (``manage.py generate_articles``)."""

from .generator import (
    MAX_COUNT,
    GenerationRefused,
    GenerationResult,
    synthetic_articles_generate,
)
from .rows import ARTICLE_MARKER

__all__ = [
    "ARTICLE_MARKER",
    "MAX_COUNT",
    "GenerationRefused",
    "GenerationResult",
    "synthetic_articles_generate",
]
