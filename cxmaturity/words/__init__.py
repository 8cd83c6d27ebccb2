"""The wording layer: the tool's own words in the reader's language, built from the
core's structured results."""
