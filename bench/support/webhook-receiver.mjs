// Webhook receiver for bench/webhooks.mjs, run as its own process: checks every signature, request id and per-user order.
import { createHmac } from 'node:crypto';
import http from 'node:http';

const secret = process.env.BENCH_WEBHOOK_SECRET;
const seen = new Set();
const lastStatus = new Map();
const stats = { received: 0, duplicates: 0, badSignatures: 0, outOfOrder: 0, validations: 0 };

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const ts = req.headers['x-zm-request-timestamp'];
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(raw).digest('hex')}`;
    if (req.headers['x-zm-signature'] !== expected) stats.badSignatures++;
    const body = JSON.parse(raw.toString('utf8'));
    if (body.event === 'endpoint.url_validation') {
      stats.validations++;
      const plainToken = body.payload.plainToken;
      const encryptedToken = createHmac('sha256', secret).update(plainToken).digest('hex');
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ plainToken, encryptedToken }));
    }
    const id = req.headers['x-zm-request-id'];
    if (seen.has(id)) stats.duplicates++;
    seen.add(id);
    // The bench flips each user between Away and Available, so two events in a row with the same status are out of order.
    const { id: user, presence_status: status } = body.payload.object;
    if (lastStatus.get(user) === status) stats.outOfOrder++;
    lastStatus.set(user, status);
    stats.received++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}/hook` }));
setInterval(() => process.send({ stats }), 20).unref();
// Before each measured phase: the bench changed statuses meanwhile without a webhook, so order checks start afresh.
process.on('message', (m) => {
  if (m === 'reset') {
    lastStatus.clear();
    process.send({ reset: true });
  }
});
process.on('disconnect', () => process.exit(0));
