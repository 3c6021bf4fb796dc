// One scripted JS-SDK client against one server: `node run.mjs '<job JSON>'` prints the
// case's result as JSON. The job: {url, headers, context, case, assistant}. PAM's closing `end`
// event is left out, as on the Python side (differences.py).
import { Client } from "@langchain/langgraph-sdk";

const job = JSON.parse(process.argv[2]);
const client = new Client({ apiUrl: job.url, defaultHeaders: job.headers, apiKey: null });
const say = (text) => ({ messages: [{ role: "user", content: text }] });

async function streamed(threadId, options) {
  const parts = [];
  for await (const part of client.runs.stream(threadId, "pam", { context: job.context, ...options })) {
    if (part.event !== "end") parts.push([part.event, part.data]);
  }
  return parts;
}

const cases = {
  async "messages-tuple"() {
    const thread = await client.threads.create();
    return streamed(thread.thread_id, { input: say("spent $12.50 on coffee"), streamMode: ["messages-tuple"] });
  },
  async "debug-checkpoints-tasks"() {
    const thread = await client.threads.create();
    return streamed(thread.thread_id, {
      input: say("spent $12.50 on coffee"),
      streamMode: ["debug", "checkpoints", "tasks"],
    });
  },
  async "history-before"() {
    const thread = await client.threads.create();
    for (const text of ["spent $12.50 on coffee", "spent $4 on bread"]) {
      await streamed(thread.thread_id, { input: say(text), streamMode: ["values"] });
    }
    const latest = (await client.threads.getHistory(thread.thread_id, { limit: 3 }))[2];
    const older = await client.threads.getHistory(thread.thread_id, {
      limit: 4,
      before: { configurable: latest.checkpoint },
    });
    return older.map((state) => [state.next, state.checkpoint, state.parent_checkpoint]);
  },
  async "join-stream"() {
    const thread = await client.threads.create();
    const joined = [];
    const follow = (async () => {
      for await (const part of client.threads.joinStream(thread.thread_id)) {
        joined.push([part.event, part.data]);
        if (part.event === "metadata" && part.data?.status === "run_done") return;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await client.runs.create(thread.thread_id, "pam", {
      input: say("spent $12.50 on coffee"),
      streamMode: ["values", "updates"],
      context: job.context,
    });
    await follow;
    return joined;
  },
  async "thread-stream-tool-calls"() {
    // The v3 thread stream (`threads.stream`): a turn that calls a tool in the `wins`
    // subgraph, read through the typed `toolCalls` projection and `output`.
    const thread = client.threads.stream({ assistantId: "pam" });
    const config = job.context ? { configurable: job.context } : undefined;
    await thread.run.start({ input: say("spent $12.50 on coffee"), config });
    const calls = [];
    const collected = (async () => {
      for await (const call of thread.toolCalls) {
        calls.push([call.name, call.namespace.length, call.input, await call.output]);
      }
    })();
    const output = await thread.output;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the projection catches up
    await thread.close();
    await Promise.race([collected, new Promise((resolve) => setTimeout(resolve, 1000))]);
    return { calls, reply: output.reply };
  },
  async subgraphs() {
    const found = await client.assistants.getSubgraphs(job.assistant, { recurse: true });
    return Object.fromEntries(
      Object.entries(found).map(([ns, s]) => [ns, [s.input_schema, s.output_schema]]),
    );
  },
};

// Exit once written: an abandoned joinStream keeps its connection (and node) alive.
process.stdout.write(JSON.stringify(await cases[job.case]()), () => process.exit(0));
