"""``python -m analyzer`` runs the skillgap command."""

from analyzer.cli import run

run()
