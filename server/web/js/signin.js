// Signing in with an access token; on the server's own computer, the local user's token.
import { $ } from "./dom.js";
import { Unauthorized, devToken, getJson, token, tokenSubject } from "./api.js";
import { reads } from "./store.js";

// Whom the token names; the server verifies it, this is only for display.
export const signedInAs = () => tokenSubject() || "you";

export async function showSignIn(message, onSignedIn) {
  $("app").hidden = true;
  $("sign-out").hidden = true;
  $("whoami").hidden = true;
  $("signin").hidden = false;
  $("signin-error").textContent = message;
  $("signin-local").hidden = !(await devToken());
  $("signin-local").onclick = async () => {
    const local = await devToken();
    if (local) {
      token.set(local);
      onSignedIn();
    }
  };
  $("signin-token").focus();
}

export function wireSignIn(onSignedIn) {
  $("signin-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = $("signin-token").value.trim().replace(/^Bearer\s+/i, "");
    if (!value) {
      $("signin-error").textContent = "Paste a token first.";
      return;
    }
    token.set(value);
    try {
      await getJson("/api/v1/pam/threads?limit=1");
    } catch (error) {
      token.clear();
      $("signin-error").textContent = error instanceof Unauthorized
        ? "That token was not accepted. Check it has not expired."
        : error.message;
      return;
    }
    $("signin-token").value = "";
    onSignedIn();
  });
  $("sign-out").addEventListener("click", () => {
    token.clear();
    reads.clear().catch(() => {}); // what was read stays off a shared device
    showSignIn("You have signed out.", onSignedIn);
  });
}
