"""GreenNode partner registration: everything that is not UI."""
