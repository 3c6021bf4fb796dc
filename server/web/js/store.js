// What the page keeps on the device (IndexedDB): the last answer to each panel and chat
// read, shown "as of" its time with no reception; and the outbox of messages typed with
// no reception, kept until the server has them.
const DB_NAME = "pam";
const DB_VERSION = 1;
let opened = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function database() {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore("reads", { keyPath: "key" }); // {key: user|path, body, saved_at}
      db.createObjectStore("outbox", { keyPath: "id" }).createIndex("by_user", "user");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opened;
}

async function store(name, mode) {
  return (await database()).transaction(name, mode).objectStore(name);
}

async function written(name, change) {
  const tx = (await database()).transaction(name, "readwrite");
  change(tx.objectStore(name));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const reads = {
  get: async (key) => request((await store("reads", "readonly")).get(key)),
  put: (key, body) => written("reads", (s) => s.put({ key, body, saved_at: new Date().toISOString() })),
  clear: () => written("reads", (s) => s.clear()),
};

export const outbox = {
  // The user's waiting messages in the order they were typed.
  list: async (user) => {
    const items = await request((await store("outbox", "readonly")).index("by_user").getAll(user));
    return items.sort((a, b) => a.seq - b.seq);
  },
  put: (item) => written("outbox", (s) => s.put(item)),
  remove: (id) => written("outbox", (s) => s.delete(id)),
};
