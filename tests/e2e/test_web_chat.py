"""The web chat page in headless Chromium against a real `pam serve` (offline brain).

Each step saves a screenshot in tests/e2e/screenshots/ (see the README's "Web page").
"""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.browser import MISSING, chromium, console_errors, shot, wait_for, wait_gone
from tests.e2e.cutting_proxy import cutting_proxy
from tests.servers import RunningServer

pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

# Every piece of text a reply's bubble held, in order, as the page rendered it.
RECORD_REPLY_PIECES = """
window.replyPieces = [];
new MutationObserver((records) => {
  for (const record of records) {
    const inBubble = record.target.matches && record.target.matches(".msg.pam .text");
    // The text node added by this change holds the text as it was at that moment.
    if (inBubble && record.addedNodes.length) window.replyPieces.push(record.addedNodes[0].data);
  }
}).observe(document.getElementById("messages"), {subtree: true, childList: true});
"""
APPROVALS = (By.CSS_SELECTOR, ".msg.approval")
UNLABELLED_CONTROLS = """
return [...document.querySelectorAll("textarea, input, select, meter")]
  .filter((e) => e.offsetParent !== null && e.labels.length === 0)
  .map((e) => e.id || e.outerHTML);
"""


def say(driver: WebDriver, text: str) -> None:
    box = driver.find_element(By.ID, "composer-input")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)  # the keyboard way; Shift+Enter would add a line


def test_chat_stream_approve_a_delete_and_reload(local_server: RunningServer) -> None:
    with chromium() as driver:
        driver.get(f"{local_server.url}/")
        wait_for(driver, "#whoami", text="local")  # signed in with the local token
        wait_for(driver, "#expenses .empty", text="No spending logged")
        assert driver.execute_script(UNLABELLED_CONTROLS) == []
        assert driver.find_element(By.ID, "messages").get_attribute("aria-live") == "polite"
        shot(driver, "01-signed-in")

        say(driver, "spent $85.40 on diesel yesterday")
        wait_for(driver, ".msg.user", text="spent $85.40 on diesel yesterday")
        # A metered model's reply to a write is the tool's own summary (no restating call).
        wait_for(driver, ".msg.pam[aria-busy='false'] .text", text="Logged $85.40")
        wait_for(driver, ".msg.pam .activity .done", text="Logged $85.40 for fuel")
        wait_for(driver, "#expenses li", text="$85.40")  # ui_actions: reload_expenses
        assert "Diesel" in driver.find_element(By.ID, "expenses").text

        driver.execute_script(RECORD_REPLY_PIECES)
        say(driver, "how much have I spent on fuel this month?")
        answered = (By.CSS_SELECTOR, ".msg.pam[aria-busy='false'] .text")
        WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(*answered)) == 2)
        reply = driver.find_elements(*answered)[-1]
        shot(driver, "02b-streamed-answer")
        assert "85.40" in reply.text
        pieces = driver.execute_script("return window.replyPieces")
        assert len(set(pieces)) >= 4, pieces  # the model's answer shown token by token
        assert all(reply.text.startswith(p) for p in pieces if p), pieces
        shot(driver, "02-streamed-reply-and-panel")

        say(driver, "delete that one")
        approve = wait_for(driver, ".msg.approval button.primary", text="Approve")
        card = driver.find_element(By.CSS_SELECTOR, ".msg.approval")
        assert "delete expense?" in card.text.lower()
        assert "$85.40 fuel (Diesel)" in card.text  # the id, told in words
        assert driver.switch_to.active_element == approve  # focus went to the decision
        shot(driver, "03-approval-card")

        driver.switch_to.active_element.send_keys(Keys.ENTER)
        wait_for(driver, ".msg.approval .decided", text="Approved")
        wait_for(driver, ".msg.pam[aria-busy='false'] .text", text="Deleted the $85.40")
        wait_for(driver, ".msg.pam .activity .done", text="Deleted the $85.40 fuel expense")
        wait_gone(driver, "#expenses li", text="$85.40")  # the panel followed
        wait_for(driver, "#expenses .empty", text="No spending logged")
        shot(driver, "04-approved-and-panel-updated")

        driver.refresh()
        wait_for(driver, ".msg.user", text="delete that one")
        wait_for(driver, ".msg.pam .text", text="Logged $85.40")
        wait_for(driver, ".msg.pam .text", text="Deleted the $85.40")
        wait_for(driver, "#thread-list button[aria-current='page']", text="spent $85.40 on diesel")
        assert driver.find_elements(By.CSS_SELECTOR, ".msg.approval") == []  # nothing pending
        shot(driver, "05-history-after-reload")
        assert console_errors(driver) == []  # no CSP violation, no failed request


