"""Settings from the environment (``VOCALIS_`` prefix, ``__`` for nesting), built once at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class EngineSettings(BaseModel):
    onnx_threads: int = Field(default=0, ge=0, description="onnxruntime intra-op threads; 0 = all cores")
    whisper_threads: int = Field(
        default=0, ge=0, description="CTranslate2 threads for Whisper; 0 = all cores"
    )
    whisper_workers: int = Field(
        default=2,
        ge=1,
        le=16,
        description="Whisper reads that run at once (live sessions, concurrent requests), each on "
        "whisper_threads: on 2 cores two short reads at once take 0.12 s each against 0.21 s one "
        "after the other",
    )
    whisper_niceness: int = Field(
        default=10,
        ge=0,
        le=19,
        description="how much lower Whisper's compute threads run than the live audio path (Linux "
        "niceness; 0: the same): with 20 live sessions on 2 cores the per-chunk time p95 was 17.5 ms "
        "at 10 and 37 ms at 0",
    )
    embedding_cache: Path | None = Field(
        default=None,
        description="SQLite file keeping sentence embeddings between processes (an interview library's "
        "key points cost seconds of CPU to embed at each start); default: "
        "<data_dir>/cache/sentence-embeddings.sqlite3",
    )
    whisper_short_windows: bool = Field(
        default=True,
        description="read speech under 30 s in a Whisper window of its own length plus 1 s (at least 10 s; "
        "15 s under 3 s of speech for tiny.en) instead of 30 s of padding: about 2x less CPU per short "
        "stretch, with fewer invented words (engines/whisper_window.py has the measurements); false "
        "reads every window at 30 s, as faster-whisper does",
    )


class HubSettings(BaseModel):
    base_url: str = Field(default="https://huggingface.co", description="model hub for `vocalis models pull`")
    timeout_s: float = Field(default=30.0, gt=0)


class DatabaseSettings(BaseModel):
    url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default sqlite under the data directory. "
        "PostgreSQL: postgresql+psycopg://user@host:5432/db",
    )
    auto_migrate: bool = Field(default=True, description="apply migrations when the server starts")


class SpeechSettings(BaseModel):
    max_concurrent: int = Field(default=2, ge=1, description="syntheses rendering at once")
    max_queued: int = Field(default=16, ge=0, description="requests waiting for a slot before 503")
    retry_after_s: int = Field(
        default=5, ge=1, description="Retry-After sent with 503 when the queue is full"
    )
    fast_max_concurrent: int = Field(
        default=2,
        ge=1,
        description="syntheses of fast engines (hibari) rendering at once, in slots of their own",
    )
    fast_max_queued: int = Field(
        default=16, ge=0, description="fast-engine requests waiting for a fast slot before 503"
    )


class AnalysisSettings(BaseModel):
    """Work on uploaded audio (analysis, transcription, voice samples): each holds its decoded audio."""

    max_concurrent: int = Field(default=2, ge=1, description="uploads decoded and analysed at once")
    max_queued: int = Field(default=8, ge=0, description="uploads waiting for a slot before 503")
    retry_after_s: int = Field(
        default=10, ge=1, description="Retry-After sent with 503 when the queue is full"
    )
    job_after_s: float = Field(
        default=180.0,
        ge=0,
        description="a coaching recording longer than this is analysed as a job (202 with its id) "
        "instead of holding the request open",
    )


class AuthSettings(BaseModel):
    local_mode: bool = Field(
        default=False,
        description="let requests from this machine act as the local admin without signing in; "
        "ignored when the server listens beyond loopback",
    )
    access_token_minutes: int = Field(default=15, ge=1, description="lifetime of an access token")
    refresh_token_days: int = Field(default=30, ge=1, description="lifetime of a refresh token")
    max_failed_logins: int = Field(
        default=5,
        ge=1,
        description="failed sign-ins from one address for one e-mail before that address must wait to try "
        "it again (the wait doubles with each further failure); accounts themselves never lock, so a "
        "stranger cannot lock their owner out",
    )
    lockout_minutes: int = Field(
        default=15,
        ge=1,
        description="how long failed sign-ins are remembered, and the longest wait they cause",
    )
    first_wait_seconds: int = Field(
        default=30, ge=1, description="the first wait of a throttled address; it doubles with each failure"
    )
    failed_logins_per_address: int = Field(
        default=20,
        ge=1,
        description="failed sign-ins (and sign-ups with a taken e-mail) from one address, whatever the "
        "e-mails, before the address must wait",
    )
    account_slowdown_after: int = Field(
        default=10,
        ge=1,
        description="failed sign-ins at one e-mail from any addresses before every sign-in at it is held "
        "a moment (1 s, doubling): the right password still passes",
    )
    account_hold_seconds: float = Field(
        default=5.0, ge=0, description="the longest hold of a sign-in at an e-mail under attack"
    )
    login_attempts_per_minute: int = Field(default=10, ge=1, description="login attempts per client address")
    open_registration: bool = Field(default=True, description="anyone may create an account")
    bootstrap_admin_email: str | None = Field(default=None, description="create this admin at start-up")
    bootstrap_admin_password: str | None = Field(default=None, description="password of the bootstrap admin")
    password_time_cost: int = Field(
        default=3,
        ge=1,
        le=20,
        description="argon2id passes over memory per password hash (with the two settings below: RFC 9106's "
        "second recommendation, ~0.1-0.2 s on one laptop core). A stored hash made with other parameters "
        "is re-made with these at its owner's next sign-in",
    )
    password_memory_kib: int = Field(
        default=65536, ge=1024, le=4_194_304, description="argon2id memory per password hash, in KiB"
    )
    password_parallelism: int = Field(default=4, ge=1, le=64, description="argon2id lanes per password hash")
    secure_cookies: bool = Field(
        default=False,
        description="always mark session cookies Secure; they are Secure anyway when the request came over "
        "HTTPS (directly, or through a trusted proxy's X-Forwarded-Proto: see trusted_proxies)",
    )


class LimitSettings(BaseModel):
    requests_per_minute: int = Field(default=120, ge=1, description="API requests per user or key")
    characters_per_day: int = Field(
        default=500_000, ge=1, description="characters synthesised per user a day"
    )
    upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1, description="largest upload accepted")
    request_bytes: int = Field(
        default=8 * 1024 * 1024,
        ge=1,
        description="largest JSON body accepted (a 1,000,000-character job fits)",
    )
    stored_audio_bytes: int = Field(default=5 * 1024**3, ge=1, description="audio a user may keep stored")


class QueueSettings(BaseModel):
    url: str | None = Field(
        default=None,
        description="Redis URL (redis://host:6379/0): Celery workers and rate limits shared by replicas",
    )
    socket_timeout_s: float = Field(
        default=0.5,
        gt=0,
        description="longest wait for a Redis reply from the API (rate limits, sending jobs); a Redis "
        "that stops answering makes requests fail fast with 503 instead of piling up",
    )
    connect_timeout_s: float = Field(
        default=0.5, gt=0, description="longest wait for a connection to Redis from the API"
    )


class JobSettings(BaseModel):
    workers: int = Field(
        default=1,
        ge=0,
        description="jobs the embedded worker runs at once (threads in the server); 0: none. Ignored when "
        "VOCALIS_QUEUE__URL is set: `vocalis worker` processes run the jobs then",
    )
    max_text_chars: int = Field(default=1_000_000, ge=1, description="longest text a job accepts")
    heartbeat_s: float = Field(default=5.0, gt=0, description="how often a running job proves it is alive")
    stale_after_s: float = Field(
        default=30.0, gt=0, description="a running job silent this long is taken over by another worker"
    )
    poll_s: float = Field(default=1.0, gt=0, description="how often an idle worker looks for queued jobs")
    commit_every_s: float = Field(
        default=0.5,
        ge=0,
        description="seconds of rendering kept in memory before it is saved; a crash loses at most this "
        "much work (and never more than one text chunk beyond it)",
    )
    chunk_attempts: int = Field(default=3, ge=1, description="tries per text chunk before the job fails")
    max_retries: int = Field(
        default=5, ge=0, description="times a job is re-queued after a retryable failure (storage down)"
    )
    retry_backoff_s: float = Field(default=2.0, gt=0, description="first retry delay; doubles each time")
    celery_queue: str = Field(default="vocalis-jobs", description="Celery queue the jobs go through")
    visibility_timeout_s: int = Field(
        default=3600,
        ge=1,
        description="Redis redelivers a job message not acknowledged this long (its worker died)",
    )
    redispatch_after_s: float = Field(
        default=600.0, gt=0, description="re-send a queued job's message if no worker took it this long"
    )


class RetentionSettings(BaseModel):
    max_hours: float | None = Field(
        default=None, gt=0, description="delete history items and finished jobs older than this"
    )
    max_items: int | None = Field(
        default=None, ge=0, description="keep at most this many history items (and finished jobs) per user"
    )
    interval_minutes: float = Field(
        default=60.0, gt=0, description="how often the clean-up runs (it also runs at start-up)"
    )


class CloningSettings(BaseModel):
    evaluations: int = Field(
        default=50, ge=4, le=400, description="renders the voice search may spend per clone (~1 s each)"
    )
    judged_stock: int = Field(
        default=0,
        ge=0,
        le=64,
        description="nearest stock voices the judge compares each clone with; 0: every English stock "
        "voice (their scores are cached with the profiles, so this costs ~100 s once)",
    )
    profile_cache: Path | None = Field(
        default=None,
        description="file caching how the stock voices sound to the speaker encoder; "
        "default: <data_dir>/voices/stock-profiles.json",
    )


class ChatSettings(BaseModel):
    base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible API root that serves POST {base_url}/chat/completions, e.g. "
        "http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8080/v1 (llama.cpp server), "
        "https://api.openai.com/v1; unset: no chat model, and features that need one say so",
        examples=["http://127.0.0.1:11434/v1"],
    )
    model: str | None = Field(
        default=None,
        description="model name sent with every request (Ollama and OpenAI need one; llama.cpp's "
        "server and vLLM answer with their loaded model when unset)",
        examples=["llama3.2:3b"],
    )
    api_key: SecretStr | None = Field(
        default=None, description="sent as 'Authorization: Bearer <key>'; never logged or echoed"
    )
    timeout_s: float = Field(
        default=60.0, gt=0, description="longest wait for the server to connect and for each read of a reply"
    )

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None  # VOCALIS_CHAT__BASE_URL= (empty) also means "no chat model"
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("the chat server URL must start with http:// or https://")
        return value


class WyomingSettings(BaseModel):
    """Home Assistant's Wyoming protocol (TTS and ASR over TCP); it has no authentication."""

    port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="`vocalis serve` also speaks Wyoming on this TCP port; unset: off. "
        "`vocalis wyoming` listens here, default 10200",
    )
    host: str = Field(
        default="127.0.0.1",
        description="interface the Wyoming port binds; anything beyond loopback is open to every "
        "machine that reaches it (Wyoming has no authentication)",
    )
    max_event_bytes: int = Field(
        default=1024 * 1024, ge=1024, description="largest Wyoming event (header, data and payload)"
    )
    max_connections: int = Field(
        default=32,
        ge=1,
        description="Wyoming connections served at once; one more gets an `overloaded` error event and "
        "is closed (Home Assistant keeps one or two open)",
    )
    max_audio_seconds: float = Field(default=120.0, gt=0, description="longest audio one transcribe takes")
    max_text_chars: int = Field(default=10_000, ge=1, description="longest text one synthesize says")
    write_timeout_s: float = Field(
        default=30.0, gt=0, description="a client that reads nothing this long is disconnected"
    )


