"""The lawyer's review report: a self-contained HTML file and a commented Word copy."""
