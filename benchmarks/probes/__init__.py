"""The probes of the reliability run (``benchmarks/reliability.py``): one module per kind of input."""
