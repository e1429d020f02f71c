/** `npx tsx fakes/news/main.ts`: runs the fake news site until stopped and prints its address. */
import { FakeNewsServer } from './server.ts';

const server = new FakeNewsServer({ slowMs: 30_000 });
console.log(await server.start());
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
