"""Running many models: policy comparisons on common random numbers, summaries, plots."""

from .compare import compare_policies, replicate_seeds, run_one

__all__ = ["compare_policies", "replicate_seeds", "run_one"]
