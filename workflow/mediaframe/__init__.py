"""mediaframe: one package per pipeline stage (ingest, clean, embed, topics, actors,
stance, report) over a small core (io, errors, normalize, text); see README, Architecture."""
