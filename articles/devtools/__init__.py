"""Development tooling: synthetic data, benchmarks, the seed-fixture builder.

Its own app, installed by the dev and test settings only: production never imports it.
"""
