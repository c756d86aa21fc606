"""Compensation (arvode): per-council rules, representatives' claims per meeting, approval and the payroll report."""
