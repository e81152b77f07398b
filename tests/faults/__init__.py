"""The fault suite (`make test-faults`): the site under production settings with its
worker, on PostgreSQL and the OpenSearch node, with faults injected (see run.py)."""
