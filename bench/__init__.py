"""Benchmarks of the dipnews pipeline and the synthetic corpus generator.

* ``python -m bench.generate``: a deterministic synthetic corpus in the seed format.
* ``python -m bench.run``: every pipeline stage timed at several corpus sizes, with
  baselines, the incremental nightly case and the DAG-file parse time.

Benchmarks report; they never assert (targets are printed next to the figures).
"""
