"""Faults survived: a seeded mixed workload of the real SDK (sync and async) over real HTTP against
a sandbox injecting 429 with Retry-After, 502/503, dropped connections, slow answers and malformed
JSON, in front of Nango routes and behind the proxy; POSTs never sent twice unless opted in;
errors that say what to do when the retries run out."""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from nango_toolbox import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncNango,
    InternalServerError,
    Nango,
    NangoError,
    RateLimitError,
)
from nango_toolbox.cli import main as nango_run
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.faults import Fault, parse_fault
from recording_provider import RecordingProvider
from rel_faults_support import (
    CALL_TIMEOUT,
    FUNCTIONS_FILE,
    PROVIDER_KINDS,
    SANDBOX_KINDS,
    SLOW_MS,
    TRUNCATED_JSON,
    Injected,
    Tally,
    check_wait,
    sandbox_rule,
)
from sandbox_testing import SleepRecorder

pytestmark = pytest.mark.reliability

SEED = 20261125
SYNC_RUNS = 360
ASYNC_RUNS = 140
MAX_RETRIES = 3  # two faults at most per run, and one attempt to spare
CALLS = (
    "list_connections",
    "get_connection",
    "get_integration",
    "get_provider",
    "list_records",
    "proxy_get",
)
RETRY_AFTERS = (None, None, 0, 0.5, 1, 2, 5)
FAULT_COUNTS = ((0, 1, 2), (2, 5, 3))  # faults per run, and their weights
SLOW_KINDS = ("timeout", "pslow")  # each costs CALL_TIMEOUT of real time: rarer


@dataclass
class Env:
    """The dedicated sandbox, its provider and a sendgrid connection with three records."""

    sb: Sandbox
    provider: RecordingProvider
    control: httpx.Client
    key: str
    connection_id: str

    def route(self, call: str) -> str:
        """The ``METHOD /path`` a sandbox fault rule uses for ``call``."""
        return {
            "list_connections": "GET /connections",
            "get_connection": f"GET /connections/{self.connection_id}",
            "get_integration": f"GET /integrations/{self.key}",
            "get_provider": "GET /providers/sendgrid",
            "list_records": "GET /records",
            "proxy_get": "GET /proxy/v1/items",
        }[call]

    def faults_left(self) -> list[Any]:
        response = self.control.get("/_sandbox/faults")
        response.raise_for_status()
        faults: list[Any] = response.json()["faults"]
        return faults

    def add_faults(self, rules: list[dict[str, Any]]) -> None:
        self.control.post("/_sandbox/faults", json=rules).raise_for_status()

    def logged(self, method: str, path: str) -> int:
        """Logged requests to ``path`` (a request is logged when its answer ends: see settle)."""
        response = self.control.get("/_sandbox/requests")
        response.raise_for_status()
        return sum(
            1
            for r in response.json()["requests"]
            if r["method"] == method and r["path"].split("?")[0] == path
        )


def settle(fault: str) -> None:
    """Let a request the client gave up on end (it is logged, and lands, only then)."""
    time.sleep(SLOW_MS / 1000 + 0.2 if "timeout" in fault or "slow" in fault else 0.05)


@pytest.fixture(scope="module")
def env() -> Iterator[Env]:
    """A sandbox of its own (faults never reach the shared one) and a provider of its own."""
    provider = RecordingProvider()
    sandbox = Sandbox(
        provider_base_urls={"sendgrid": provider.url},
        functions=FUNCTIONS_FILE,
        time_scale=0.01,
    )
    with (
        sandbox as sb,
        httpx.Client(
            base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}, timeout=30
        ) as control,
    ):
        key, connection_id = f"sg-{uuid.uuid4().hex[:8]}", "conn-1"
        control.post(
            "/integrations", json={"provider": "sendgrid", "unique_key": key}
        ).raise_for_status()
        control.post(
            "/connections",
            json={
                "provider_config_key": key,
                "connection_id": connection_id,
                "credentials": {"type": "API_KEY", "apiKey": "SG.reliability-api-key"},
            },
        ).raise_for_status()
        control.post(
            "/_sandbox/records",
            json={
                "provider_config_key": key,
                "connection_id": connection_id,
                "model": "Item",
                "records": [{"id": f"i{n}", "n": n} for n in range(3)],
            },
        ).raise_for_status()
        yield Env(sb, provider, control, key, connection_id)
    provider.close()


