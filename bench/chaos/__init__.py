"""The reliability and security harness behind `make chaos` (QUALITY.md, "Reliability
and security suite"): faults (crash, database outage, Redis outage), bad input
(schemathesis), the isolation matrix and the WebSocket load run, each against real
`pam serve` processes on loopback, with their pass criteria checked here.

`python -m bench.chaos` runs them all and prints the summary; tests/chaos and
tests/security run the fast parts under pytest.
"""
