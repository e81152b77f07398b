"""Cross-cutting web concerns, below every other project app (it imports none of them).

Abuse limits (`ratelimit`) and the forms' honeypot (`honeypot`), the per-area
Content-Security-Policy (`csp`), the anonymous page cache (`pagecache`) and the cached
site lookup (`sites`), the static files' caching (`staticfiles`), the site's public address
for absolute links (`public_address`), and the SQLite backup command (`backup_db`). What
ties them to project models lives in the app that owns the models, e.g. the page-cache
purges in knowledge/receivers.py.
"""