@pytest.fixture
def fresh(env: Env) -> Iterator[Env]:
    """The module's env with no fault rule, no scripted answer and an empty request log."""
    env.control.delete("/_sandbox/faults").raise_for_status()
    env.control.delete("/_sandbox/requests").raise_for_status()
    env.provider.reset()
    yield env
    env.control.delete("/_sandbox/faults").raise_for_status()
    env.provider.reset()


# -- the workload ------------------------------------------------------------------------------


@dataclass
class Run:
    """One call of the workload and the faults it meets, in the order it meets them."""

    number: int
    call: str
    faults: list[Injected]

    @property
    def slow(self) -> bool:
        return any(f.kind in SLOW_KINDS for f in self.faults)

    @property
    def provider_faults(self) -> list[Injected]:
        return [f for f in self.faults if f.kind in PROVIDER_KINDS]


def plan(rng: random.Random, number: int) -> Run:
    """A random call with 0-2 faults; sandbox faults come before provider faults (the sandbox
    answers at its door before the proxy reaches the provider)."""
    call = rng.choices(CALLS, [3 if c == "proxy_get" else 1 for c in CALLS])[0]
    kinds = SANDBOX_KINDS + (PROVIDER_KINDS if call == "proxy_get" else ())
    weights = [1 if kind in SLOW_KINDS else 5 for kind in kinds]
    count = rng.choices(*FAULT_COUNTS)[0]
    chosen = rng.choices(kinds, weights, k=count)
    faults = []
    for kind in sorted(chosen, key=lambda k: k in PROVIDER_KINDS):
        wait = rng.choice(RETRY_AFTERS) if kind in ("429", "502", "503", "p429", "p503") else None
        faults.append(Injected(kind, None if wait is None else float(wait)))
    return Run(number, call, faults)


def install(env: Env, run: Run) -> list[Fault]:
    """Add the run's fault rules to the sandbox (in-process: the SDK's calls are what goes over
    HTTP) and its scripted answers to the provider; returns the rules, to check their hits."""
    assert env.sb.app is not None
    rules = [
        env.sb.app.ctx.faults.add(
            parse_fault(sandbox_rule(env.route(run.call), f.kind, f.retry_after))
        )
        for f in run.faults
        if f.kind in SANDBOX_KINDS
    ]
    for fault in run.provider_faults:
        headers = {} if fault.retry_after is None else {"Retry-After": f"{fault.retry_after:g}"}
        if fault.kind in ("p429", "p502", "p503"):
            body = {"errors": [{"message": "provider trouble"}]}
            env.provider.respond(int(fault.kind[1:]), body, headers)
        elif fault.kind == "pdrop":
            env.provider.respond(drop=True)
        elif fault.kind == "pslow":
            env.provider.respond(200, {"late": True}, delay=SLOW_MS / 1000)
        elif fault.kind == "pmalformed":
            env.provider.respond(200, raw=TRUNCATED_JSON)
    return rules


def expected(env: Env, run: Run) -> Any:
    return {
        "list_connections": True,
        "get_connection": env.connection_id,
        "get_integration": env.key,
        "get_provider": "sendgrid",
        "list_records": ["i0", "i1", "i2"],
        "proxy_get": (200, f"/v1/items?run={run.number}"),
    }[run.call]


def call_sync(client: Nango, env: Env, run: Run) -> Any:
    kw: dict[str, Any] = {"timeout": CALL_TIMEOUT} if run.slow else {}
    ref = {"provider_config_key": env.key, "connection_id": env.connection_id}
    if run.call == "list_connections":
        found = client.list_connections(integration_id=env.key, **kw)
        return any(c.connection_id == env.connection_id for c in found)
    if run.call == "get_connection":
        return client.get_connection(env.key, env.connection_id, **kw).connection_id
    if run.call == "get_integration":
        return client.get_integration(env.key, **kw).unique_key
    if run.call == "get_provider":
        return client.get_provider("sendgrid", **kw).name
    if run.call == "list_records":
        page = client.list_records(model="Item", **ref, **kw)
        return sorted(r["id"] for r in page.records)
    response = client.get("/v1/items", params={"run": run.number}, **ref, **kw)
    return response.status_code, response.body["path"]


