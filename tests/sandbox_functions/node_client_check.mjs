// Drives the official @nangohq/node client against a running sandbox.
// Usage: node node_client_check.mjs <node_modules parent dir>; env NANGO_HOST, NANGO_SECRET_KEY.
// Prints one JSON line: {"calls": [{"name", "ok", "detail"}]}; exits 1 on the first failed call.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.argv[2], 'package.json'));
const { Nango } = require('@nangohq/node');

const host = process.env.NANGO_HOST;
const secretKey = process.env.NANGO_SECRET_KEY;
const nango = new Nango({ host, secretKey });
const calls = [];
const suffix = Math.random().toString(16).slice(2, 10);
const key = `gh-node-${suffix}`;

function fail(name, message) {
    calls.push({ name, ok: false, detail: message });
    console.log(JSON.stringify({ calls }));
    process.exit(1);
}

function expect(name, condition, message) {
    if (!condition) {
        fail(name, message);
    }
}

async function call(name, fn) {
    try {
        const result = await fn();
        calls.push({ name, ok: true });
        return result;
    } catch (err) {
        const status = err?.response?.status;
        const body = err?.response?.data ? JSON.stringify(err.response.data) : '';
        fail(name, `${status ?? ''} ${err?.message ?? err} ${body}`.trim());
    }
}

