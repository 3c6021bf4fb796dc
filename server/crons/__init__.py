"""Crons: schedules that start normal runs of the graph, fired by the jobs worker."""
