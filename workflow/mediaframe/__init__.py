"""mediaframe."""
