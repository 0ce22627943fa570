"""``GET /v1/models``: one path, two shapes, since the OpenAI and ElevenLabs SDKs both call it.

Which shape a client gets is decided by :mod:`vocalis.api.dialect` from the headers each SDK sends.
"""

from __future__ import annotations

import time
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from vocalis.api.deps import Authenticated
from vocalis.api.dialect import RULE, is_elevenlabs_client
from vocalis.api.parts import Engines, Voices
from vocalis.api.routes.elevenlabs import MAX_TEXT_CHARS
from vocalis.engines.client_models import ClientModel, client_models

router = APIRouter(tags=["OpenAI compatible", "ElevenLabs compatible"])


class ModelCard(BaseModel):
    id: str = Field(description="Model id to pass as `model`.")
    object: Literal["model"] = Field(default="model", description="Always 'model'.")
    created: int = Field(description="Unix time.")
    owned_by: str = Field(default="vocalis", description="Always 'vocalis'.")


class ModelList(BaseModel):
    object: Literal["list"] = Field(default="list", description="Always 'list'.")
    data: list[ModelCard] = Field(description="The models: speech first, then recognition.")


class Language(BaseModel):
    language_id: str = Field(description="Language tag, e.g. en-US or fr.")
    name: str = Field(description="The same tag (no display names are kept).")


class ElevenModel(BaseModel):
    model_id: str = Field(description="Pass as model_id.")
    name: str = Field(description="The same id.")
    description: str = Field(description="What serves it.")
    can_do_text_to_speech: bool = Field(description="True for speech models.")
    can_do_voice_conversion: bool = Field(default=False, description="Always false.")
    can_be_finetuned: bool = Field(default=False, description="Always false.")
    can_use_style: bool = Field(default=False, description="Always false: style is ignored.")
    can_use_speaker_boost: bool = Field(default=False, description="Always false.")
    serves_pro_voices: bool = Field(default=False, description="Always false.")
    requires_alpha_access: bool = Field(default=False, description="Always false.")
    token_cost_factor: float = Field(default=1.0, description="Always 1: one character, one character.")
    maximum_text_length_per_request: int | None = Field(description="Characters per speech request.")
    languages: list[Language] = Field(description="Languages its voices (or recogniser) speak.")


def _eleven(model: ClientModel) -> ElevenModel:
    return ElevenModel(
        model_id=model.id,
        name=model.id,
        description=model.description,
        can_do_text_to_speech=model.capability == "tts",
        maximum_text_length_per_request=model.max_characters,
        languages=[Language(language_id=lang, name=lang) for lang in model.languages],
    )


@router.get("/v1/models", summary="Models (OpenAI or ElevenLabs shape, by client)", description=RULE)
async def list_models(
    request: Request,
    engines: Engines,
    voices: Voices,
    principal: Authenticated,
    shape: Annotated[
        Literal["openai", "elevenlabs"] | None,
        Query(description="Force a shape; by default the client's headers decide."),
    ] = None,
) -> ModelList | list[ElevenModel]:
    models = client_models(engines, voices.list(), max_characters=MAX_TEXT_CHARS)
    if is_elevenlabs_client(request, shape):
        return [_eleven(m) for m in models]
    created = int(time.time())
    return ModelList(data=[ModelCard(id=m.id, created=created) for m in models])
