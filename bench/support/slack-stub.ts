import http from 'node:http';

/** Answers auth.test like Slack does, so `smtp-desk serve`'s start-up check has a Slack to talk to. */
export async function stubSlackApi(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, user_id: 'U0BENCH', bot_id: 'B0BENCH', team_id: 'T0BENCH' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/api/` };
}