async def call_async(client: AsyncNango, env: Env, run: Run) -> Any:
    kw: dict[str, Any] = {"timeout": CALL_TIMEOUT} if run.slow else {}
    ref = {"provider_config_key": env.key, "connection_id": env.connection_id}
    if run.call == "list_connections":
        found = await client.list_connections(integration_id=env.key, **kw)
        return any(c.connection_id == env.connection_id for c in found)
    if run.call == "get_connection":
        return (await client.get_connection(env.key, env.connection_id, **kw)).connection_id
    if run.call == "get_integration":
        return (await client.get_integration(env.key, **kw)).unique_key
    if run.call == "get_provider":
        return (await client.get_provider("sendgrid", **kw)).name
    if run.call == "list_records":
        page = await client.list_records(model="Item", **ref, **kw)
        return sorted(r["id"] for r in page.records)
    response = await client.get("/v1/items", params={"run": run.number}, **ref, **kw)
    return response.status_code, response.body["path"]


def verify(
    env: Env, run: Run, rules: list[Fault], outcome: Any, waits: list[float], reached: int
) -> list[str]:
    """Every way the run went wrong (empty when it succeeded exactly as planned)."""
    problems = []
    if outcome != expected(env, run):
        problems.append(f"answered {outcome!r}, expected {expected(env, run)!r}")
    if len(waits) != len(run.faults):
        problems.append(f"{len(waits)} retries for {len(run.faults)} faults {run.faults}")
    for attempt, (wait, fault) in enumerate(zip(waits, run.faults, strict=False)):
        wrong = check_wait(wait, attempt, fault)
        if wrong:
            problems.append(wrong)
    if run.call == "proxy_get" and reached != 1 + len(run.provider_faults):
        problems.append(f"the provider got {reached} requests, expected 1 + provider faults")
    if env.provider._script:
        problems.append("a scripted provider fault was never met")
    if [rule.hits for rule in rules] != [1] * len(rules):
        problems.append(f"sandbox fault hits {[r.hits for r in rules]}, expected one each")
    return [f"run {run.number} {run.call} {[f.kind for f in run.faults]}: {p}" for p in problems]


def record(
    tally: Tally, run: Run, problems: list[str], waits: list[float], *, is_async: bool
) -> None:
    tally.runs += 1
    tally.async_runs += is_async
    tally.count(tally.by_call, run.call)
    for fault in run.faults:
        tally.count(tally.faults, fault.kind)
    tally.waits += len(waits)
    tally.failures.extend(problems)


def check_run(
    env: Env,
    run: Run,
    rules: list[Fault],
    outcome: Any,
    waits: list[float],
    before: int,
    tally: Tally,
    *,
    is_async: bool,
) -> list[str]:
    """Check one run of a workload, count it, and clean up after a failed one."""
    reached = env.provider.count("GET", "/v1/items") - before
    found = verify(env, run, rules, outcome, list(waits), reached)
    record(tally, run, found, waits, is_async=is_async)
    if found:  # start the next run clean
        env.control.delete("/_sandbox/faults")
        env.provider.reset()
    return found


def assert_workload_survived(env: Env, tally: Tally, problems: list[str]) -> None:
    print(f"\nfault workload: {tally}")  # the figures of docs/reliability.md
    assert env.faults_left() == []
    assert problems == []
    assert tally.waits == sum(tally.faults.values())


def test_sync_workload_survives_every_fault(fresh: Env) -> None:
    """360 seeded sync runs over six idempotent calls each succeed after their 0-2 faults, with
    one retry per fault, waits equal to Retry-After or within the backoff cap."""
    env, rng, sleeps, tally = fresh, random.Random(SEED), SleepRecorder(), Tally()
    problems: list[str] = []
    with Nango(env.sb.secret_key, env.sb.base_url, max_retries=MAX_RETRIES, sleep=sleeps) as client:
        for number in range(SYNC_RUNS):
            run = plan(rng, number)
            rules = install(env, run)
            sleeps.waits.clear()
            before = env.provider.count("GET", "/v1/items")
            try:
                outcome: Any = call_sync(client, env, run)
            except NangoError as exc:
                outcome = f"{type(exc).__name__}: {exc}"
            problems += check_run(
                env, run, rules, outcome, sleeps.waits, before, tally, is_async=False
            )
    assert_workload_survived(env, tally, problems)