@pytest.mark.parametrize("events_before_cut", [1, 0])
def test_reply_arrives_after_the_stream_drops(
    local_server: RunningServer, events_before_cut: int
) -> None:
    """1: the page knew the thread when its stream broke; 0: it knew nothing, and finds
    the thread the server made for its message among the user's threads."""
    amount = f"{20 + events_before_cut}.00"
    with cutting_proxy(local_server.url) as (url, proxy), chromium() as driver:
        driver.get(f"{url}/")
        wait_for(driver, "#whoami", text="local")
        proxy.events_before_cut = events_before_cut
        proxy.armed.set()
        say(driver, f"spent ${amount} on groceries today")
        wait_for(driver, ".msg.pam .text", text=f"Logged ${amount}")
        assert proxy.cuts == 1  # the stream really was cut
        wait_for(driver, "#chat-status", text="Reconnected")
        wait_for(driver, ".msg.pam .activity .done", text=f"Logged ${amount}")
        wait_for(driver, "#expenses li", text=f"${amount}")
        assert driver.find_element(By.ID, "composer-input").get_attribute("value") == ""
        wait_for(driver, "#thread-list button[aria-current='page']", text=f"${amount} on groceries")
        shot(driver, f"06-reply-recovered-after-dropped-stream-{events_before_cut}")


def test_readable_on_a_phone(local_server: RunningServer) -> None:
    with chromium(phone=True) as driver:
        driver.get(f"{local_server.url}/")
        wait_for(driver, "#sign-out")  # signed in (the name is hidden on a phone)
        say(driver, "spent $12.50 on coffee today")
        wait_for(driver, ".msg.pam[aria-busy='false'] .text", text="$12.50")
        overflow = "return document.documentElement.scrollWidth - window.innerWidth"
        assert driver.execute_script(overflow) <= 0  # nothing wider than the screen
        assert not driver.find_element(By.ID, "thread-list").is_displayed()
        shot(driver, "07-phone-chat")
        toggle = driver.find_element(By.ID, "threads-toggle")
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        wait_for(driver, "#thread-list button", text="spent $12.50 on coffee")
        shot(driver, "08-phone-chat-list")


def test_panel_follows_each_kind_of_ui_action(local_server: RunningServer) -> None:
    with chromium() as driver:
        driver.get(f"{local_server.url}/")
        wait_for(driver, "#sign-out")
        driver.find_element(By.ID, "new-thread").click()
        steps = [
            ("set a fuel budget of $400 a month", "#budgets label", "Fuel: "),
            ("spent $62.50 on diesel at Broome today", "#budgets label", "$62.50 of $400.00"),
            (
                "plan a trip from Broome to Darwin via Kununurra",
                "#trip-body li",
                "Kununurra → Darwin",
            ),
            ("add tyre rotation to my calendar on Sunday at 10am", "#events li", "Tyre rotation"),
            ("remind me to refill the water tanks", "#tasks li", "Refill the water tanks"),
        ]
        for message, css, text in steps:
            say(driver, message)
            wait_for(driver, "#send:enabled")  # the turn has ended
            wait_for(driver, css, text=text)
        assert "Broome → Darwin" in driver.find_element(By.ID, "trip-title").text
        meter = driver.find_element(By.CSS_SELECTOR, "#budgets meter")
        assert float(meter.get_attribute("value") or 0) >= 62.5
        shot(driver, "09-panel-budget-trip-event-task")


def test_reject_with_a_reason_and_edit_the_arguments(local_server: RunningServer) -> None:
    with chromium() as driver:
        driver.get(f"{local_server.url}/")
        wait_for(driver, "#sign-out")
        driver.find_element(By.ID, "new-thread").click()
        say(driver, "spent $40.50 on food today")
        wait_for(driver, "#expenses li", text="$40.50")

        say(driver, "delete that one")
        wait_for(driver, ".msg.approval button", text="Reject…").click()
        reason = driver.switch_to.active_element  # focus moved to the reason box
        assert (reason.get_attribute("id") or "").endswith("-why")
        reason.send_keys("keep it, it was for the trip")
        wait_for(driver, ".msg.approval button.danger", text="Reject").click()
        wait_for(driver, ".msg.approval .decided", text="Rejected")
        declined = "Not done: you said no (keep it, it was for the trip)."
        wait_for(driver, ".msg.pam .activity .failed", text=declined)  # not the model's words
        wait_for(driver, "#send:enabled")
        assert "$40.50" in driver.find_element(By.ID, "expenses").text  # not deleted

        say(driver, "delete that one")
        WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(*APPROVALS)) == 2)
        card = driver.find_elements(*APPROVALS)[-1]
        card.find_element(By.XPATH, ".//button[text()='Edit…']").click()
        box = driver.switch_to.active_element  # focus moved to the arguments
        assert '"expense_id"' in (box.get_attribute("value") or "")
        box.clear()
        box.send_keys("[1, 2]")
        run = card.find_element(By.XPATH, ".//button[text()='Run with these arguments']")
        run.click()
        assert "not a JSON object" in card.find_element(By.CSS_SELECTOR, ".error").text
        box.clear()
        box.send_keys('{"expense_id": "00000000-0000-0000-0000-000000000000"}')
        run.click()
        WebDriverWait(driver, 20).until(lambda d: "Approved with changes" in card.text)
        wait_for(driver, ".msg.pam .activity .failed")  # the edited call found nothing
        wait_for(driver, "#send:enabled")
        assert "$40.50" in driver.find_element(By.ID, "expenses").text
        shot(driver, "10-reject-and-edit")
        page_overflow = "return document.documentElement.scrollHeight - window.innerHeight"
        assert driver.execute_script(page_overflow) <= 0  # only the columns scroll
        assert console_errors(driver) == []

        driver.refresh()  # the same chat read back from the transcript says the same
        wait_for(driver, "#thread-list button", text="spent $40.50 on food today").click()
        wait_for(driver, ".msg.pam .activity .failed", text=declined)


