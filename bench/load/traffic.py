"""The load itself: the clients, the shuffled mix of submissions, searches and page reads
they send, and what they measure of each."""

import asyncio
import random
import re
import time
import urllib.parse
from collections import defaultdict

from bench.load.client import http, multipart

TIMEOUT = 120  # seconds per HTTP request
QUERIES = [
    "énergie renouvelable",
    "mobilité",
    "rénovation bâtiment",
    "hydrogène",
    "autoconsommation collective",
    "financement",
    "chaleur",
    "méthanisation",
    "economie circulaire",
    "borne de recharge",
]

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Bench:
    def __init__(self, base_url, data, args):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.origin = parsed.hostname, parsed.port, base_url
        self.data, self.args = data, args
        self.timings = defaultdict(list)  # kind -> seconds
        self.statuses = defaultdict(lambda: defaultdict(int))  # kind -> status -> count
        self.errors = defaultdict(list)  # kind -> messages
        self.sent = self.accepted = 0

    async def request(self, client, kind, method, path, cookies, expect, headers=(), **kwargs):
        # Each client has an address of its own, passed on as the site's proxy would.
        headers = (*headers, f"X-Forwarded-For: 10.77.{client // 250}.{client % 250 + 1}")
        started = time.perf_counter()
        try:
            response = await asyncio.wait_for(
                http(self.host, self.port, method, path, cookies, headers=headers, **kwargs),
                TIMEOUT,
            )
        except Exception as exc:  # a refused, reset or timed-out connection
            self.errors[kind].append(f"{method} {path}: {type(exc).__name__}: {exc}")
            self.statuses[kind]["exception"] += 1
            return None
        self.timings[kind].append(time.perf_counter() - started)
        self.statuses[kind][response.status] += 1
        if response.status not in expect:
            self.errors[kind].append(f"{method} {path}: HTTP {response.status}")
        return response

    async def submit(self, client, number, session):
        cookies = {"sessionid": session}
        form = await self.request(client, "form", "GET", "/demandes/nouvelle/", cookies, {200})
        if form is None or form.status != 200:
            return
        token = CSRF_INPUT.search(form.text)
        if not token:
            self.errors["form"].append("no CSRF token in the form")
            return
        rng = random.Random(number)
        fields = [
            ("csrfmiddlewaretoken", token.group(1)),
            ("website", ""),  # the honeypot, left empty as people do
            ("title", f"Bench request {number:04d}: heat network for a school"),
            ("question", "Which funding and which expert body for a small heat network?"),
            ("project_description", "A village wants to heat its school and town hall."),
            *[("priorities", pk) for pk in rng.sample(self.data["priorities"], k=2)],
            ("territory", rng.choice(self.data["territories"])),
            ("stage", rng.choice(self.data["stages"])),
            ("partners", "The town council"),
            ("funding_sought", ""),
        ]
        if rng.random() < 0.5:
            fields.append(("consent_to_publish", "on"))
        body, content_type = multipart(fields)
        self.sent += 1
        response = await self.request(
            client,
            "submit",
            "POST",
            "/demandes/nouvelle/",
            cookies,
            {302},
            body=body,
            headers=(
                f"Content-Type: {content_type}",
                f"Origin: {self.origin}",
                f"Referer: {self.origin}/demandes/nouvelle/",
            ),
        )
        if response is None or response.status != 302:
            if response is not None and response.status == 400:
                self.errors["submit"].append(re.sub(r"\s+", " ", response.text)[-300:])
            return
        location = urllib.parse.urlsplit(response.header("location") or "").path
        if not re.fullmatch(r"/demandes/[^/]+/", location) or location == "/demandes/nouvelle/":
            self.errors["submit"].append(f"redirected to {location!r}, not to the request")
            return
        self.accepted += 1
        await self.request(client, "detail", "GET", location, cookies, {200})

    async def search_page(self, client, query):
        path = "/recherche/?" + urllib.parse.urlencode({"q": query})
        await self.request(client, "search page", "GET", path, {}, {200})

    async def search_api(self, client, query):
        path = "/api/v1/search?" + urllib.parse.urlencode({"q": query})
        await self.request(client, "search API", "GET", path, {}, {200})

    async def read(self, client, path):
        await self.request(client, "page", "GET", path, {}, {200})

    def jobs(self):
        rng = random.Random(2026)
        sessions = self.data["sessions"]
        jobs = [
            (self.submit, (n, sessions[n % len(sessions)]))
            for n in range(self.args.holders * self.args.per_holder)
        ]
        for n in range(self.args.searches):
            job = self.search_page if n % 2 else self.search_api
            jobs.append((job, (QUERIES[n % len(QUERIES)],)))
        pages = self.data["pages"] or ["/"]
        for n in range(self.args.reads):
            jobs.append((self.read, ("/" if n % 5 == 0 else rng.choice(pages),)))
        rng.shuffle(jobs)
        return jobs

    async def warm_up(self, rounds):
        """Each kind of page a few times, not counted: a site in service is warm (imports,
        templates, connections), and the figures should not hang on the first requests."""
        paths = ["/", *self.data["pages"][:3], "/recherche/?q=energie", "/api/v1/search?q=energie"]
        form = ("/demandes/nouvelle/", {"sessionid": self.data["sessions"][0]})
        for _ in range(rounds):
            await asyncio.gather(
                *(http(self.host, self.port, "GET", path, {}) for path in paths),
                http(self.host, self.port, "GET", form[0], dict(form[1])),
            )

    async def run(self):
        queue = asyncio.Queue()
        for job in self.jobs():
            queue.put_nowait(job)

        async def client(number):
            while not queue.empty():
                function, arguments = queue.get_nowait()
                await function(number, *arguments)

        started = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(self.args.clients)))
        return time.perf_counter() - started
