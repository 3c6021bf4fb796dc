// One run of PAM's /agui door with the official AG-UI client (HttpAgent), which checks
// every event against the protocol as it applies it. Prints one JSON line: the event
// types in order, the agent's messages and state afterwards, and any error.
// usage: node run.mjs <url> <token> <threadId> <message> [resume-json]
import { HttpAgent } from "@ag-ui/client";

const [url, token, threadId, message, resume] = process.argv.slice(2);
const agent = new HttpAgent({
  url,
  threadId,
  headers: { Authorization: `Bearer ${token}` },
  initialMessages: [{ id: `m-${Date.now()}`, role: "user", content: message }],
});
const events = [];
let finished = null;
let error = null;
try {
  await agent.runAgent(resume ? { resume: JSON.parse(resume) } : {}, {
    onEvent: ({ event }) => {
      events.push(event.type);
      if (event.type === "RUN_FINISHED") finished = event;
    },
  });
} catch (err) {
  error = String(err?.message ?? err);
}
console.log(JSON.stringify({ events, finished, messages: agent.messages, state: agent.state, error }));