async function sandbox(path, body) {
    const response = await fetch(`${host}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    });
    if (!response.ok) {
        fail(path, `${response.status} ${await response.text()}`);
    }
    return response.json();
}

async function poll(name, fn) {
    for (let attempt = 0; attempt < 200; attempt++) {
        try {
            return await fn();
        } catch (err) {
            if (err?.response?.status !== 404) {
                throw err;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    fail(name, 'never completed');
}

const created = await call('createIntegration', () =>
    nango.createIntegration({ unique_key: key, provider: 'github', credentials: { type: 'OAUTH2', client_id: 'cid', client_secret: 'csecret', scopes: 'repo' } })
);
expect('createIntegration', created.data.unique_key === key && created.data.provider === 'github', JSON.stringify(created));

const integrations = await call('listIntegrations', () => nango.listIntegrations());
expect('listIntegrations', integrations.configs.some((i) => i.unique_key === key), 'new integration not listed');

const session = await call('createConnectSession', () =>
    nango.createConnectSession({ end_user: { id: `user-${suffix}`, email: 'user@example.com' }, allowed_integrations: [key] })
);
expect('createConnectSession', session.data.token.startsWith('nango_connect_session_') && session.data.expires_at, JSON.stringify(session));

await sandbox('/_sandbox/connect/complete', { token: session.data.token });

const list = await call('listConnections', () => nango.listConnections());
const mine = list.connections.find((c) => c.provider_config_key === key);
expect('listConnections', mine && mine.provider === 'github' && mine.end_user?.id === `user-${suffix}`, JSON.stringify(list.connections.slice(-1)));
const connectionId = mine.connection_id;

const connection = await call('getConnection', () => nango.getConnection(key, connectionId));
expect('getConnection', connection.credentials.type === 'OAUTH2' && connection.credentials.access_token, 'no OAuth2 credentials');

await call('setMetadata', () => nango.setMetadata(key, connectionId, { team: 'core' }));
await call('updateMetadata', () => nango.updateMetadata(key, connectionId, { plan: 'pro' }));
const withMetadata = await call('getConnection (metadata)', () => nango.getConnection(key, connectionId));
expect('updateMetadata', withMetadata.metadata.team === 'core' && withMetadata.metadata.plan === 'pro', JSON.stringify(withMetadata.metadata));

const repos = await call('proxy get', () => nango.get({ endpoint: '/user/repos', providerConfigKey: key, connectionId }));
expect('proxy get', repos.status === 200 && Array.isArray(repos.data) && repos.data.length > 0, JSON.stringify(repos.data));
const repo = repos.data[0].full_name;
const posted = await call('proxy post', () =>
    nango.post({ endpoint: `/repos/${repo}/issues`, providerConfigKey: key, connectionId, data: { title: 'From the Node client' } })
);
expect('proxy post', posted.status === 200 && posted.data.title === 'From the Node client', `${posted.status} ${JSON.stringify(posted.data)}`);

await sandbox('/_sandbox/records', {
    provider_config_key: key,
    connection_id: connectionId,
    model: 'GithubIssue',
    records: [1, 2, 3, 4, 5].map((n) => ({ id: `seed-${n}`, title: `Issue ${n}` }))
});
const firstPage = await call('listRecords', () => nango.listRecords({ providerConfigKey: key, connectionId, model: 'GithubIssue', limit: 2 }));
expect('listRecords', firstPage.records.length === 2 && typeof firstPage.next_cursor === 'string', JSON.stringify(firstPage));
let cursor = firstPage.next_cursor;
const seen = firstPage.records.map((r) => r.id);
while (cursor) {
    const page = await call('listRecords (cursor)', () => nango.listRecords({ providerConfigKey: key, connectionId, model: 'GithubIssue', limit: 2, cursor }));
    seen.push(...page.records.map((r) => r.id));
    cursor = page.next_cursor;
}
expect('listRecords (cursor)', seen.join(',') === 'seed-1,seed-2,seed-3,seed-4,seed-5', seen.join(','));
expect('listRecords', firstPage.records[0]._nango_metadata.last_action === 'ADDED', JSON.stringify(firstPage.records[0]));

const output = await call('triggerAction', () => nango.triggerAction(key, connectionId, 'list-repos'));
expect('triggerAction', Array.isArray(output.repos) && output.repos.length === repos.data.length, JSON.stringify(output));

const handle = await call('triggerActionAsync', () => nango.triggerActionAsync(key, connectionId, 'create-issue', { repo, title: 'Async issue' }));
expect('triggerActionAsync', handle.id && handle.statusUrl === `/action/${handle.id}`, JSON.stringify(handle));
const asyncResult = await call('getAsyncActionResult', () => poll('getAsyncActionResult', () => nango.getAsyncActionResult({ id: handle.id })));
expect('getAsyncActionResult', asyncResult.title === 'Async issue' && asyncResult.state === 'open', JSON.stringify(asyncResult));

const config = await call('getScriptsConfig', () => nango.getScriptsConfig());
const entry = config.find((c) => c.providerConfigKey === key);
expect('getScriptsConfig', entry && entry.actions.some((a) => a.name === 'create-issue') && entry.syncs.some((s) => s.name === 'issues'), JSON.stringify(entry));
const openai = await call('getScriptsConfig (openai)', () => nango.getScriptsConfig('openai'));
expect('getScriptsConfig (openai)', openai.data.some((f) => f.name === 'create-issue' && f.parameters.required.includes('title')), 'no create-issue function');

const functions = await call('listFunctions', () => nango.listFunctions({ uniqueKey: key }));
expect('listFunctions', functions.pagination.total === 3, JSON.stringify(functions.pagination));

await call('startSync', () => nango.startSync(key, ['issues'], connectionId));
await call('triggerSync', () => nango.triggerSync(key, ['issues'], connectionId));
const status = await call('syncStatus', () => nango.syncStatus(key, '*', connectionId));
expect('syncStatus', status.syncs.length === 1 && status.syncs[0].name === 'issues' && status.syncs[0].connection_id === connectionId, JSON.stringify(status));
await call('updateSyncConnectionFrequency', () => nango.updateSyncConnectionFrequency(key, 'issues', connectionId, 'every 2 hours'));
await call('pauseSync', () => nango.pauseSync(key, ['issues'], connectionId));
const variant = await call('createSyncVariant', () =>
    nango.createSyncVariant({ provider_config_key: key, connection_id: connectionId, name: 'issues', variant: 'mine' })
);
expect('createSyncVariant', variant.name === 'issues' && variant.variant === 'mine' && variant.id, JSON.stringify(variant));
await call('deleteSyncVariant', () => nango.deleteSyncVariant({ provider_config_key: key, connection_id: connectionId, name: 'issues', variant: 'mine' }));
const pruned = await call('pruneRecords', () =>
    nango.pruneRecords({ providerConfigKey: key, connectionId, model: 'GithubIssue', untilCursor: firstPage.next_cursor })
);
expect('pruneRecords', pruned.count === 2 && pruned.has_more === false, JSON.stringify(pruned));

const deleted = await call('deleteConnection', () => nango.deleteConnection(key, connectionId));
expect('deleteConnection', deleted.status === 200 && deleted.data.success === true, JSON.stringify(deleted.data));

console.log(JSON.stringify({ calls }));