async def test_async_workload_survives_every_fault(fresh: Env) -> None:
    """140 seeded AsyncNango runs meet the same faults and recover the same way as sync ones."""
    env, rng, sleeps, tally = fresh, random.Random(SEED + 1), SleepRecorder(), Tally()
    problems: list[str] = []
    async with AsyncNango(
        env.sb.secret_key, env.sb.base_url, max_retries=MAX_RETRIES, sleep=sleeps.async_sleep
    ) as client:
        for number in range(ASYNC_RUNS):
            run = plan(rng, number)
            rules = install(env, run)
            sleeps.waits.clear()
            before = env.provider.count("GET", "/v1/items")
            try:
                outcome: Any = await call_async(client, env, run)
            except NangoError as exc:
                outcome = f"{type(exc).__name__}: {exc}"
            problems += check_run(
                env, run, rules, outcome, sleeps.waits, before, tally, is_async=True
            )
    assert_workload_survived(env, tally, problems)


def test_workload_covers_every_call_and_fault_kind() -> None:
    """The seeded plans of the two workloads (regenerated here) hold at least 500 runs and 500
    faults, every call, and every fault kind at least three times."""
    sync_rng, async_rng = random.Random(SEED), random.Random(SEED + 1)
    runs = [plan(sync_rng, n) for n in range(SYNC_RUNS)]
    runs += [plan(async_rng, n) for n in range(ASYNC_RUNS)]
    kinds = Counter(fault.kind for run in runs for fault in run.faults)
    assert len(runs) >= 500
    assert {run.call for run in runs} == set(CALLS)
    assert set(kinds) == set(SANDBOX_KINDS) | set(PROVIDER_KINDS)
    assert min(kinds.values()) >= 3
    assert sum(kinds.values()) >= 500


# -- POSTs: never sent twice unless the caller opted in ---------------------------------------

POST_FAULTS = (
    "p502",
    "p503",
    "p429",
    "pdrop",
    "pslow",
    "after-502",
    "after-503",
    "after-drop",
    "after-timeout",
)


def post_fault(env: Env, route: str, fault: str) -> None:
    """A fault that hits once the POST has reached the provider (it took effect)."""
    if fault in ("p502", "p503", "p429"):
        env.provider.respond(int(fault[1:]), {"error": "busy"}, {"Retry-After": "0"})
    elif fault == "pdrop":
        env.provider.respond(drop=True)
    elif fault == "pslow":
        env.provider.respond(200, {"late": True}, delay=SLOW_MS / 1000)
    else:
        rule: dict[str, Any] = {"route": route, "times": 1, "after": True}
        what = fault.removeprefix("after-")
        if what == "drop":
            rule["drop"] = True
        elif what == "timeout":
            rule["latency_ms"] = SLOW_MS
        else:
            rule.update(status=int(what), headers={"Retry-After": "0"})
        env.add_faults([rule])


@pytest.mark.parametrize("opted_in", [False, True], ids=["default", "idempotent"])
@pytest.mark.parametrize("fault", POST_FAULTS)
def test_proxy_post_reaches_the_provider_once_unless_opted_in(
    fresh: Env, fault: str, opted_in: bool
) -> None:
    """A proxied POST that took effect and then failed is not sent again (one request on the
    provider side, the error raised); with idempotent=True it is retried and succeeds."""
    env, sleeps = fresh, SleepRecorder()
    path = f"/v1/charges-{uuid.uuid4().hex[:8]}"
    post_fault(env, f"POST /proxy{path}", fault)
    with Nango(env.sb.secret_key, env.sb.base_url, sleep=sleeps, timeout=CALL_TIMEOUT) as client:
        call = lambda: client.post(  # noqa: E731
            path,
            provider_config_key=env.key,
            connection_id=env.connection_id,
            json={"amount": 100},
            idempotent=True if opted_in else None,
        )
        if opted_in:
            assert call().status_code == 200
        else:
            with pytest.raises(NangoError) as info:
                call()
            assert "\n" not in str(info.value) and f"POST /proxy{path}" in str(info.value)
            if fault != "p429":  # a 429 is a refusal, not a doubt
                assert "not retried" in str(info.value)
    settle(fault)
    assert env.provider.count("POST", path) == (2 if opted_in else 1)
    assert len(sleeps.waits) == (1 if opted_in else 0)


ACTION_FAULTS = ("after-502", "after-503", "after-drop", "after-timeout", "before-503")


