// The baseline: a bare Fastify server with the presence route shapes and no work behind them.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const params = { type: 'object', properties: { userId: { type: 'string', maxLength: 320 } }, required: ['userId'] };
const body = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] };

app.put('/v2/users/:userId/presence_status', { schema: { params, body } }, async (_req, reply) => reply.code(204).send());
app.get('/v2/users/:userId/presence_status', { schema: { params } }, async (_req, reply) => reply.code(200).send({ status: 'Available' }));

const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${url}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
