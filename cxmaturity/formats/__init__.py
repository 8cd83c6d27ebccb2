"""File formats: strict YAML, loading with located errors, targets, scores, CSV, schemas."""
