"""Whether guidance helped: anonymous votes on guides and answered questions."""
