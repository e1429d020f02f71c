import { afterAll, beforeAll } from 'vitest';
import { FakeNewsServer, type FakeNewsOptions } from '../../fakes/news/server.ts';

/**
 * A fake news site (fakes/news/) started before this file's tests and stopped after them.
 * Returns the server and a getter of its base URL (known once it has started).
 */
export function useFakeNewsServer(options?: FakeNewsOptions): { server: FakeNewsServer; base: () => string } {
  const server = new FakeNewsServer(options);
  let base = '';
  beforeAll(async () => {
    base = await server.start();
  });
  afterAll(() => server.stop());
  return { server, base: () => base };
}