class InterviewSettings(BaseModel):
    """Interview practice."""

    scenarios_dir: Path | None = Field(
        default=None,
        description="a directory of extra scenario files (LANGUAGE/ID.json, as `vocalis scenarios validate` "
        "checks them) offered beside the built-in library; a bad file stops the server with its field",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VOCALIS_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(default=Path("./data"), description="where Vocalis keeps its database and audio")
    voices_dir: Path | None = Field(
        default=None,
        description="a directory of Kokoro NAME.pt voice packs (e.g. from `vocalis models pull`)",
    )
    pronunciations_file: Path | None = Field(
        default=None, description="JSON or TSV file of word -> phonemes (/.../) or respelling overrides"
    )
    host: str = "127.0.0.1"
    port: int = 8000
    engines: EngineSettings = EngineSettings()
    hub: HubSettings = HubSettings()
    database: DatabaseSettings = DatabaseSettings()
    speech: SpeechSettings = SpeechSettings()
    analysis: AnalysisSettings = AnalysisSettings()
    auth: AuthSettings = AuthSettings()
    limits: LimitSettings = LimitSettings()
    queue: QueueSettings = QueueSettings()
    jobs: JobSettings = JobSettings()
    retention: RetentionSettings = RetentionSettings()
    cloning: CloningSettings = CloningSettings()
    chat: ChatSettings = ChatSettings()
    wyoming: WyomingSettings = WyomingSettings()
    interview: InterviewSettings = InterviewSettings()
    cors_origins: list[str] = Field(
        default_factory=list,
        description="origins allowed by CORS; empty: CORS off. Web pages from these origins may also send "
        "cookie-signed-in changes (POST, PUT, PATCH, DELETE); other foreign origins may not",
    )
    trusted_proxies: list[str] = Field(
        default_factory=lambda: ["127.0.0.1"],
        description="addresses (or networks, or '*') of reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto `vocalis serve` believes: the client address (rate limits, sign-in throttle) and "
        "https (Secure cookies) come from them",
    )

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{(self.data_dir / 'vocalis.db').resolve()}"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"

    @property
    def cloning_profile_cache(self) -> Path:
        return self.cloning.profile_cache or self.data_dir / "voices" / "stock-profiles.json"

    @property
    def sentence_embedding_cache(self) -> Path:
        return self.engines.embedding_cache or self.data_dir / "cache" / "sentence-embeddings.sqlite3"

    @property
    def models_dir(self) -> Path:
        """Where `vocalis models pull` stores what it downloads."""
        return self.data_dir / "models"

    def effective_voices_dirs(self) -> list[Path]:
        """The configured voices directory, then the one `models pull kokoro-voices` fills."""
        dirs = [self.voices_dir] if self.voices_dir else []
        dirs.append(self.models_dir / "kokoro-voices")
        return dirs
