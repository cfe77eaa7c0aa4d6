"""The `backlog` command as a user runs it: a real process, real output, real exit codes."""

import json
import os
import subprocess
import sys

import pytest


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BACKLOG_DB"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True, env=env
    )


def test_now_prints_the_court_backlog_with_date_and_source() -> None:
    result = run("now")
    assert result.returncode == 0, result.stderr
    assert "Immigration court backlog" in result.stdout
    assert "as of" in result.stdout and "Source:" in result.stdout


def test_ask_json_is_one_object_with_the_documented_fields() -> None:
    result = run("ask", "--json", "compare the backlog in 2017 and 2024")
    payload = json.loads(result.stdout)
    assert set(payload) == {"status", "text", "facts", "sources", "suggestions", "answer"}
    assert payload["status"] == "answered"
    assert 284 in payload["facts"]
    assert {"publisher", "title", "url", "published"} <= set(payload["sources"][0])
    # The numbers stated, for researchers to read rather than the text.
    answer = payload["answer"]
    assert answer["intent"] == "compare" and answer["measure"] == "immigration_court_pending_cases_trac"
    earlier, later = answer["figures"]
    assert {"fact", "value", "qualifier", "date", "status"} <= set(earlier)
    comparison = answer["comparison"]
    assert (comparison["from"], comparison["to"]) == (earlier["fact"], later["fact"])
    assert comparison["difference"] == later["value"] - earlier["value"]
    assert comparison["ratio"] == pytest.approx(later["value"] / earlier["value"], rel=1e-3)


def test_bulk_questions_give_one_json_line_each_in_order() -> None:
    questions = ["backlog now", "who won the world cup", "", "ice docket when biden took office"]
    result = run("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["answered", "no_match", "no_match", "answered"]


@pytest.mark.parametrize("question", ["", "   ", "x" * 1001, "\x01\x02\x1b"])
def test_bad_input_is_one_line_on_stderr_and_exit_2(question: str) -> None:
    result = run("ask", question)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_injection_attempts_are_just_text() -> None:
    result = run("ask", "--json", "'; DROP TABLE facts; -- {{ 7*7 }} @everyone")
    payload = json.loads(result.stdout)
    assert payload["status"] != "answered" and "49" not in payload["text"]
    assert json.loads(run("ask", "--json", "backlog now").stdout)["status"] == "answered"


def test_compare_facts_and_sources_commands() -> None:
    compared = run("compare", "immigration_court_pending_cases_trac", "2017", "2024")
    assert compared.returncode == 0 and "Ratio" in compared.stdout
    listed = run("facts", "list", "--measure", "ice docket")
    assert listed.returncode == 0 and "ice_non_detained_docket" in listed.stdout
    shown = run("facts", "show", "2")
    assert "3,524,051" in shown.stdout and "Cite as" in shown.stdout
    assert run("facts", "show", "999999").returncode == 2
    assert "TRAC (Syracuse University)" in run("sources").stdout


def test_every_command_has_help_text() -> None:
    from bot.cli import cli

    def walk(group, path=()):
        for name, command in group.commands.items():
            yield (*path, name), command
            if hasattr(command, "commands"):
                yield from walk(command, (*path, name))

    missing = [" ".join(p) for p, c in walk(cli) if not (c.help or "").strip()]
    assert missing == []


def test_the_terminal_gets_plain_text_and_markdown_only_when_asked() -> None:
    plain = run("now")
    assert plain.returncode == 0, plain.stderr
    # The bot's markdown marks none of it: no bold markers, no escapes, no angle-bracketed links.
    assert "**" not in plain.stdout and "\\" not in plain.stdout and "<https://" not in plain.stdout
    assert "https://tracreports.org/tracatwork/detail/A6153.html" in plain.stdout
    assert "\x1b[" not in plain.stdout  # a pipe is not a terminal: no styling codes
    markdown = run("now", "--format", "markdown")
    assert "**Immigration court backlog (TRAC's count): the latest figure**" in markdown.stdout
    assert "<https://tracreports.org/tracatwork/detail/A6153.html>" in markdown.stdout
    assert "**Out of date:**" in markdown.stdout and "Out of date:" in plain.stdout


def in_process(*args: str) -> subprocess.CompletedProcess:
    """The same command run inside this process (click's runner), where a second process adds nothing."""
    from click.testing import CliRunner

    from bot.cli import cli

    result = CliRunner().invoke(cli, list(args), env={"BACKLOG_DB": None}, catch_exceptions=False)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def test_a_fact_shown_in_a_terminal_is_styled_and_its_citation_copyable() -> None:
    shown = in_process("--color", "facts", "show", "2")
    assert "\x1b[1mFact 2: Immigration court backlog (TRAC's count)\x1b[0m" in shown.stdout
    assert "**" not in shown.stdout and "```" not in shown.stdout
    assert "Cite as (APA 7):\nBinder, J. (2024, May 7). Biden Overwhelms" in shown.stdout


def test_json_text_is_plain_unless_markdown_is_asked() -> None:
    plain = json.loads(in_process("ask", "--json", "backlog now").stdout)["text"]
    assert "**" not in plain and "3,400,000" in plain
    markdown = json.loads(in_process("ask", "--json", "--format", "markdown", "backlog now").stdout)["text"]
    assert markdown.startswith("**")
