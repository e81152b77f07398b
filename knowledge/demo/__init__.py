"""Demo content of the TRI knowledge base: French data and an idempotent builder."""
