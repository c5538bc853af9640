// `npm start`: the server a class plays on. PORT and HOST choose where it listens; REDIS_URL and PUBLIC_ADDRESS
// make it one of several processes serving one deployment (README, "Running several server processes").
import { startServer } from "./app";
import { type ScaleOut, scaleOutFromEnv } from "./scale-out";

const port = Number(process.env.PORT ?? 2567);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}".`);
  process.exit(1);
}

let scaleOut: ScaleOut | undefined;
let server: Awaited<ReturnType<typeof startServer>>;
try {
  scaleOut = scaleOutFromEnv(process.env);
  server = await startServer({ port, host: process.env.HOST ?? "0.0.0.0", scaleOut });
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
console.log(
  scaleOut
    ? `Split Brain on port ${server.port}, reached as ${scaleOut.publicAddress}, sharing rooms through Redis`
    : `Split Brain at http://localhost:${server.port}`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C does not wait
    stopping = true;
    console.log("Stopping: closing the games in progress...");
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
