import { runCli } from './cli/run';

// The admin command line (`npm run parley -- <command>`); see server/cli/run.ts for the commands.
runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`parley: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