@pytest.mark.parametrize("opted_in", [False, True], ids=["default", "idempotent"])
@pytest.mark.parametrize("fault", ACTION_FAULTS)
def test_action_trigger_runs_once_unless_opted_in(fresh: Env, fault: str, opted_in: bool) -> None:
    """An action whose answer is lost (502/503/drop/timeout after it ran) has run exactly once,
    counted by its POST to the provider; idempotent=True retries and runs it twice."""
    env, sleeps = fresh, SleepRecorder()
    ref = uuid.uuid4().hex
    if fault == "before-503":  # refused at the door: the action never ran
        env.add_faults([{"route": "POST /action/trigger", "times": 1, "status": 503}])
    else:
        post_fault(env, "POST /action/trigger", fault)
    with Nango(env.sb.secret_key, env.sb.base_url, sleep=sleeps, timeout=CALL_TIMEOUT) as client:
        call = lambda: client.trigger_action(  # noqa: E731
            env.key,
            env.connection_id,
            "charge",
            {"ref": ref},
            idempotent=True if opted_in else None,
        )
        if opted_in:
            assert call()["path"] == "/v1/charges"
        else:
            with pytest.raises(NangoError, match="POST /action/trigger") as info:
                call()
            assert "idempotent=True" in str(info.value)
    settle(fault)
    runs = sum(1 for r in env.provider.requests if r.body and r.json().get("ref") == ref)
    ran_before_fault = fault != "before-503"
    assert runs == (1 + ran_before_fault if opted_in else int(ran_before_fault))
    assert env.logged("POST", "/action/trigger") == (2 if opted_in else 1)


@pytest.mark.parametrize("fault", ["503", "502", "drop", "timeout", "after-503", "after-drop"])
def test_connect_session_is_requested_once(fresh: Env, fault: str) -> None:
    """A connect session whose request fails (before or after it was created) is not requested
    again: the sandbox's request log holds exactly one POST /connect/sessions."""
    env = fresh
    if fault.startswith("after-"):
        post_fault(env, "POST /connect/sessions", fault)
    else:
        env.add_faults([sandbox_rule("POST /connect/sessions", fault, None)])
    sleeps = SleepRecorder()
    client = Nango(env.sb.secret_key, env.sb.base_url, sleep=sleeps, timeout=CALL_TIMEOUT)
    with client, pytest.raises(NangoError, match="POST /connect/sessions") as info:
        client.create_connect_session(
            end_user={"id": uuid.uuid4().hex}, allowed_integrations=[env.key]
        )
    assert "not retried" in str(info.value)
    assert sleeps.waits == []
    settle(fault)
    assert env.logged("POST", "/connect/sessions") == 1


# -- when retries run out ---------------------------------------------------------------------


def one_line(exc: BaseException, secret: str) -> str:
    text = str(exc)
    assert "\n" not in text and secret not in text and "SG.reliability" not in text
    return text


@pytest.mark.parametrize(
    ("rule", "error", "parts"),
    [
        (
            {"status": 503},
            InternalServerError,
            ["GET /connections failed with 503", "after 3 attempts", "Nango may be down"],
        ),
        (
            {"status": 429, "headers": {"Retry-After": "2"}},
            RateLimitError,
            ["GET /connections failed with 429", "rate limited by Nango, after 3 attempts"],
        ),
        (
            {"status": 429, "headers": {"Retry-After": "3600"}},
            RateLimitError,
            ["GET /connections failed with 429", "asks to wait 3600s", "retry after that"],
        ),
        (
            {"drop": True},
            APIConnectionError,
            ["GET /connections", "the connection to Nango broke", "after 3 attempts"],
        ),
        (
            {"malformed": True},
            NangoError,
            [
                "GET /connections returned 200",
                "cannot read (truncated or malformed JSON",
                "after 3 attempts",
                "retry later",
            ],
        ),
    ],
    ids=["503", "429", "429-too-long", "drop", "malformed"],
)
def test_exhausted_retries_name_the_call_the_status_and_what_to_do(
    fresh: Env, rule: dict[str, Any], error: type[Exception], parts: list[str]
) -> None:
    """A permanent fault ends, after the retry budget, with one line naming the call, the status
    (or transport fault) and the next step, never the secret key."""
    env, sleeps = fresh, SleepRecorder()
    env.add_faults([{"route": "GET /connections", **rule}])
    client = Nango(env.sb.secret_key, env.sb.base_url, sleep=sleeps)
    with client, pytest.raises(error) as info:
        client.list_connections()
    text = one_line(info.value, env.sb.secret_key)
    for part in parts:
        assert part in text
    assert "retry" in text
    assert len(sleeps.waits) == (0 if "3600" in str(rule) else 2)


