"""Renderers: each takes one computed Result and only presents it."""