def test_writing_instead_of_deciding_sets_the_approval_aside(local_server: RunningServer) -> None:
    """A card left open while the person writes something else: the card is disabled, the
    reply says the delete was set aside, and an old card (another tab on the same chat)
    answered afterwards is told what became of it, not that nothing is waiting."""
    with chromium() as driver:
        driver.get(f"{local_server.url}/")
        wait_for(driver, "#sign-out")
        driver.find_element(By.ID, "new-thread").click()
        say(driver, "spent $23.10 on parking today")
        wait_for(driver, "#expenses li", text="$23.10")
        say(driver, "delete that one")
        wait_for(driver, ".msg.approval button.primary", text="Approve")
        first = driver.current_window_handle
        chat_url = driver.current_url  # …/#/chat/<thread id>
        driver.switch_to.new_window("tab")  # the same chat, open in a second tab
        driver.get(chat_url)
        old_approve = wait_for(driver, ".msg.approval button.primary", text="Approve")

        driver.switch_to.window(first)
        say(driver, "what's on my calendar this week?")
        card = wait_for(driver, ".msg.approval .request.settled")
        assert "Answered in the chat" in card.text
        buttons = card.find_elements(By.CSS_SELECTOR, "button")
        assert buttons and all(not b.is_enabled() for b in buttons)
        wait_for(driver, ".msg.pam[aria-busy='false'] .text", text="I've set aside")
        shot(driver, "11-approval-set-aside")

        driver.switch_to.window(driver.window_handles[-1])
        old_approve.click()
        wait_for(driver, ".msg.pam .text", text="was set aside when you wrote something else")
        assert "$23.10" in driver.find_element(By.ID, "expenses").text  # nothing deleted
        shot(driver, "12-old-card-told-it-was-set-aside")
        # The browser logs the refused resume itself; nothing else went wrong.
        errors = console_errors(driver)
        assert [e for e in errors if "/pam/resume" not in e or "409" not in e] == [], errors


def test_an_old_card_never_approves_a_newer_question(local_server: RunningServer) -> None:
    """Two tabs on one chat: the first rejects "delete the $23.10 one", then asks to delete
    the $41.00 one; the second tab's old card for the first question is clicked Approve.
    The page sends the question's interrupt_id, so the server refuses (409) and says what
    waits now; both expenses stay. Before, that click deleted the $41.00 expense."""
    with chromium() as driver:
        driver.get(f"{local_server.url}/")
        wait_for(driver, "#sign-out")
        driver.find_element(By.ID, "new-thread").click()
        say(driver, "spent $23.10 on parking today")
        wait_for(driver, "#expenses li", text="$23.10")
        say(driver, "spent $41.00 on parking today")
        wait_for(driver, "#expenses li", text="$41.00")
        say(driver, "delete the $23.10 parking expense")
        wait_for(driver, ".msg.approval button.primary", text="Approve")
        first = driver.current_window_handle
        chat_url = driver.current_url
        driver.switch_to.new_window("tab")
        driver.get(chat_url)
        old_approve = wait_for(driver, ".msg.approval button.primary", text="Approve")

        driver.switch_to.window(first)
        wait_for(driver, ".msg.approval button", text="Reject…").click()
        wait_for(driver, ".msg.approval button.danger", text="Reject").click()
        wait_for(driver, ".msg.approval .decided", text="Rejected")
        wait_for(driver, "#send:enabled")
        say(driver, "delete the $41.00 parking expense")
        WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(*APPROVALS)) == 2)
        assert "$41.00" in driver.find_elements(*APPROVALS)[-1].text

        driver.switch_to.window(driver.window_handles[-1])
        old_approve.click()
        wait_for(driver, ".msg.pam .text", text="no longer the one waiting")
        told = driver.find_elements(By.CSS_SELECTOR, ".msg.pam .text")[-1].text
        assert "Delete the $41.00" in told, told
        wait_for(driver, ".msg.approval .decided", text="Not done: see below")  # not "Approved"
        driver.refresh()
        wait_for(driver, "#expenses li", text="$41.00")
        assert "$23.10" in driver.find_element(By.ID, "expenses").text  # neither deleted
        shot(driver, "13-old-card-refused-for-a-newer-question")
        errors = console_errors(driver)
        assert [e for e in errors if "/pam/resume" not in e or "409" not in e] == [], errors
