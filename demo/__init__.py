"""The demo, on top of every other app: what `load_demo` builds for development and tests.

The knowledge base's French content as plain data (`content`) and its idempotent builder
(`builder`), the demo accounts, one per role (`accounts`), and the routing rules and
requests in every state, taken through the desk's steps (`requests`).
"""
