/**
 * The container's HEALTHCHECK: asks this instance's /health over the scheme it serves. With
 * native TLS the certificate names the public host, not 127.0.0.1, so it is not verified here:
 * the request never leaves the loopback interface.
 */
import http from 'node:http';
import https from 'node:https';
import { loadDotEnv } from '../src/shared/env-file.js';

const TIMEOUT_MS = 2_500;

loadDotEnv();
const secure = Boolean(process.env.TLS_CERT_FILE?.trim());
const port = Number(process.env.PORT?.trim() || 3000);
const get = secure ? https.get : http.get;
const request = get(
  { host: '127.0.0.1', port, path: '/health', timeout: TIMEOUT_MS, rejectUnauthorized: false },
  (res) => {
    res.resume();
    process.exit(res.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => {
  console.error(`health check failed: ${error.message}`);
  process.exit(1);
});
