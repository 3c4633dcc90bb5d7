// Contract test of the OpenAI-compatible API with the official OpenAI Node SDK (installed by the Java test).
// Usage: node openai-contract.mjs <baseURL> <model>; prints one JSON object with what it observed.
import OpenAI from 'openai';
import { createHmac } from 'node:crypto';

const [baseURL, model] = process.argv.slice(2);

// The Java test calls the service directly, not through the gateway, so this script signs each request the way the
// gateway does (platform-api's RequestSigner: HMAC-SHA256 over v1, principal, role, method, raw target, signed-at).
const secret = process.env.LAB_SIGNING_SECRET;
const signedFetch = async (url, init = {}) => {
  const target = new URL(url.toString());
  const method = (init.method || 'GET').toUpperCase();
  const signedAt = Math.floor(Date.now() / 1000).toString();
  const path = target.pathname + (target.search.length > 1 ? target.search : '');
  const signature = createHmac('sha256', secret)
    .update(['v1', 'test-admin', 'admin', method, path, signedAt].join('\n')).digest('hex');
  const headers = new Headers(init.headers);
  headers.set('X-Lab-Principal', 'test-admin');
  headers.set('X-Lab-Role', 'admin');
  headers.set('X-Lab-Signed-At', signedAt);
  headers.set('X-Lab-Signature', 'v1=' + signature);
  return fetch(url, { ...init, headers });
};
const client = new OpenAI({ baseURL, apiKey: 'test-key', maxRetries: 0, timeout: 120000,
  ...(secret ? { fetch: signedFetch } : {}) });
const out = {};

const c = await client.completions.create({ model, prompt: 'In the beginning', max_tokens: 12, temperature: 0.8,
  seed: 3, n: 2 });
out.completion = { object: c.object, choices: c.choices.map(x => ({ index: x.index, text: x.text,
  finish_reason: x.finish_reason, token_ids: x.token_ids })), usage: c.usage };
const again = await client.completions.create({ model, prompt: 'In the beginning', max_tokens: 12,
  temperature: 0.8, seed: 3, n: 2 });
out.sameSeedSameText = again.choices.map(x => x.text).join('|') === c.choices.map(x => x.text).join('|');

const greedy = await client.completions.create({ model, prompt: 'abc', max_tokens: 16, temperature: 0 });
out.greedyText = greedy.choices[0].text;
const stop = greedy.choices[0].text.substring(2, 4);
const stopped = await client.completions.create({ model, prompt: 'abc', max_tokens: 16, temperature: 0, stop: [stop] });
out.stop = { stop, text: stopped.choices[0].text, finish_reason: stopped.choices[0].finish_reason };

const stream = await client.completions.create({ model, prompt: 'abc', max_tokens: 16, temperature: 0,
  stream: true, stream_options: { include_usage: true } });
let streamed = '';
let usage = null;
for await (const chunk of stream) {
  if (chunk.choices.length > 0) streamed += chunk.choices[0].text;
  if (chunk.usage) usage = chunk.usage;
}
out.streamed = { text: streamed, usage };

const chat = await client.chat.completions.create({ model, messages: [{ role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hello' }], max_tokens: 8, temperature: 0, n: 2 });
out.chat = { object: chat.object, n: chat.choices.length, role: chat.choices[0].message.role,
  content: chat.choices[0].message.content, usage: chat.usage };
const chatStream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello' }],
  max_tokens: 8, temperature: 0, stream: true });
let chatText = '';
let finish = null;
for await (const chunk of chatStream) {
  for (const ch of chunk.choices) {
    chatText += ch.delta?.content ?? '';
    if (ch.finish_reason) finish = ch.finish_reason;
  }
}
out.chatStream = { text: chatText, finish_reason: finish };

async function error(fn) {
  try {
    await fn();
    return { thrown: false };
  } catch (e) {
    return { thrown: true, status: e.status, cls: e.constructor.name, message: e.message,
      param: e.param ?? e.error?.param ?? null, type: e.type ?? e.error?.type ?? null };
  }
}
// models.retrieve
const retrieved = await client.models.retrieve(model);
out.retrieved = { id: retrieved.id, object: retrieved.object };
out.retrieveMissing = await error(() => client.models.retrieve('no-such-model'));

// structured output: a JSON Schema enforced by constrained decoding
const schema = { type: 'object', properties: { word: { type: 'string', maxLength: 6 },
  count: { type: 'integer', minimum: 1, maximum: 9 } }, required: ['word', 'count'], additionalProperties: false };
const structured = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Count' }],
  max_tokens: 60, seed: 1, response_format: { type: 'json_schema', json_schema: { name: 'counted', strict: true,
  schema } } });
out.structured = { content: structured.choices[0].message.content,
  finish_reason: structured.choices[0].finish_reason };

// tool calls, whole and streamed
const tools = [{ type: 'function', function: { name: 'lookup', description: 'Look a word up',
  parameters: { type: 'object', properties: { word: { type: 'string', maxLength: 8 } }, required: ['word'],
    additionalProperties: false } } }];
const called = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Look up x' }],
  max_tokens: 60, seed: 2, tools, tool_choice: 'required' });
out.toolCall = { finish_reason: called.choices[0].finish_reason, tool_calls: called.choices[0].message.tool_calls,
  content: called.choices[0].message.content };
const toolStream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Look up x' }],
  max_tokens: 60, seed: 2, tools, tool_choice: { type: 'function', function: { name: 'lookup' } }, stream: true });
const streamedCalls = [];
let toolFinish = null;
for await (const chunk of toolStream) {
  for (const ch of chunk.choices) {
    for (const tc of ch.delta?.tool_calls ?? []) {
      const at = streamedCalls[tc.index] ??= { id: '', name: '', arguments: '' };
      at.id += tc.id ?? '';
      at.name += tc.function?.name ?? '';
      at.arguments += tc.function?.arguments ?? '';
    }
    if (ch.finish_reason) toolFinish = ch.finish_reason;
  }
}
out.toolStream = { calls: streamedCalls, finish_reason: toolFinish };
const followUp = await client.chat.completions.create({ model, max_tokens: 4, tools, messages: [
  { role: 'user', content: 'Look up x' }, called.choices[0].message,
  { role: 'tool', tool_call_id: called.choices[0].message.tool_calls[0].id, content: 'a letter' }] });
out.followUp = { finish_reason: followUp.choices[0].finish_reason };

// penalties and logit bias are honoured, not refused
const biased = await client.completions.create({ model, prompt: 'abc', max_tokens: 4, temperature: 0,
  logit_bias: { 66: 100 }, presence_penalty: 0.5, frequency_penalty: 0.5 });
out.biased = biased.choices[0].text;
out.unsupported = await error(() => client.completions.create({ model, prompt: 'x', suffix: 'y' }));

out.unknownModel = await error(() => client.completions.create({ model: 'no-such-model', prompt: 'x' }));
out.badTemperature = await error(() => client.completions.create({ model, prompt: 'x', temperature: 7 }));
out.badChat = await error(() => client.chat.completions.create({ model, messages: [] }));
console.log(JSON.stringify(out));
