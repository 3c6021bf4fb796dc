"""agent/model.py: `offline`, `openai:<model>` and `python:<module>:<name>`."""

from __future__ import annotations

import pytest

from agent.brain import OfflineBrain
from agent.model import load_chat_model
from server.settings import Settings
from tests.fakes import PacedBrain


def test_a_python_path_loads_that_chat_model() -> None:
    model = load_chat_model("python:tests.fakes:PacedBrain")
    assert isinstance(model, PacedBrain)


def test_offline_is_the_brain() -> None:
    assert type(load_chat_model("offline")) is OfflineBrain


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("python:tests.fakes", ValueError),
        ("python:tests.fakes:NoSuchModel", AttributeError),
        ("python:no_such_module:Model", ModuleNotFoundError),
        ("python:bench.params:Params", TypeError),
        ("gpt-4o", ValueError),
    ],
)
def test_a_bad_name_is_refused(name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        load_chat_model(name)


def test_settings_accept_a_python_path_and_refuse_a_bare_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PAM_MODEL", "python:tests.fakes:PacedBrain")
    assert Settings().model_name == "python:tests.fakes:PacedBrain"
    monkeypatch.setenv("PAM_MODEL", "python:")
    with pytest.raises(ValueError, match="python:<module>:<name>"):
        Settings()
