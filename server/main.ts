// `npm start`: the server a class plays on. PORT and HOST choose where it listens; REDIS_URL and PUBLIC_ADDRESS
// make it one of several processes serving one deployment (README, "Running several server processes");
// SPLIT_BRAIN_DB is the database that keeps games and results (default data/split-brain.db; README, "Where results
// are kept").
import { startServer } from "./app";
import { type ScaleOut, scaleOutFromEnv } from "./scale-out";
import { DEFAULT_DATABASE } from "./store";

const port = Number(process.env.PORT ?? 2567);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}".`);
  process.exit(1);
}

const database = process.env.SPLIT_BRAIN_DB || DEFAULT_DATABASE;
let scaleOut: ScaleOut | undefined;
let server: Awaited<ReturnType<typeof startServer>>;
try {
  scaleOut = scaleOutFromEnv(process.env);
  server = await startServer({ port, host: process.env.HOST ?? "0.0.0.0", scaleOut, database });
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
console.log(
  scaleOut
    ? `Split Brain on port ${server.port}, reached as ${scaleOut.publicAddress}, sharing rooms through Redis`
    : `Split Brain at http://localhost:${server.port}`,
);
console.log(`Games and results are kept in ${database}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C does not wait
    stopping = true;
    console.log("Stopping: the games in progress come back at the next start...");
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
