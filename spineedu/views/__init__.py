"""Thin front ends over the engine: HTML rendering and ipywidgets. No medical logic lives here."""
