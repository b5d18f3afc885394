"""The one review workflow for the three things the partner team decides."""
