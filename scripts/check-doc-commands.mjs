#!/usr/bin/env node
/**
 * @module Every shell command of the READMEs runs as written. Reads the ```sh blocks of README.md,
 * packages/*\/README.md, examples/README.md and test/README.md and runs each command from the
 * repository root, as a reader who has done the set-up (`npm install && npm start`) would:
 * - `export …` lines set the environment of the block's later commands;
 * - servers (`npx regen-stub`, `npm start`, a line ending in `&`) are started, must print their
 *   ready line, and keep running for the block's next commands until the next server or the block's end;
 * - a command that calls `127.0.0.1:<port>` with no server of its block running gets a stub the
 *   test starts on that port (admin key `$REGEN_API_KEY`, the environment the READMEs tell readers
 *   to set; this run sets it to a fresh test key);
 * - everything else must exit 0. `npm test` is not run from inside itself, and commands that
 *   need PostgreSQL or Redis are skipped, with the reason, when those servers are not installed.
 * As root with `unshare` (Linux), each block runs in its own network namespace, so the ports the
 * READMEs name (4010) never meet another process's; elsewhere the ports must be free.
 * `REGEN_BENCH_SMOKE=1` makes the benchmarks do a short run. Prints the count of commands checked.
 *
 * Then every ```ts and ```python block of the same files is type-checked (tsc strict, mypy --strict)
 * and run against one stub (scripts/doc-check/code-blocks.mjs). `--code` checks only those blocks,
 * `--commands` only the shell commands; `FILE` or `FILE:LINE` (a line of one block) narrows either.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCodeBlocks } from './doc-check/code-blocks.mjs';
import { pythonVenv } from './doc-check/python-blocks.mjs';
import { markdownBlocks } from './support/markdown-blocks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Optional: one Markdown file, or one block of it (`README.md:99`, a line of the block).
const args = process.argv.slice(2);
const [only, onlyLine] = (args.find((a) => !a.startsWith('--')) ?? '').split(':');
const parts = {
  commands: !args.includes('--code'),
  code: !args.includes('--commands'),
};
const files = [
  'README.md',
  ...readdirSync(path.join(root, 'packages'))
    .map((p) => `packages/${p}/README.md`)
    .filter((f) => exists(f)),
  'openapi/README.md',
  'examples/README.md',
  'test/README.md',
].filter((f) => exists(f) && (!only || f === only));

function exists(file) {
  try {
    return statSync(path.resolve(root, file)).isFile();
  } catch {
    return false;
  }
}

/** The commands of a file's ```sh blocks: one per line, `\` continuations joined, comments dropped. */
function blocksOf(file) {
  return markdownBlocks(root, file)
    .filter((b) => b.lang === 'sh')
    .map((block) => {
      const commands = [];
      block.code
        .replace(/\\\n\s*/g, ' ')
        .split('\n')
        .forEach((raw, i) => {
          const command = raw.trim();
          if (command && !command.startsWith('#'))
            commands.push({ command, where: `${file}:${block.line + i}` });
        });
      return commands;
    });
}

const canIsolate =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up']).status === 0 &&
  !process.env.REGEN_DOC_COMMANDS_SHARED_NETWORK;
const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const debianPostgres = () => {
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => exists(`/usr/lib/postgresql/${v}/bin/initdb`));
  } catch {
    return false;
  }
};
const servicesInstalled =
  (Boolean(process.env.REGEN_SANDBOX_DATABASE_URL) || has('initdb') || debianPostgres()) &&
  (Boolean(process.env.REGEN_SANDBOX_REDIS_URL) || has('redis-server'));
const env = {
  ...process.env,
  FORCE_COLOR: '0',
  REGEN_API_KEY: `rg_test_${randomBytes(16).toString('hex')}`,
  REGEN_BENCH_SMOKE: '1',
  SCARF_ANALYTICS: 'false',
};
delete env.REGEN_BASE_URL;

const READY = {
  stub: /"event":"listening"/,
  start: /Ctrl-C/,
};
const stubReady = READY.stub;

/**
 * A network namespace for one block: a sleeping holder process whose namespace commands enter.
 * Resolves once the holder is in its new namespace: until `unshare` has run, `nsenter -t <pid>`
 * would enter the namespace it was spawned in (ours), and a block's server and its `curl` could
 * end up in different namespaces (seen as "connection refused" right after the ready line).
 */
async function isolate() {
  if (!canIsolate) return null;
  const holder = spawn('unshare', ['-n', 'sleep', '3600'], { stdio: 'ignore' });
  const ours = readlinkSync('/proc/self/ns/net');
  for (let i = 0; i < 500; i++) {
    let theirs = ours;
    try {
      theirs = readlinkSync(`/proc/${holder.pid}/ns/net`);
    } catch {}
    if (theirs !== ours) return holder;
    await new Promise((r) => setTimeout(r, 10));
  }
  holder.kill('SIGKILL');
  throw new Error('unshare -n did not make a network namespace within 5 s');
}