def test_exhausted_timeouts_say_to_raise_the_timeout(fresh: Env) -> None:
    """Answers that are always too slow end with APITimeoutError naming the call and attempts."""
    env, sleeps = fresh, SleepRecorder()
    env.add_faults([{"route": "GET /connections", "latency_ms": SLOW_MS}])
    client = Nango(env.sb.secret_key, env.sb.base_url, sleep=sleeps, max_retries=1)
    with client, pytest.raises(APITimeoutError) as info:
        client.list_connections(timeout=CALL_TIMEOUT)
    text = one_line(info.value, env.sb.secret_key)
    assert "GET /connections" in text and "timed out (ReadTimeout) after 2 attempts" in text
    assert "raise timeout=" in text


@pytest.mark.parametrize(
    ("script", "parts"),
    [
        ({"status": 503}, ["failed with 503", "the provider (through Nango's proxy) may be down"]),
        ({"drop": True}, ["failed with 500 ECONNRESET", "after 3 attempts"]),
        ({"status": 200, "raw": TRUNCATED_JSON}, []),
    ],
    ids=["503", "drop", "malformed"],
)
def test_exhausted_proxy_retries_blame_the_provider(
    fresh: Env, script: dict[str, Any], parts: list[str]
) -> None:
    """A provider that keeps failing behind the proxy: 3 attempts, then an error naming the
    proxied call and the provider; a body that stays malformed comes back as text."""
    env, sleeps = fresh, SleepRecorder()
    env.provider.respond(times=3, **script)
    with Nango(env.sb.secret_key, env.sb.base_url, sleep=sleeps) as client:
        call = lambda: client.get(  # noqa: E731
            "/v1/items", provider_config_key=env.key, connection_id=env.connection_id
        )
        if parts:
            with pytest.raises(APIStatusError) as info:
                call()
            text = one_line(info.value, env.sb.secret_key)
            assert "GET /proxy/v1/items" in text and "max_retries=" in text
            for part in parts:
                assert part in text
        else:
            assert call().body == TRUNCATED_JSON.decode()
    assert env.provider.count("GET", "/v1/items") == 3
    assert len(sleeps.waits) == 2


def test_cli_step_on_a_permanent_503_exits_1_with_one_line(
    fresh: Env, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """nango-run whose step meets a permanent 503 exits 1 with one line naming the step, the
    call, the status and what to do, and no traceback."""
    env = fresh
    env.add_faults([{"route": "GET /integrations", "status": 503, "headers": {"Retry-After": "0"}}])
    flow = tmp_path / "list.yaml"
    flow.write_text(
        "version: 1\nname: listing\nsteps:\n  - id: find\n    discover: {what: integrations}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NANGO_SECRET_KEY", env.sb.secret_key)
    monkeypatch.setenv("NANGO_SERVER_URL", env.sb.base_url)
    monkeypatch.chdir(tmp_path)
    code = nango_run([str(flow)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and env.sb.secret_key not in err
    final = [line for line in err.splitlines() if line.startswith("workflow listing failed")]
    assert len(final) == 1, err
    for part in ("step find", "GET /integrations", "503", "after 3 attempts", "retry later"):
        assert part in final[0]
    assert env.logged("GET", "/integrations") == 3


def test_slow_post_the_client_waits_for_keeps_its_body(fresh: Env) -> None:
    """A latency fault on a POST delays it without losing its body: the session is created for
    the given end user (the sandbox reads the body while it watches for the client leaving)."""
    env = fresh
    env.add_faults([{"route": "POST /connect/sessions", "times": 1, "latency_ms": 150}])
    end_user = uuid.uuid4().hex
    with Nango(env.sb.secret_key, env.sb.base_url) as client:
        started = time.monotonic()
        session = client.create_connect_session(
            end_user={"id": end_user}, allowed_integrations=[env.key]
        )
        assert time.monotonic() - started >= 0.15
    assert session.token.startswith("nango_connect_session_")
    assert env.logged("POST", "/connect/sessions") == 1
    assert env.faults_left() == []
