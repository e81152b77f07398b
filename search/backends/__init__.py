"""Search backends: the database (default) and, later, an engine behind SEARCH_URL."""