function wrap(ns, command) {
  const script = ns ? `ip link set lo up; ${command}` : command;
  return ns
    ? ['nsenter', ['-t', String(ns.pid), '-n', '--', 'bash', '-c', script]]
    : ['bash', ['-c', script]];
}

/**
 * Runs a command to its end. Asynchronous on purpose: the servers of the block keep writing logs
 * to their pipes meanwhile, and a blocked event loop would leave those full and the servers stuck.
 */
function runOnce(
  ns,
  command,
  blockEnv,
  timeoutMs = Number(process.env.REGEN_DOC_COMMAND_TIMEOUT_MS ?? 180_000),
) {
  const [bin, args] = wrap(ns, command);
  return new Promise((resolve) => {
    const child = spawn(bin, args, {
      cwd: root,
      env: blockEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signal = null;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      signal = 'SIGTERM (timeout)';
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.once('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ status: code, signal: signal ?? sig, stdout, stderr });
    });
  });
}

/** Starts a long-running command; resolves with a stop function once `ready` matches its output. */
function startServer(ns, command, blockEnv, ready, timeoutMs = 120_000) {
  const [bin, args] = wrap(ns, command);
  const child = spawn(bin, args, {
    cwd: root,
    env: blockEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // The whole process group: a server's own children (npm → node → instances) go with it,
  // even when the command itself has already exited.
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let stopped = false;
  let exited = null; // how the command ended, when it ended after its ready line
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    for (let i = 0; i < 100 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
    // Only a group still alive: a dead group's id may already be a new process's (PIDs wrap).
    if (groupAlive()) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  };
  // What the report shows of the server: its output, and whether it ended under the block.
  const describe = () => `${output}${exited && !stopped ? `\n[the server's command ended: ${exited}]` : ''}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no ready line (${ready}) within ${timeoutMs / 1000} s\n${output.slice(-2000)}`));
    }, timeoutMs);
    let isReady = false;
    const onData = (d) => {
      output += d;
      if (!isReady && ready.test(output)) {
        isReady = true;
        clearTimeout(timer);
        resolve({ stop, output: describe });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (isReady) {
        // Ended after its ready line: say so in the report of the next command that fails.
        exited = `exit ${code ?? signal}`;
        return;
      }
      void stop();
      reject(new Error(`exited (${code ?? signal}) before its ready line\n${output.slice(-2000)}`));
    });
  });
}

