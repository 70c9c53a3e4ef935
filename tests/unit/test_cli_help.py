"""Every command is documented: a help text with at least one example (sqlite-utils style)."""

import pytest
from click.testing import CliRunner

from extract.cli import cli

COMMANDS = sorted(cli.commands)


def test_the_commands_of_the_contract_exist():
    assert {"run", "pull", "extract", "build", "validate", "publish", "status", "explain", "dashboard"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_examples(name):
    command = cli.commands[name]
    assert command.help and len(command.help.split()) >= 5, f"{name} lacks a help text"
    assert "Example" in command.help, f"{name} help has no example"
    result = CliRunner().invoke(cli, [name, "--help"], obj={})
    assert result.exit_code == 0
    assert f"dipnews {name}" in result.output


def test_options_are_documented():
    for name, command in cli.commands.items():
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"dipnews {name} {param.opts[0]} has no help"


def test_bad_dates_are_usage_errors():
    result = CliRunner().invoke(cli, ["run", "--date", "2024-02-30"], obj={})
    assert result.exit_code == 2 and "not a date" in result.output
    result = CliRunner().invoke(cli, ["run", "--since", "2024-02-02", "--until", "2024-02-01"], obj={})
    assert result.exit_code == 2 and "after --until" in result.output
