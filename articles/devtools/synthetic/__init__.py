"""Realistic synthetic data for load tests and benchmarks (``manage.py generate_articles``)."""

from .generator import ARTICLE_MARKER, GenerationResult, synthetic_articles_generate

__all__ = ["ARTICLE_MARKER", "GenerationResult", "synthetic_articles_generate"]