function classify(command) {
  if (/^npm (install|i)$/.test(command)) return { kind: 'setup' };
  if (/^npm (install|i) && /.test(command)) return classify(command.replace(/^npm (install|i) && /, ''));
  if (/^npm (run )?test\b/.test(command) || /^npm test/.test(command)) {
    return { kind: 'skip', reason: 'the test command itself: CI runs it' };
  }
  if (/\bsandbox\b|postgres|redis/i.test(command) && !servicesInstalled) {
    return {
      kind: 'skip',
      reason: 'needs PostgreSQL and Redis, which are not installed here (CI installs them)',
    };
  }
  if (/…|<[a-z][\w -]*>/i.test(command.replace(/#.*$/, ''))) {
    // A template for the reader to fill in (`[fault …]`, `<credential>`): nothing to run as written.
    return {
      kind: 'skip',
      reason: 'a template with a placeholder (…, <name>), not a command to run as written',
    };
  }
  if (/^export\s/.test(command)) return { kind: 'env', command };
  if (/^npm start\b/.test(command)) return { kind: 'server', command, ready: READY.start };
  if (/&\s*(#.*)?$/.test(command) && !/&&\s*$/.test(command)) {
    return { kind: 'server', command: command.replace(/&\s*(#.*)?$/, ''), ready: stubReady };
  }
  if (/^(npx )?regen-stub\b/.test(command) && !/--(help|version)\b/.test(command)) {
    return { kind: 'server', command, ready: stubReady };
  }
  return { kind: 'run', command };
}

const needsServerPort = (command) => /(?:127\.0\.0\.1|localhost):(\d+)/.exec(command)?.[1];

const results = { passed: 0, failed: 0, skipped: 0 };
const started = performance.now();
const report = (ok, where, command, detail, t) => {
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  if (ok === 'skip') {
    results.skipped += 1;
    console.log(`  - ${where}  ${command}\n      skipped: ${detail}`);
  } else if (ok) {
    results.passed += 1;
    console.log(`  ✔ ${where}  ${command} (${seconds}s)${detail ? `\n      ${detail}` : ''}`);
  } else {
    results.failed += 1;
    console.log(`  ✘ ${where}  ${command} (${seconds}s)\n${String(detail).replace(/^/gm, '      ')}`);
  }
};

const rootFiles = () => new Set(readdirSync(root));

console.log(
  `commands of ${files.join(', ')}${canIsolate ? ' (each block in its own network namespace)' : ''}`,
);
// The READMEs' `check-python.mjs --venv` installs from the package index, which a block's own network
// namespace cannot reach: the virtual environment is made (or found current) here, outside it, and
// the README's command then finds it current, as it would on a reader's machine after the first run.
if (
  parts.commands &&
  files.some((f) =>
    blocksOf(f)
      .flat()
      .some((c) => c.command.includes('.venv-python')),
  )
) {
  await pythonVenv(root).catch((error) =>
    console.log(`  (could not prepare .venv-python: ${error.message})`),
  );
}
// The same for the Python benchmark's own venv (.venv-bench-python).
if (
  parts.commands &&
  files.some((f) =>
    blocksOf(f)
      .flat()
      .some((c) => c.command.includes('bench/python-sdk-bench.mjs')),
  )
) {
  const made = spawnSync(process.execPath, [path.join(root, 'bench/python-sdk-bench.mjs'), '--venv'], {
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (made.status !== 0) console.log(`  (could not prepare .venv-bench-python: ${made.stderr})`);
}

for (const file of parts.commands ? files : []) {
  for (const block of blocksOf(file)) {
    if (onlyLine && !block.some((c) => c.where === `${file}:${onlyLine}`)) continue;
    const ns = await isolate();
    const blockEnv = { ...env };
    let server = null; // the block's own server (a README command)
    let helper = null; // a stub this test started for a command that calls one
    let serverSkipped = null; // why the block's server did not run
    const before = rootFiles();
    const stopAll = async () => {
      await server?.stop();
      await helper?.stop();
      server = null;
      helper = null;
    };
    for (const { command, where } of block) {
      const t = performance.now();
      const c = classify(command);
      if (c.kind === 'setup') {
        report('skip', where, command, 'the set-up command (done before this test runs)', t);
        continue;
      }
      if (c.kind === 'skip') {
        serverSkipped = c.reason;
        report('skip', where, command, c.reason, t);
        continue;
      }
      if (c.kind === 'env') {
        // On its own line: the command may end in a comment.
        const out = await runOnce(ns, `set -e\n${c.command}\nenv -0`, blockEnv);
        if (out.status === 0) {
          for (const pair of out.stdout.split('\0')) {
            const i = pair.indexOf('=');
            if (i > 0) blockEnv[pair.slice(0, i)] = pair.slice(i + 1);
          }
          report(true, where, command, '', t);
        } else report(false, where, command, out.stderr, t);
        continue;
      }
      if (c.kind === 'server') {
        await stopAll();
        try {
          server = await startServer(ns, c.command, blockEnv, c.ready);
          const line = server
            .output()
            .split('\n')
            .find((l) => c.ready.test(l));
          report(true, where, command, `ready: ${line?.trim().slice(0, 160)}`, t);
        } catch (error) {
          server = null;
          report(false, where, command, error.message, t);
        }
        continue;
      }
      const port = needsServerPort(c.command);
      if (port && serverSkipped) {
        report('skip', where, command, `the block's server was skipped (${serverSkipped})`, t);
        continue;
      }
      if (port && !server && !helper) {
        try {
          helper = await startServer(
            ns,
            `node packages/stub/dist/cli.js --port ${port} --admin-key "$REGEN_API_KEY" --log-level warn --rate-limits standard=100000/1h,burst=10000/1m,write=100000/1h,auth=40/15m`,
            blockEnv,
            stubReady,
          );
        } catch (error) {
          report(false, where, command, `could not start a stub on port ${port}: ${error.message}`, t);
          continue;
        }
      }
      const out = await runOnce(ns, c.command, blockEnv);
      const tail = `${out.stdout ?? ''}${out.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
      const last = (out.stdout ?? '').trim().split('\n').at(-1) || tail.split('\n').at(-1);
      if (out.status === 0) report(true, where, command, last?.slice(0, 160), t);
      else {
        const serverTail = (server ?? helper)?.output().trim().split('\n').slice(-8).join('\n');
        report(
          false,
          where,
          command,
          `exit ${out.status ?? out.signal}\n${tail}${serverTail ? `\nserver:\n${serverTail}` : ''}`,
          t,
        );
      }
    }
    await stopAll();
    ns?.kill('SIGKILL');
    // Files a command wrote into the repository root (a report file) are the reader's, not the repository's.
    for (const name of rootFiles()) {
      if (!before.has(name) && statSync(path.join(root, name)).isFile()) rmSync(path.join(root, name));
    }
  }
}

const commandCount = results.passed + results.failed + results.skipped;
const commandSeconds = ((performance.now() - started) / 1000).toFixed(1);

// The TypeScript and Python blocks (of `FILE`, or the one holding `FILE:LINE`).
const codeStarted = performance.now();
const codeBlocks = files
  .flatMap((file) => markdownBlocks(root, file))
  .filter(
    (b) =>
      !onlyLine ||
      (Number(onlyLine) >= b.line - 1 && Number(onlyLine) <= b.line + b.code.split('\n').length - 1),
  );
const codeCounts = parts.code ? await checkCodeBlocks(root, codeBlocks, report) : { ts: 0, python: 0 };

console.log(
  `${commandCount} commands (${commandSeconds}s), ${codeCounts.ts} TypeScript and ${codeCounts.python} Python blocks (${((performance.now() - codeStarted) / 1000).toFixed(1)}s) checked: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped (${((performance.now() - started) / 1000).toFixed(1)}s)`,
);
process.exit(results.failed === 0 ? 0 : 1);
