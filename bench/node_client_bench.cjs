// One round of the Node-client scenarios, timed inside the process (start-up excluded).
// argv: baseUrl secretKey integration connectionId n m big (big: the larger concurrent burst)
const { Nango } = require('@nangohq/node');

async function main() {
    const [host, secretKey, integration, connectionId, n, m, big] = process.argv.slice(2);
    const nango = new Nango({ host, secretKey });
    await nango.listConnections(); // warm-up: connection pool and JIT
    const out = {};
    let t0 = performance.now();
    for (let i = 0; i < Number(n); i++) await nango.listConnections();
    out.sequential_list = (performance.now() - t0) / 1000;
    t0 = performance.now();
    for (let i = 0; i < Number(n); i++) await nango.getConnection(integration, connectionId);
    out.sequential_get = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await Promise.all(Array.from({ length: Number(m) }, () => nango.listConnections()));
    out.concurrent_list = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await Promise.all(Array.from({ length: Number(big) }, () => nango.listConnections()));
    out.concurrent_list_big = (performance.now() - t0) / 1000;
    process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
    process.stderr.write(String(err && err.message ? err.message : err));
    process.exit(1);
});
