"""Quantiles of a Prometheus histogram from its cumulative _bucket lines, for the live-run summaries.

Linear interpolation inside the bucket, as PromQL's histogram_quantile does; the +Inf bucket answers inf.
"""


def quantile(q, buckets):
    """buckets: [(le, cumulative count)] in ascending le, the last one +Inf."""
    n = buckets[-1][1]
    rank, lo, below = q * n, 0.0, 0.0
    for le, count in buckets:
        if count >= rank:
            return le if le == float("inf") else lo + (le - lo) * (rank - below) / max(count - below, 1e-9)
        lo, below = le, count
    return float("inf")
