"""Settings from the environment (``VOCALIS_`` prefix, ``__`` for nesting), built once at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class EngineSettings(BaseModel):
    onnx_threads: int = Field(default=0, ge=0, description="onnxruntime intra-op threads; 0 = all cores")
    whisper_threads: int = Field(
        default=0, ge=0, description="CTranslate2 threads for Whisper; 0 = all cores"
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


class AuthSettings(BaseModel):
    local_mode: bool = Field(
        default=False,
        description="let requests from this machine act as the local admin without signing in; "
        "ignored when the server listens beyond loopback",
    )
    access_token_minutes: int = Field(default=15, ge=1, description="lifetime of an access token")
    refresh_token_days: int = Field(default=30, ge=1, description="lifetime of a refresh token")
    max_failed_logins: int = Field(default=5, ge=1, description="failed logins before the account locks")
    lockout_minutes: int = Field(default=15, ge=1, description="how long a locked account stays locked")
    login_attempts_per_minute: int = Field(default=10, ge=1, description="login attempts per client address")
    open_registration: bool = Field(default=True, description="anyone may create an account")
    bootstrap_admin_email: str | None = Field(default=None, description="create this admin at start-up")
    bootstrap_admin_password: str | None = Field(default=None, description="password of the bootstrap admin")
    secure_cookies: bool = Field(default=False, description="mark session cookies Secure (behind HTTPS)")


class LimitSettings(BaseModel):
    requests_per_minute: int = Field(default=120, ge=1, description="API requests per user or key")
    characters_per_day: int = Field(
        default=500_000, ge=1, description="characters synthesised per user a day"
    )
    upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1, description="largest upload accepted")
    request_bytes: int = Field(default=2 * 1024 * 1024, ge=1, description="largest JSON body accepted")
    stored_audio_bytes: int = Field(default=5 * 1024**3, ge=1, description="audio a user may keep stored")


class QueueSettings(BaseModel):
    url: str | None = Field(
        default=None,
        description="Redis URL (redis://host:6379/0): Celery workers and rate limits shared by replicas",
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
    auth: AuthSettings = AuthSettings()
    limits: LimitSettings = LimitSettings()
    queue: QueueSettings = QueueSettings()
    cors_origins: list[str] = Field(
        default_factory=list, description="origins allowed by CORS; empty: CORS off"
    )

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{(self.data_dir / 'vocalis.db').resolve()}"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"

    @property
    def models_dir(self) -> Path:
        """Where `vocalis models pull` stores what it downloads."""
        return self.data_dir / "models"

    def effective_voices_dirs(self) -> list[Path]:
        """The configured voices directory, then the one `models pull kokoro-voices` fills."""
        dirs = [self.voices_dir] if self.voices_dir else []
        dirs.append(self.models_dir / "kokoro-voices")
        return dirs
