// Where the e2e suite's static servers listen (tests/e2e/serve.mjs, started by playwright.config.ts).
export const PORT = Number(process.env.E2E_PORT ?? 4173);
// A second release build made with `--public-url /partner/` (scripts/test.sh builds it), served
// under that sub-path like a static host would (tests/e2e/subpath.spec.ts).
export const SUBPATH = '/partner/';
export const SUBPATH_DIST = 'target/dist-subpath';
export const SUBPATH_PORT = PORT + 1;
// The server build (`trunk build --release --no-default-features`, HTTP only), which
// scripts/test.sh builds into target/dist-server; serve.mjs answers its /api/ from stub-api.mjs.
export const SERVER_DIST = 'target/dist-server';
export const SERVER_PORT = PORT + 2;
