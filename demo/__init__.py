"""The demo, on top of every other app: what `load_demo` builds for development and tests.

The knowledge base's French content as plain data (`content`) and its idempotent builder
(`builder`), the demo accounts, one per role (`accounts`), and the routing rules and
requests in every state, taken through the desk's steps (`requests`), and the
programme's projects with their teams, Commission 15's evaluations, the roadmap's
actions and the showcase, taken through the projects' steps (`projects`, with its data in
`project_content`).
"""
