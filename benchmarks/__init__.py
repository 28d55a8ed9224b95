"""Benchmarks: teikit against reference tools on the same files, reported as ratios."""
